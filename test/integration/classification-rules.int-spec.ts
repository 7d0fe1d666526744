import { getConnectionToken } from '@nestjs/mongoose';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from 'mongoose';
import { DEFAULT_RULES, DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { AppConfig } from '@lib/config';
import { CategoriesService } from '../../apps/classification/src/categories.service';
import { ClassificationService } from '../../apps/classification/src/classification.service';
import { LiveRuleset } from '../../apps/classification/src/live-ruleset.service';
import { RulesService } from '../../apps/classification/src/rules.service';
import { RulesetStore } from '../../apps/classification/src/ruleset.store';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { graphql, http } from '../support/http';
import { testConfig, waitFor } from '../support/test-config';

/**
 * Rules and categories over the API, their live propagation to every classification instance,
 * conflicts, imports (ours and ActivityWatch) and the dry-run classify. Tests run in order and
 * share one database: each builds on the ruleset the previous ones left.
 */
describe('classification rules: API, live updates, imports', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let second: RunningPipeline;
  let admin: string;
  let reader: string;
  let mongo: Connection;
  let eventCounter = 0;

  const instances = () => [pipeline.apps.classification!, second.apps.classification!];
  /** Changes reach instances asynchronously: wait until both classify with this version. */
  const untilActive = (version: number) =>
    waitFor(async () => instances().every((app) => app.get(LiveRuleset).current.version >= version), `ruleset version ${version} on both instances`);

  /** Posts one event and waits until it is stored; returns the stored usage log. */
  async function classifyThroughPipeline(event: { app: string; title?: string; url?: string }) {
    const eventId = `rules-evt-${++eventCounter}`;
    const posted = await http('POST', `${pipeline.url}/v1/events`, {
      key: admin,
      body: { events: [{ eventId, userId: 'dana', startedAt: '2026-11-22T09:30:00Z', durationSec: 60, ...event }] },
    });
    expect(posted.status).toBe(202);
    return waitFor(async () => mongo.collection('usage_logs').findOne({ _id: eventId as never }), `stored event ${eventId}`);
  }

  beforeAll(async () => {
    config = testConfig();
    // No inference: an event reaches usage_logs only if classification itself knew it.
    // Two classification instances start at once against an empty database (seeding race).
    const started = await Promise.allSettled([
      startPipeline(config, ['gateway', 'ingestion', 'classification', 'leaderboard']),
      startPipeline(config, ['classification']),
    ]);
    [pipeline, second] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined!));
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    mongo = pipeline.apps.leaderboard!.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    await second?.close();
    await pipeline?.close();
  });

  it('seeds the default taxonomy and rules once, even with two instances starting together', async () => {
    expect(await mongo.collection('rules').countDocuments()).toBe(DEFAULT_RULES.length);
    expect(await mongo.collection('categories').countDocuments()).toBe(DEFAULT_TAXONOMY.length);
    expect(await mongo.collection('ruleset_meta').findOne({ _id: 'ruleset' as never })).toMatchObject({ version: 1 });

    const categories = await http('GET', `${pipeline.url}/v1/categories`, { key: admin });
    expect(categories.status).toBe(200);
    expect(categories.body.rulesetVersion).toBe(1);
    expect(categories.body.items).toContainEqual({ id: 'work:programming', name: 'Programming', parentId: 'work', color: '#1565C0', productive: true });

    const page = await http('GET', `${pipeline.url}/v1/rules?kind=domain&limit=2`, { key: admin });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(DEFAULT_RULES.filter((r) => r.kind === 'domain').length);
    expect(page.body.items).toHaveLength(2);

    const one = await http('GET', `${pipeline.url}/v1/rules/${encodeURIComponent('domain:github.com')}`, { key: admin });
    expect(one.body).toMatchObject({ id: 'domain:github.com', kind: 'domain', pattern: 'github.com', categoryId: 'work:programming' });
    const missing = await http('GET', `${pipeline.url}/v1/rules/nope`, { key: admin });
    expect([missing.status, missing.body.field, missing.body.message]).toEqual([404, 'id', 'rule "nope" not found']);
    const missingCategory = await http('PATCH', `${pipeline.url}/v1/categories/nope`, { key: admin, body: { color: '#ffffff' } });
    expect([missingCategory.status, missingCategory.body.field]).toEqual([404, 'id']);
  });

  it('refuses bad rules with 400 naming the field, and non-admin keys', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ kind: 'title-regex', pattern: '(unclosed', categoryId: 'work' }, 'pattern', /^pattern Invalid regular expression: .*Unterminated group/],
      [{ kind: 'title-regex', pattern: '(jira)-\\d+ \\1', categoryId: 'work' }, 'pattern', /^pattern regular expression \/\(jira\)-\\d\+ \\1\/ cannot be matched in linear time \(backreferences, lookahead/],
      [{ kind: 'app', pattern: 'x', categoryId: 'no:such' }, 'categoryId', /^categoryId "no:such" is not a known category$/],
      [{ kind: 'app', pattern: '   ', categoryId: 'work' }, 'pattern', /^pattern must be a non-empty string$/],
      [{ kind: 'url', pattern: 'x', categoryId: 'work' }, 'kind', /^kind must be one of/],
      [{ kind: 'domain', pattern: 'x.com?q=1', categoryId: 'work' }, 'pattern', /query or fragment/],
      [{ kind: 'title-regex', pattern: '^\\p{Lu}', categoryId: 'work' }, 'pattern', /^pattern regular expression \/\^\\p\{Lu\}\/ escapes the letter p, which means just that letter here/],
    ];
    for (const [body, field, message] of cases) {
      const response = await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body });
      expect([response.status, response.body.details?.field]).toEqual([400, field]);
      expect(response.body.message).toMatch(message);
    }
    expect((await http('POST', `${pipeline.url}/v1/rules`, { key: reader, body: cases[0][0] })).status).toBe(403);
    expect((await http('GET', `${pipeline.url}/v1/categories`)).status).toBe(401);
    // The categories are the boards a reader may ask for (the dashboard lists them with a read key); only changes need admin.
    const listed = await http('GET', `${pipeline.url}/v1/categories`, { key: reader });
    expect([listed.status, listed.body.items?.length]).toEqual([200, DEFAULT_TAXONOMY.length]);
    expect((await graphql(pipeline.url, reader, '{ categories { items { id } } }')).body.data?.categories.items).toHaveLength(DEFAULT_TAXONOMY.length);
    expect((await http('POST', `${pipeline.url}/v1/categories`, { key: reader, body: { name: 'Reader', parentId: 'work' } })).status).toBe(403);
    expect((await http('PATCH', `${pipeline.url}/v1/categories/work`, { key: reader, body: { color: '#000000' } })).status).toBe(403);

    const category = await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { name: 'Bad', parentId: 'missing' } });
    expect([category.status, category.body.details?.field, category.body.message]).toEqual([400, 'parentId', 'parentId unknown parent "missing"']);
    // A misspelt category filter answered an empty page, as if the category had no rules.
    const filtered = await http('GET', `${pipeline.url}/v1/rules?categoryId=work:programing`, { key: admin });
    expect([filtered.status, filtered.body.field, filtered.body.message]).toEqual([400, 'categoryId', 'categoryId "work:programing" is not a known category (GET /v1/categories lists them)']);
    expect((await http('GET', `${pipeline.url}/v1/rules?categoryId=work:programming&limit=1`, { key: admin })).status).toBe(200);
  });

  it('a rule added over the API changes the next event on both running instances, without restart', async () => {
    const before = await classifyThroughPipeline({ app: 'Code', title: 'main.ts' });
    expect(before).toMatchObject({ categoryId: 'work:programming', classification: { source: 'rule', ruleId: 'app:code', rulesetVersion: 1 } });

    const added = Date.now();
    const created = await http('POST', `${pipeline.url}/v1/rules`, {
      key: admin,
      body: { id: 'mine:code-is-writing', kind: 'app', pattern: 'Code.exe', categoryId: 'work:writing', override: true },
    });
    expect(created.status).toBe(201);
    expect(created.body.rulesetVersion).toBeGreaterThan(1);
    expect(created.body.rule).toMatchObject({ id: 'mine:code-is-writing', categoryId: 'work:writing', override: true });

    // Each instance is asked directly (the durable consumer spreads events over both).
    const propagationMs = await Promise.all(
      instances().map(async (app) => {
        await waitFor(async () => (await app.get(ClassificationService).classifyItems([{ app: 'code' }])).results[0].category === 'work:writing', 'the new rule on an instance', 10_000, 10);
        return Date.now() - added;
      }),
    );
    console.log(`rule propagation (POST sent → instance classifies with it): ${propagationMs.map((ms) => `${ms} ms`).join(', ')}`);

    for (let i = 0; i < 4; i++) {
      const after = await classifyThroughPipeline({ app: 'Code', title: 'main.ts' });
      expect(after).toMatchObject({
        categoryId: 'work:writing',
        boards: ['work', 'work:writing', 'productive', 'total'],
        classification: { source: 'rule', ruleId: 'mine:code-is-writing', confidence: 1, rulesetVersion: created.body.rulesetVersion },
      });
    }

    const removed = await http('DELETE', `${pipeline.url}/v1/rules/mine:code-is-writing`, { key: admin });
    expect(removed.body).toEqual({ rulesetVersion: created.body.rulesetVersion + 1, deleted: 'mine:code-is-writing' });
    await waitFor(async () => (await instances()[1].get(ClassificationService).classifyItems([{ app: 'code' }])).results[0].category === 'work:programming', 'the rule gone');
  });

  it('creates, changes and deletes categories and rules', async () => {
    const created = await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { name: 'Deep Work', parentId: 'work' } });
    expect(created.status).toBe(201);
    expect(created.body.category).toEqual({ id: 'work:deep-work', name: 'Deep Work', parentId: 'work', color: '#1E88E5', productive: true });
    // A name whose id (derived from it) is taken: the 409 named `id`, which the request never sent.
    const sameSlug = await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { name: 'Deep  work!', parentId: 'work' } });
    expect([sameSlug.status, sameSlug.body.field, sameSlug.body.message]).toEqual([
      409,
      'name',
      'name "Deep  work!" gives the id "work:deep-work", which category "Deep Work" has already: give another name or an id',
    ]);
    const sameId = await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { id: 'work:deep-work', name: 'Focus' } });
    expect([sameId.status, sameId.body.field, sameId.body.message]).toEqual([409, 'id', 'id: a category "work:deep-work" exists already']);

    const moved = await http('PATCH', `${pipeline.url}/v1/categories/work:deep-work`, { key: admin, body: { parentId: null, color: '#000000' } });
    expect(moved.body.category).toEqual({ id: 'work:deep-work', name: 'Deep Work', color: '#000000', productive: true });
    await http('PATCH', `${pipeline.url}/v1/categories/work:deep-work`, { key: admin, body: { parentId: 'work' } });
    const cycle = await http('PATCH', `${pipeline.url}/v1/categories/work`, { key: admin, body: { parentId: 'work:deep-work' } });
    expect([cycle.status, cycle.body.details.field]).toEqual([400, 'parentId']);
    expect(cycle.body.message).toMatch(/^parentId parent cycle/);

    const rule = await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: { kind: 'title-keyword', pattern: 'focus block', categoryId: 'work:deep-work' } });
    const id = rule.body.rule.id;
    const patched = await http('PATCH', `${pipeline.url}/v1/rules/${id}`, { key: admin, body: { priority: 5, appFilter: 'Calendar' } });
    expect(patched.body.rule).toMatchObject({ id, kind: 'title-keyword', pattern: 'focus block', priority: 5, appFilter: 'Calendar' });
    const unfiltered = await http('PATCH', `${pipeline.url}/v1/rules/${id}`, { key: admin, body: { appFilter: null } });
    expect(unfiltered.body.rule).not.toHaveProperty('appFilter');
    expect(unfiltered.body.rule.createdAt).toBe(rule.body.rule.createdAt);
    const renamed = await http('PATCH', `${pipeline.url}/v1/rules/${id}`, { key: admin, body: { id: 'other' } });
    expect([renamed.status, renamed.body.details.field]).toEqual([400, 'id']);

    const inUse = await http('DELETE', `${pipeline.url}/v1/categories/work:deep-work`, { key: admin });
    expect([inUse.status, inUse.body.field, inUse.body.message]).toEqual([409, 'id', 'category "work:deep-work" is still used by 1 rule: move or delete them first']);
    expect((await http('DELETE', `${pipeline.url}/v1/rules/${id}`, { key: admin })).status).toBe(200);
    expect((await http('DELETE', `${pipeline.url}/v1/categories/work:deep-work`, { key: admin })).status).toBe(200);
    expect((await http('DELETE', `${pipeline.url}/v1/categories/work:deep-work`, { key: admin })).status).toBe(404);
    expect((await http('PATCH', `${pipeline.url}/v1/rules/${id}`, { key: admin, body: { priority: 1 } })).status).toBe(404);

    // Nothing uses it, but the model's unsure answers go there: deleting it hid their time.
    const fallback = await http('DELETE', `${pipeline.url}/v1/categories/uncategorized`, { key: admin });
    expect([fallback.status, fallback.body.field, fallback.body.message]).toEqual([
      409, 'id', 'category "uncategorized" cannot be deleted: events that no rule, known answer or model places are counted under it (rename or recolor it instead)',
    ]);
    const recolored = await http('PATCH', `${pipeline.url}/v1/categories/uncategorized`, { key: admin, body: { color: '#AAAAAA' } });
    expect([recolored.status, recolored.body.category?.color]).toEqual([200, '#AAAAAA']);
  });

  it('a patch that changes nothing (empty, or the current values) answers the item as it is under the current version', async () => {
    const version = async () => (await http('GET', `${pipeline.url}/v1/rules?limit=1`, { key: admin })).body.rulesetVersion as number;
    const before = await version();
    const rule = (await http('GET', `${pipeline.url}/v1/rules/app:code`, { key: admin })).body;
    const category = (await http('GET', `${pipeline.url}/v1/categories`, { key: admin })).body.items.find((c: { id: string }) => c.id === 'work');
    for (const body of [{}, { pattern: rule.pattern, categoryId: rule.categoryId }]) {
      // Each used to commit a new version, which every classification instance reloaded and every client saw as a change.
      expect(await http('PATCH', `${pipeline.url}/v1/rules/app:code`, { key: admin, body })).toMatchObject({ status: 200, body: { rulesetVersion: before, rule } });
    }
    for (const body of [{}, { name: category.name, color: category.color }]) {
      expect(await http('PATCH', `${pipeline.url}/v1/categories/work`, { key: admin, body })).toMatchObject({ status: 200, body: { rulesetVersion: before, category } });
    }
    const gql = await graphql(
      pipeline.url,
      admin,
      'mutation { updateRule(id: "app:code", patch: {}) { rulesetVersion rule { id updatedAt } } updateCategory(id: "work", patch: { productive: true }) { rulesetVersion category { id productive } } }',
    );
    expect(gql.body).toEqual({
      data: { updateRule: { rulesetVersion: before, rule: { id: 'app:code', updatedAt: rule.updatedAt } }, updateCategory: { rulesetVersion: before, category: { id: 'work', productive: true } } },
    });
    expect(await version()).toBe(before);
    // A real change still is one.
    const changed = await http('PATCH', `${pipeline.url}/v1/rules/app:code`, { key: admin, body: { priority: (rule.priority ?? 0) + 1 } });
    expect(changed.body.rulesetVersion).toBe(before + 1);
    await http('PATCH', `${pipeline.url}/v1/rules/app:code`, { key: admin, body: { priority: rule.priority ?? null } });
  });

  it('reports conflicts: refuses them by default, skips them explicitly on request', async () => {
    const single = await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: { id: 'mine:gh', kind: 'domain', pattern: 'www.GitHub.com', categoryId: 'entertainment' } });
    expect(single.status).toBe(409);
    expect(single.body.details.conflicts).toEqual([
      { kind: 'domain', pattern: 'github.com', ruleIds: ['domain:github.com', 'mine:gh'], categoryIds: ['entertainment', 'work:programming'], resolvedByPrecedence: false },
    ]);

    const document = {
      version: 1,
      categories: [{ id: 'work:client-a', name: 'Client A', parentId: 'work', color: '#123456', productive: true }],
      rules: [
        { id: 'mine:gh', kind: 'domain', pattern: 'github.com', categoryId: 'entertainment' },
        { id: 'mine:acme', kind: 'domain', pattern: 'acme-client.example', categoryId: 'work:client-a' },
      ],
    };
    const refused = await http('POST', `${pipeline.url}/v1/rules/import`, { key: admin, body: document });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/^import refused: 1 conflict/);
    expect(refused.body.details.conflicts).toHaveLength(1);
    expect(refused.body.field).toBe('rules[0]');
    // An option in the body was ignored: "mode": "replace" merged, "onConflict": "skip" refused.
    const optionInBody = await http('POST', `${pipeline.url}/v1/rules/import`, { key: admin, body: { ...document, onConflict: 'skip' } });
    expect([optionInBody.status, optionInBody.body.field]).toEqual([400, 'onConflict']);
    expect(optionInBody.body.message).toMatch(/^onConflict is not a field of a ruleset document \(version, categories, rules, corrections\); onConflict and mode are options of the request \(query string; GraphQL arguments\)$/);
    expect((await http('GET', `${pipeline.url}/v1/rules/mine:acme`, { key: admin })).status).toBe(404);

    const skipped = await http('POST', `${pipeline.url}/v1/rules/import?onConflict=skip`, { key: admin, body: document });
    expect(skipped.status).toBe(201);
    expect(skipped.body).toMatchObject({
      onConflict: 'skip',
      mode: 'merge',
      categories: { created: ['work:client-a'], updated: [], kept: [] },
      rules: { imported: 1, skipped: ['mine:gh'], removed: 0 },
    });
    expect(skipped.body.conflicts).toEqual(refused.body.details.conflicts);
    expect((await http('GET', `${pipeline.url}/v1/rules/mine:acme`, { key: admin })).body).toMatchObject({ categoryId: 'work:client-a' });
    expect((await http('GET', `${pipeline.url}/v1/rules/mine:gh`, { key: admin })).status).toBe(404);

    const badOption = await http('POST', `${pipeline.url}/v1/rules/import?onConflict=maybe`, { key: admin, body: document });
    expect([badOption.status, badOption.body.message]).toEqual([400, 'onConflict must be one of reject, skip']);
    const badRule = await http('POST', `${pipeline.url}/v1/rules/import`, { key: admin, body: { ...document, rules: [{ ...document.rules[1], pattern: '' }] } });
    expect([badRule.status, badRule.body.details.field]).toEqual([400, 'rules[0].pattern']);
  });

  it('exports the ruleset and imports the export back unchanged', async () => {
    const exported = await http('GET', `${pipeline.url}/v1/rules/export`, { key: admin });
    expect(exported.status).toBe(200);
    const total = (await http('GET', `${pipeline.url}/v1/rules?limit=1`, { key: admin })).body.total;
    expect(exported.body.rules).toHaveLength(total);
    expect(exported.body.rules[0]).not.toHaveProperty('createdAt');
    expect(exported.body.categories).toContainEqual({ id: 'work:client-a', name: 'Client A', parentId: 'work', color: '#123456', productive: true });

    const reimported = await http('POST', `${pipeline.url}/v1/rules/import`, { key: admin, body: exported.body });
    expect(reimported.status).toBe(201);
    expect(reimported.body).toMatchObject({ categories: { created: [], updated: [] }, rules: { imported: total, skipped: [] }, conflicts: [] });
    // Nothing changed, so no new version: every instance would reload the whole ruleset for it, and
    // every stored "cannot tell" answer would be asked of the model and the LLM again.
    expect(reimported.body.rulesetVersion).toBe(exported.body.version);
    const replaced = await http('POST', `${pipeline.url}/v1/rules/import?mode=replace`, { key: admin, body: exported.body });
    expect(replaced.body).toMatchObject({ rulesetVersion: exported.body.version, categories: { removed: [] }, rules: { removed: 0 }, corrections: { removed: 0 } });
    expect(await mongo.collection('rules').countDocuments()).toBe(total);
  });

  it('a replace import keeps uncategorized, and the rules it brings may name it', async () => {
    const exported = (await http('GET', `${pipeline.url}/v1/rules/export`, { key: admin })).body;
    const document = {
      ...exported,
      categories: exported.categories.filter((c: { id: string }) => c.id !== 'uncategorized'),
      rules: [...exported.rules, { id: 'mine:unsorted-tool', kind: 'app', pattern: 'unsorted-tool', categoryId: 'uncategorized' }],
    };
    const imported = await http('POST', `${pipeline.url}/v1/rules/import?mode=replace`, { key: admin, body: document });
    expect([imported.status, imported.body.field]).toEqual([201, undefined]);
    expect(imported.body.categories.removed).toEqual([]);
    await untilActive(imported.body.rulesetVersion);
    expect(await classifyThroughPipeline({ app: 'unsorted-tool' })).toMatchObject({ categoryId: 'uncategorized', classification: { ruleId: 'mine:unsorted-tool' } });
    expect((await http('DELETE', `${pipeline.url}/v1/rules/mine:unsorted-tool`, { key: admin })).status).toBe(200);
  });

  it('an import reaches every instance as the change it made, without reading the ruleset again', async () => {
    const before = (await http('GET', `${pipeline.url}/v1/rules/export`, { key: admin })).body;
    // A full reload takes a second or more: events sent right after the import were classified
    // without it (6 of 6 in a quick test), while a dry run already answered with it.
    const loads = instances().map((app) => jest.spyOn(app.get(RulesetStore), 'load').mockRejectedValue(new Error('no full reload in this test')));
    try {
      const question = { app: 'ledgerly', title: 'Q3 close' };
      const merged = await http('POST', `${pipeline.url}/v1/rules/import`, {
        key: admin,
        body: {
          version: 1,
          categories: [{ id: 'work:imported-live', name: 'Imported live', parentId: 'work', color: '#224466', productive: true }],
          rules: [{ id: 'mine:imported-live', kind: 'app', pattern: 'imported-live-app', categoryId: 'work:imported-live' }],
          corrections: [...before.corrections, { ...question, categoryId: 'work:imported-live' }],
        },
      });
      expect(merged.status).toBe(201);
      await untilActive(merged.body.rulesetVersion);
      for (const app of instances()) {
        const { results } = await app.get(ClassificationService).classifyItems([{ app: 'imported-live-app' }, question]);
        expect(results).toMatchObject([{ category: 'work:imported-live', ruleId: 'mine:imported-live' }, { category: 'work:imported-live', source: 'manual' }]);
      }

      const replaced = await http('POST', `${pipeline.url}/v1/rules/import?mode=replace`, { key: admin, body: before });
      expect(replaced.body).toMatchObject({ categories: { removed: ['work:imported-live'] }, rules: { removed: 1 }, corrections: { removed: 1 } });
      await untilActive(replaced.body.rulesetVersion);
      for (const app of instances()) {
        const { results } = await app.get(ClassificationService).classifyItems([{ app: 'imported-live-app' }, question]);
        expect(results.map((r) => r.category)).not.toContain('work:imported-live');
      }
    } finally {
      for (const load of loads) load.mockRestore();
    }
    // What each instance built from the changes is what Mongo holds.
    for (const app of instances()) {
      const held = app.get(LiveRuleset).current.stored;
      const stored = await app.get(RulesetStore).load();
      const byId = <T extends { id?: string; key?: string }>(items: T[]) => [...items].sort((a, b) => ((a.id ?? a.key)! < (b.id ?? b.key)! ? -1 : 1));
      expect([byId(held.categories), byId(held.rules), byId(held.manual)]).toEqual([byId(stored.categories), byId(stored.rules), byId(stored.manual)]);
    }
  });

  it('imports ActivityWatch categories with their hierarchy; a matching event lands in the imported category', async () => {
    const awExport = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'aw-categories.json'), 'utf8'));
    const imported = await http('POST', `${pipeline.url}/v1/rules/import/activitywatch`, { key: admin, body: awExport });
    expect(imported.status).toBe(201);
    expect(imported.body.categories.created).toEqual(expect.arrayContaining(['media', 'media:games', 'comms', 'comms:video-calls', 'side-projects', 'side-projects:homelab', 'work:programming:activitywatch']));
    // Categories we already have keep their settings.
    expect(imported.body.categories.kept).toEqual(expect.arrayContaining(['work', 'work:programming', 'uncategorized']));
    expect(imported.body.rules).toMatchObject({ imported: 15, skipped: [] });
    expect(imported.body.conflicts).toEqual([]);
    await untilActive(imported.body.rulesetVersion);

    const categories: Array<{ id: string }> = (await http('GET', `${pipeline.url}/v1/categories`, { key: admin })).body.items;
    const byId = new Map(categories.map((c) => [c.id, c]));
    expect(byId.get('media')).toEqual({ id: 'media', name: 'Media', color: '#9E9E9E', productive: false });
    expect(byId.get('media:games')).toEqual({ id: 'media:games', name: 'Games', parentId: 'media', color: '#0FF', productive: false });
    expect(byId.get('side-projects:homelab')).toEqual({ id: 'side-projects:homelab', name: 'Homelab', parentId: 'side-projects', color: '#795548', productive: true });
    expect(byId.get('work:programming:activitywatch')).toMatchObject({ parentId: 'work:programming' });
    expect(byId.get('work')).toMatchObject({ color: '#1E88E5' });

    const game = await classifyThroughPipeline({ app: 'java', title: 'Minecraft 1.20.4 - Singleplayer' });
    expect(game).toMatchObject({ categoryId: 'media:games', boards: ['media', 'media:games', 'total'], classification: { source: 'rule', ruleId: 'aw:media:games' } });
    const homelab = await classifyThroughPipeline({ app: 'Firefox', title: 'Dashboard - Proxmox Virtual Environment' });
    expect(homelab).toMatchObject({ categoryId: 'side-projects:homelab', boards: ['side-projects', 'side-projects:homelab', 'productive', 'total'] });

    const again = await http('POST', `${pipeline.url}/v1/rules/import/activitywatch`, { key: admin, body: awExport });
    expect(again.body).toMatchObject({ categories: { created: [] }, rules: { imported: 15, skipped: [] }, conflicts: [] });

    // Checked as any category: a 101-character name was stored, and the category then refused every PATCH.
    const longName = 'N'.repeat(101);
    const tooLong = await http('POST', `${pipeline.url}/v1/rules/import/activitywatch`, { key: admin, body: { categories: [{ name: ['Fine'] }, { name: [longName] }] } });
    expect([tooLong.status, tooLong.body.field, tooLong.body.message]).toEqual([400, `categories["${longName.toLowerCase()}"].name`, `categories["${longName.toLowerCase()}"].name must be a non-empty string of at most 100 characters`]);
    expect((await http('GET', `${pipeline.url}/v1/categories`, { key: admin })).body.items.map((c: { id: string }) => c.id)).not.toContain('fine');

    const twice = { categories: [{ name: ['Fun'], rule: { type: 'regex', regex: 'Zelda' } }, { name: ['Games 2'], rule: { type: 'regex', regex: 'Zelda' } }] };
    const conflicting = await http('POST', `${pipeline.url}/v1/rules/import/activitywatch`, { key: admin, body: twice });
    expect([conflicting.status, conflicting.body.field]).toEqual([409, 'categories["fun"].rule']);

    const notAw = await http('POST', `${pipeline.url}/v1/rules/import/activitywatch`, { key: admin, body: { hello: 'world' } });
    expect([notAw.status, notAw.body.details.field]).toEqual([400, 'categories']);
  });

  it('POST /v1/classify answers 1000 items and refuses 0 or 1001 naming items', async () => {
    const items = Array.from({ length: 1000 }, (_, i) =>
      i % 2 === 0 ? { app: 'Firefox', title: `PR #${i}`, url: `https://github.com/acme/api/pull/${i}` } : { app: `unknown-tool-${i}` },
    );
    const answer = await http('POST', `${pipeline.url}/v1/classify`, { key: reader, body: { items } });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(1000);
    expect(answer.body.results[0]).toEqual({ category: 'work:programming', path: ['Work', 'Programming'], source: 'rule', confidence: 1, ruleId: 'domain:github.com' });
    expect(answer.body.results[1]).toEqual({ category: null, path: [], source: 'none', confidence: 0 });
    expect(answer.body.results.filter((r: { source: string }) => r.source === 'rule')).toHaveLength(500);

    for (const bad of [[], items.concat([{ app: 'one too many' }]), 'nope']) {
      const refused = await http('POST', `${pipeline.url}/v1/classify`, { key: reader, body: { items: bad } });
      expect([refused.status, refused.body.details.field, refused.body.message]).toEqual([400, 'items', 'items must be an array of 1 to 1000 items']);
    }
    // One bad item refused the whole request: each item has its answer, a bad one its index, field and reason.
    const someBad = await http('POST', `${pipeline.url}/v1/classify`, { key: reader, body: { items: [{ title: 'no app' }, { app: 'Firefox', url: 'https://github.com/acme' }, 'text', { app: 'x', titel: 't' }] } });
    expect(someBad.status).toBe(200);
    expect(someBad.body.results).toEqual([null, expect.objectContaining({ category: 'work:programming', ruleId: 'domain:github.com' }), null, null]);
    expect(someBad.body.rejected).toEqual([
      { index: 0, field: 'app', reason: 'must be a non-empty string' },
      { index: 2, field: '(item)', reason: 'must be an object with app, title and url' },
      { index: 3, field: 'titel', reason: 'is not a known field (known: app, title, url)' },
    ]);
    expect((await http('POST', `${pipeline.url}/v1/classify`, { key: reader, body: { items: [{ app: 'Firefox' }] } })).body.rejected).toEqual([]);
    // Without one valid item: a 400 naming the first, listing every one (as POST /v1/events does). Unknown
    // fields were ignored once: a misspelt URL classified the item as if it had none.
    const misspelt = await http('POST', `${pipeline.url}/v1/classify`, { key: reader, body: { items: [{ app: 'Firefox', URL: 'https://github.com/acme' }, { app: '' }] } });
    expect([misspelt.status, misspelt.body.field, misspelt.body.message]).toEqual([400, 'items[0].URL', 'no valid item: items[0].URL is not a known field (known: app, title, url)']);
    expect(misspelt.body.rejected).toEqual([
      { index: 0, field: 'URL', reason: 'is not a known field (known: app, title, url)' },
      { index: 1, field: 'app', reason: 'must be a non-empty string' },
    ]);
    const extra = await http('POST', `${pipeline.url}/v1/classify`, { key: reader, body: { items: [{ app: 'Firefox' }], item: [] } });
    expect([extra.status, extra.body.field, extra.body.message]).toEqual([400, 'item', 'item is not a property of the request: it takes items only']);
  });

  it('gives concurrent changes, on both instances, each a version of its own, and every instance ends with all of them', async () => {
    const before = (await http('GET', `${pipeline.url}/v1/categories`, { key: reader })).body.rulesetVersion;
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) => http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: { id: `mine:concurrent-${i}`, kind: 'app', pattern: `concurrent-app-${i}`, categoryId: 'work:writing' } })),
    );
    expect(created.map((c) => c.status)).toEqual(created.map(() => 201));
    // FerretDB applied $inc without atomicity: changes shared versions, and an instance at the
    // last one never loaded the changes that came with it (6 of 10 rules missing from dry runs).
    const versions = created.map((c) => c.body.rulesetVersion).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => before + i + 1));
    await untilActive(versions[11]);
    const apps = Array.from({ length: 12 }, (_, i) => ({ app: `concurrent-app-${i}` }));
    for (const app of instances()) {
      expect((await app.get(ClassificationService).classifyItems(apps)).results.map((r) => r.category)).toEqual(apps.map(() => 'work:writing'));
    }
    for (let i = 0; i < 12; i++) expect((await http('DELETE', `${pipeline.url}/v1/rules/mine:concurrent-${i}`, { key: admin })).status).toBe(200);
  });

  it('keeps both of two concurrent patches of different fields, of a rule and of a category', async () => {
    // One instance: FerretDB applies no update atomically, so only patches one instance serializes
    // keep each other's fields there (MongoDB: any number, each writing only the fields it changes).
    const rules = instances()[0].get(RulesService);
    const categories = instances()[0].get(CategoriesService);
    for (let round = 0; round < 3; round++) {
      const ruleId = `mine:patched-${round}`;
      await rules.create({ id: ruleId, kind: 'app', pattern: `patched-app-${round}`, categoryId: 'work:writing' });
      const categoryId = `work:patched-${round}`;
      await categories.create({ id: categoryId, name: `Patched ${round}`, parentId: 'work' });
      // Each patch wrote every field as it had read them: the later one undid the other's change.
      await Promise.all([
        rules.update(ruleId, { priority: 7 }),
        rules.update(ruleId, { override: true }),
        categories.update(categoryId, { color: '#111111' }),
        categories.update(categoryId, { productive: false }),
      ]);
      expect((await http('GET', `${pipeline.url}/v1/rules/${ruleId}`, { key: admin })).body).toMatchObject({ priority: 7, override: true });
      const listed = (await http('GET', `${pipeline.url}/v1/categories`, { key: admin })).body.items;
      expect(listed.find((c: { id: string }) => c.id === categoryId)).toMatchObject({ color: '#111111', productive: false });
      expect((await http('DELETE', `${pipeline.url}/v1/rules/${ruleId}`, { key: admin })).status).toBe(200);
      expect((await http('DELETE', `${pipeline.url}/v1/categories/${categoryId}`, { key: admin })).status).toBe(200);
    }
  });

  it('a dry run after a change answered includes it on every instance, announced yet or not', async () => {
    // A change stored and counted in Mongo whose announcement has not arrived (it is put after the
    // write, and the 30 s comparison has not run): what the other instance sees right after a POST.
    const now = new Date();
    await mongo.collection('rules').insertOne({ _id: 'mine:unannounced' as never, kind: 'app', pattern: 'unannounced-app', categoryId: 'work:writing', createdAt: now, updatedAt: now });
    await mongo.collection('ruleset_meta').updateOne({ _id: 'ruleset' as never }, { $inc: { version: 1 } });
    for (const app of instances()) {
      expect((await app.get(ClassificationService).classifyItems([{ app: 'unannounced-app' }])).results[0]).toMatchObject({ category: 'work:writing', ruleId: 'mine:unannounced' });
    }
    await http('DELETE', `${pipeline.url}/v1/rules/mine:unannounced`, { key: admin });
  });

  it('an event sent right after a change was answered is classified with it, even while instances reload the whole ruleset', async () => {
    // A change announced without its content (an import too large for one message): every
    // instance reloads from Mongo, hundreds of ms. Before, batches used the ruleset active
    // meanwhile: the event was classified with the version before the change.
    const store = pipeline.apps.classification!.get(RulesetStore);
    const now = new Date();
    await mongo.collection('rules').insertOne({ _id: 'mine:code-reloaded' as never, kind: 'app', pattern: 'code', categoryId: 'work:writing', override: true, createdAt: now, updatedAt: now });
    const added = await store.commit();
    expect(await classifyThroughPipeline({ app: 'Code', title: 'reload.ts' })).toMatchObject({ categoryId: 'work:writing', classification: { ruleId: 'mine:code-reloaded', rulesetVersion: added.rulesetVersion } });

    await mongo.collection('rules').deleteOne({ _id: 'mine:code-reloaded' as never });
    const removed = await store.commit();
    expect(await classifyThroughPipeline({ app: 'Code', title: 'reload.ts' })).toMatchObject({ categoryId: 'work:programming', classification: { ruleId: 'app:code', rulesetVersion: removed.rulesetVersion } });
  });

  it('a dry run answers what the pipeline then stores, whatever the whitespace in a URL', async () => {
    const created = await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: { id: 'mine:team-space', kind: 'domain', pattern: 'wiki.example/team space', categoryId: 'work:office' } });
    expect(created.status).toBe(201);
    await untilActive(created.body.rulesetVersion);
    for (const url of ['https://wiki.example/team  space/x', 'https://wiki.example/team\tspace/x']) {
      const dryRun = await http('POST', `${pipeline.url}/v1/classify`, { key: admin, body: { items: [{ app: 'firefox', url }] } });
      const stored = await classifyThroughPipeline({ app: 'firefox', url });
      expect(dryRun.body.results[0]).toMatchObject({ category: 'work:office', ruleId: 'mine:team-space' });
      expect(stored).toMatchObject({ categoryId: 'work:office', classification: { ruleId: 'mine:team-space' } });
    }
    await http('DELETE', `${pipeline.url}/v1/rules/mine:team-space`, { key: admin });
  });

  it('offers the same over GraphQL', async () => {
    const overRest = await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: { id: 'mine/located rule', kind: 'title-keyword', pattern: 'located here', categoryId: 'work:office' } });
    expect([overRest.status, overRest.headers.get('location')]).toEqual([201, '/v1/rules/mine%2Flocated%20rule']);
    expect((await http('GET', `${pipeline.url}${overRest.headers.get('location')}`, { key: admin })).body).toMatchObject({ id: 'mine/located rule' });
    const created = await graphql(pipeline.url, admin, 'mutation { createRule(input: { kind: "title-keyword", pattern: "quarterly review", categoryId: "work:office" }) { rulesetVersion rule { id kind } } }');
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createRule.rule).toMatchObject({ kind: 'title-keyword', id: expect.stringMatching(/^rule:[0-9a-f]{12}$/) });

    const bad = await graphql(pipeline.url, admin, 'mutation { createRule(input: { kind: "title-regex", pattern: "[", categoryId: "work" }) { rulesetVersion } }');
    expect(bad.body.errors[0].message).toMatch(/^pattern Invalid regular expression/);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const classified = await graphql(pipeline.url, reader, '{ classify(items: [{ app: "mystery-app", title: "quarterly review prep" }]) { results { category path source } } }');
    expect(classified.body.data.classify.results).toEqual([{ category: 'work:office', path: ['Work', 'Office'], source: 'rule' }]);
    const someBad = await graphql(pipeline.url, reader, '{ classify(items: [{ app: " " }, { app: "mystery-app", title: "quarterly review prep" }]) { results { category } rejected { index field reason } } }');
    expect(someBad.body.data.classify).toEqual({ results: [null, { category: 'work:office' }], rejected: [{ index: 0, field: 'app', reason: 'must be a non-empty string' }] });
    // A read key lists the categories (each is a board) but not the rules.
    const listed = await graphql(pipeline.url, reader, '{ categories { items { id } } }');
    expect(listed.body.data.categories.items.map((c: { id: string }) => c.id)).toContain('work:office');
    const forbidden = await graphql(pipeline.url, reader, '{ rules { items { id } } }');
    expect(forbidden.body.errors[0].message).toMatch(/lacks the "admin" scope/);

    // One refused field nulls itself, not its siblings: before, root fields were non-null and one
    // error made `data` null, so a client never saw the answers of the mutations before it, made all the same.
    const mixed = await graphql(
      pipeline.url,
      admin,
      'mutation { made: createRule(input: { kind: "title-keyword", pattern: "sibling survives", categoryId: "work:office" }) { rule { pattern } } refused: createRule(input: { kind: "title-regex", pattern: "[", categoryId: "work" }) { rulesetVersion } }',
    );
    expect(mixed.body.data).toEqual({ made: { rule: { pattern: 'sibling survives' } }, refused: null });
    expect(mixed.body.errors.map((e: { path: string[] }) => e.path)).toEqual([['refused']]);
    const partly = await graphql(pipeline.url, reader, '{ categories { rulesetVersion } rules { total } }');
    expect(partly.body.data).toEqual({ categories: { rulesetVersion: expect.any(Number) }, rules: null });
  });

  it('a stored rule the engine refuses (from before an upgrade) is listed with its reason and does not hold back later versions', async () => {
    // A title regex with a backreference, stored before such patterns were refused.
    const now = new Date();
    await mongo.collection('rules').insertOne({ _id: 'legacy:backref' as never, kind: 'title-regex', pattern: '(jira)-\\d+ \\1', categoryId: 'work', createdAt: now, updatedAt: now });

    // Every instance reloads the whole ruleset from Mongo (as at a start after the upgrade, or every 5 minutes).
    await Promise.all(instances().map((app) => app.get(LiveRuleset).refresh({ full: true })));
    const document = { version: 1, categories: [], rules: [{ id: 'mine:after-upgrade', kind: 'app', pattern: 'afterupgrade', categoryId: 'work:writing' }] };
    const imported = await http('POST', `${pipeline.url}/v1/rules/import`, { key: admin, body: document });
    expect(imported.status).toBe(201);
    await untilActive(imported.body.rulesetVersion);
    for (const app of instances()) {
      expect((await app.get(ClassificationService).classifyItems([{ app: 'afterupgrade' }])).results[0].category).toBe('work:writing');
    }

    const listed = await http('GET', `${pipeline.url}/v1/rules?limit=1`, { key: admin });
    expect(listed.body.leftOut).toEqual([{ ruleId: 'legacy:backref', reason: expect.stringMatching(/cannot be matched in linear time \(backreferences/) }]);
    const overGraphql = await graphql(pipeline.url, admin, '{ rules(limit: 1) { leftOut { ruleId reason } } }');
    expect(overGraphql.body.data.rules.leftOut).toEqual(listed.body.leftOut);
    // The dashboard's pipeline health shows the count (from the stage's stats, every 5 s).
    const leftOutOnDashboard = async () =>
      (await http('GET', `${pipeline.url}/v1/ops/pipeline`, { key: admin })).body.stages?.find((stage: { stage: string }) => stage.stage === 'classification')?.rulesLeftOut;
    await waitFor(async () => (await leftOutOnDashboard()) === 1, 'rulesLeftOut 1 in the pipeline health', 15_000);

    // Another import while the refused rule is stored: validated against the rules in use, it passes.
    const again = await http('POST', `${pipeline.url}/v1/rules/import`, { key: admin, body: { ...document, rules: [{ ...document.rules[0], id: 'mine:after-upgrade-2', pattern: 'afterupgrade2' }] } });
    expect([again.status, again.body.message]).toEqual([201, undefined]);
    await untilActive(again.body.rulesetVersion);
    expect((await instances()[1].get(ClassificationService).classifyItems([{ app: 'afterupgrade2' }])).results[0].category).toBe('work:writing');

    const removed = await http('DELETE', `${pipeline.url}/v1/rules/legacy:backref`, { key: admin });
    expect(removed.status).toBe(200);
    expect((await http('GET', `${pipeline.url}/v1/rules?limit=1`, { key: admin })).body.leftOut).toEqual([]);
    await waitFor(async () => (await leftOutOnDashboard()) === 0, 'rulesLeftOut 0 in the pipeline health', 15_000);
  });
});
