import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { AppConfig } from '@lib/config';
import { answerKey } from '@lib/contracts';
import { NatsConnectionService } from '@lib/messaging';
import { ClassificationAnswerRepository } from '@lib/persistence';
import { LiveRuleset } from '../../apps/classification/src/live-ruleset.service';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { graphql, http } from '../support/http';
import { testConfig, waitFor } from '../support/test-config';

/** Known answers in front of inference, and corrections that beat the rules. */
describe('classification answers: cache and corrections', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let admin: string;
  let mongo: Connection;
  let answers: ClassificationAnswerRepository;
  let eventCounter = 0;

  async function post(event: { app: string; title?: string; url?: string; eventId?: string }) {
    const eventId = event.eventId ?? `answers-evt-${++eventCounter}`;
    const posted = await http('POST', `${pipeline.url}/v1/events`, {
      key: admin,
      body: { events: [{ userId: 'erin', startedAt: '2026-11-22T10:00:00Z', durationSec: 30, ...event, eventId }] },
    });
    expect(posted.status).toBe(202);
    return waitFor(async () => mongo.collection('usage_logs').findOne({ _id: eventId as never }), `stored event ${eventId}`);
  }

  const untilActive = (version: number) => waitFor(async () => pipeline.apps.classification!.get(LiveRuleset).current.version >= version, `ruleset version ${version}`);

  beforeAll(async () => {
    config = testConfig();
    // No inference app: an event is stored only if classification itself decided it.
    pipeline = await startPipeline(config, ['gateway', 'ingestion', 'classification', 'leaderboard']);
    admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    mongo = pipeline.apps.leaderboard!.get<Connection>(getConnectionToken());
    answers = pipeline.apps.classification!.get(ClassificationAnswerRepository);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('classifies an app no rule knows from a stored answer (source cache), without reaching inference', async () => {
    const question = { app: 'Acme Ledger', title: 'Q3 close — Acme Ledger', url: 'https://ledger.acme.example/close?y=2026' };
    expect((await http('POST', `${pipeline.url}/v1/classify`, { key: admin, body: { items: [question] } })).body.results[0].source).toBe('none');

    await answers.upsertMany([{ ...question, categoryId: 'personal:finance', source: 'model', confidence: 0.83, rulesetVersion: 1 }]);
    const stored = await mongo.collection('classification_answers').findOne({ _id: answerKey(question) as never });
    expect(stored).toMatchObject({ app: 'acme ledger', host: 'ledger.acme.example', path: '/close', title: 'q3 close — acme ledger', source: 'model', sample: question });

    // Another spelling of the same question.
    const event = await post({ app: 'acme ledger.exe', title: '  Q3 close —  Acme Ledger', url: 'ledger.acme.example/close' });
    expect(event).toMatchObject({
      categoryId: 'personal:finance',
      boards: ['personal', 'personal:finance', 'total'],
      classification: { source: 'cache', confidence: 0.83, rulesetVersion: 1 },
    });
    const unclassified = await pipeline.apps.gateway!.get(NatsConnectionService).jsm.streams.info(pipeline.apps.gateway!.get(NatsConnectionService).names.streams.unclassified);
    expect(unclassified.state.messages).toBe(0);

    const dryRun = await http('POST', `${pipeline.url}/v1/classify`, { key: admin, body: { items: [question] } });
    expect(dryRun.body.results[0]).toEqual({ category: 'personal:finance', path: ['Personal', 'Finance'], source: 'cache', confidence: 0.83 });
  });

  it('lets a later model or LLM answer replace an earlier one; none hides a correction', async () => {
    const question = { app: 'Obscure Tool', title: 'report' };
    await answers.upsertMany([{ ...question, categoryId: 'work', source: 'model', confidence: 0.4, rulesetVersion: 1 }]);
    await answers.upsertMany([{ ...question, categoryId: 'work:office', source: 'llm', confidence: 0.9, rulesetVersion: 1 }]);
    expect(await answers.findMany([answerKey(question)])).toEqual([expect.objectContaining({ categoryId: 'work:office', source: 'llm' })]);

    const corrected = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { ...question, categoryId: 'work:research' } });
    expect(corrected.status).toBe(200);
    await untilActive(corrected.body.rulesetVersion);
    await answers.upsertMany([{ ...question, categoryId: 'entertainment', source: 'llm', confidence: 0.99, rulesetVersion: corrected.body.rulesetVersion }]);
    expect(await post(question)).toMatchObject({ categoryId: 'work:research', classification: { source: 'manual' } });

    // A correction still among the answers (a database from before they had their own collection, not moved yet) is not replaced either.
    const legacy = { app: 'Legacy Tool', title: 'report' };
    await mongo.collection('classification_answers').insertOne({ _id: answerKey(legacy), app: 'legacy tool', host: '', path: '', title: 'report', sample: legacy, categoryId: 'work:research', source: 'manual', confidence: 1, rulesetVersion: 1, createdAt: new Date(), updatedAt: new Date() } as never);
    await answers.upsertMany([{ ...legacy, categoryId: 'entertainment', source: 'llm', confidence: 0.99, rulesetVersion: 1 }]);
    expect(await answers.findMany([answerKey(legacy)])).toEqual([expect.objectContaining({ categoryId: 'work:research', source: 'manual' })]);
    await mongo.collection('classification_answers').deleteOne({ _id: answerKey(legacy) as never });
  });

  it('a correction overrides the rule for that exact question from the next event on', async () => {
    const question = { app: 'Code', title: 'notes.md - Visual Studio Code' };
    expect(await post(question)).toMatchObject({ categoryId: 'work:programming', classification: { source: 'rule', ruleId: 'app:code' } });

    const corrected = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { ...question, categoryId: 'work:writing' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ categoryId: 'work:writing', key: answerKey(question), app: 'Code', title: question.title });
    await untilActive(corrected.body.rulesetVersion);

    expect(await post({ app: 'code.exe', title: 'notes.md -  Visual Studio Code' })).toMatchObject({
      categoryId: 'work:writing',
      classification: { source: 'manual', confidence: 1, rulesetVersion: corrected.body.rulesetVersion },
    });
    // Other titles of the same app still follow the rule.
    expect(await post({ app: 'Code', title: 'main.ts - Visual Studio Code' })).toMatchObject({ categoryId: 'work:programming', classification: { source: 'rule' } });

    const dryRun = await http('POST', `${pipeline.url}/v1/classify`, { key: admin, body: { items: [question] } });
    expect(dryRun.body.results[0]).toEqual({ category: 'work:writing', path: ['Work', 'Writing'], source: 'manual', confidence: 1 });

    // The same correction again (a second click, a sync script) changes nothing: no new version.
    const again = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { ...question, app: 'code.exe', categoryId: 'work:writing' } });
    expect(again.body).toMatchObject({ rulesetVersion: corrected.body.rulesetVersion, key: corrected.body.key, categoryId: 'work:writing' });

    const inUse = await http('DELETE', `${pipeline.url}/v1/categories/work:writing`, { key: admin });
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toMatch(/^category "work:writing" is still used by \d+ rules, 1 correction: move or delete them first \(corrections: DELETE \/v1\/classifications\/<key>, keys in details.correctionKeys\)$/);
    expect(inUse.body.details.correctionKeys).toEqual([corrected.body.key]);
  });

  it('an answer cached for a category deleted since is looked up again: the answer stored for it meanwhile serves the next event', async () => {
    const question = { app: 'Stale Answer Tool', title: 'weekly plan' };
    const created = await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { name: 'Short Lived', parentId: 'personal' } });
    expect(created.status).toBe(201);
    await untilActive(created.body.rulesetVersion);
    await answers.upsertMany([{ ...question, categoryId: 'personal:short-lived', source: 'model', confidence: 0.7, rulesetVersion: created.body.rulesetVersion }]);
    expect(await post(question)).toMatchObject({ categoryId: 'personal:short-lived', classification: { source: 'cache' } });

    const deleted = await http('DELETE', `${pipeline.url}/v1/categories/personal:short-lived`, { key: admin });
    expect(deleted.status).toBe(200);
    await untilActive(deleted.body.rulesetVersion);
    // What inference does with the question now: its answer in a live category replaces the stored one.
    await answers.upsertMany([{ ...question, categoryId: 'personal:finance', source: 'model', confidence: 0.8, rulesetVersion: deleted.body.rulesetVersion }]);
    expect(await post(question)).toMatchObject({ categoryId: 'personal:finance', classification: { source: 'cache', confidence: 0.8 } });
  });

  it('a correction can be undone by its key: the question goes back to the rules', async () => {
    const question = { app: 'Code', title: 'undo.md - Visual Studio Code' };
    const corrected = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { ...question, categoryId: 'work:research' } });
    await untilActive(corrected.body.rulesetVersion);
    expect(await post(question)).toMatchObject({ categoryId: 'work:research', classification: { source: 'manual' } });

    const deleted = await http('DELETE', `${pipeline.url}/v1/classifications/${corrected.body.key}`, { key: admin });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ rulesetVersion: corrected.body.rulesetVersion + 1, deleted: corrected.body.key });
    await untilActive(deleted.body.rulesetVersion);
    expect(await post(question)).toMatchObject({ categoryId: 'work:programming', classification: { source: 'rule', ruleId: 'app:code' } });
    expect(await mongo.collection('classification_corrections').countDocuments({ _id: corrected.body.key })).toBe(0);

    const again = await http('DELETE', `${pipeline.url}/v1/classifications/${corrected.body.key}`, { key: admin });
    expect([again.status, again.body.field]).toEqual([404, 'key']);
    const bad = await http('DELETE', `${pipeline.url}/v1/classifications/nope`, { key: admin });
    expect([bad.status, bad.body.field]).toEqual([400, 'key']);
    const overGraphql = await graphql(pipeline.url, admin, `mutation { deleteCorrection(key: "${'0'.repeat(64)}") { deleted } }`);
    expect(overGraphql.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('lists the corrections with the keys DELETE takes, filtered by category and a page at a time', async () => {
    const given = [
      { app: 'Notion.exe', title: 'Quarterly plan', categoryId: 'work:project-management' },
      { app: 'firefox', title: 'Release notes', url: 'https://www.Example.org/Notes?q=1', categoryId: 'learning:reading' },
      { app: 'Notion.exe', title: 'Roadmap', categoryId: 'work:project-management' },
    ];
    const keys: string[] = [];
    for (const { categoryId, ...question } of given) {
      const corrected = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { ...question, categoryId } });
      expect(corrected.status).toBe(200);
      keys.push(corrected.body.key);
    }

    const pm = await http('GET', `${pipeline.url}/v1/classifications?categoryId=work:project-management`, { key: admin });
    expect(pm.status).toBe(200);
    expect(pm.body.total).toBe(2);
    expect(pm.body.items.map((c: { key: string }) => c.key).sort()).toEqual([keys[0], keys[2]].sort());
    // The question as it was given, not its normalized form.
    const reading = await http('GET', `${pipeline.url}/v1/classifications?categoryId=learning:reading&limit=1`, { key: admin });
    expect(reading.body.items).toEqual([
      { key: keys[1], categoryId: 'learning:reading', app: 'firefox', title: 'Release notes', url: 'https://www.Example.org/Notes?q=1', createdAt: expect.any(String), updatedAt: expect.any(String) },
    ]);

    const all = await http('GET', `${pipeline.url}/v1/classifications?limit=500`, { key: admin });
    const first = await http('GET', `${pipeline.url}/v1/classifications?limit=2`, { key: admin });
    const rest = await http('GET', `${pipeline.url}/v1/classifications?limit=500&offset=2`, { key: admin });
    expect([...first.body.items, ...rest.body.items]).toEqual(all.body.items);
    expect(all.body.items).toHaveLength(all.body.total);

    const unknown = await http('GET', `${pipeline.url}/v1/classifications?categoryId=work:nope`, { key: admin });
    expect([unknown.status, unknown.body.field]).toEqual([400, 'categoryId']);
    const badLimit = await http('GET', `${pipeline.url}/v1/classifications?limit=0`, { key: admin });
    expect([badLimit.status, badLimit.body.field]).toEqual([400, 'limit']);
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    expect((await http('GET', `${pipeline.url}/v1/classifications`, { key: reader })).status).toBe(403);

    const overGraphql = await graphql(pipeline.url, admin, '{ corrections(categoryId: "learning:reading") { total items { key app url } } }');
    expect(overGraphql.body.data.corrections).toEqual({ total: 1, items: [{ key: keys[1], app: 'firefox', url: 'https://www.Example.org/Notes?q=1' }] });

    for (const key of keys) expect((await http('DELETE', `${pipeline.url}/v1/classifications/${key}`, { key: admin })).status).toBe(200);
    const after = await http('GET', `${pipeline.url}/v1/classifications?categoryId=work:project-management`, { key: admin });
    expect(after.body).toMatchObject({ total: 0, items: [] });
  });

  it('corrects a stored event by id, and refuses unknown events and categories', async () => {
    const event = await post({ eventId: 'to-correct-1', app: 'Figma', title: 'Landing page v3' });
    expect(event.categoryId).toBe('work:design');

    const corrected = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { eventId: 'to-correct-1', categoryId: 'work:project-management' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ app: 'Figma', title: 'Landing page v3', categoryId: 'work:project-management', key: answerKey({ app: 'Figma', title: 'Landing page v3' }) });
    await untilActive(corrected.body.rulesetVersion);
    expect(await post({ app: 'Figma', title: 'Landing page v3' })).toMatchObject({ categoryId: 'work:project-management', classification: { source: 'manual' } });

    const unknownEvent = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { eventId: 'never-posted', categoryId: 'work' } });
    expect([unknownEvent.status, unknownEvent.body.field]).toEqual([404, 'eventId']);
    const notStored = await http('GET', `${pipeline.url}/v1/events/never-posted`, { key: admin });
    expect([notStored.status, notStored.body.field]).toEqual([404, 'eventId']);
    const unknownCategory = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { app: 'Figma', categoryId: 'no:such' } });
    expect([unknownCategory.status, unknownCategory.body.details.field]).toEqual([400, 'categoryId']);
    const noApp = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { title: 'x', categoryId: 'work' } });
    expect([noApp.status, noApp.body.message]).toEqual([400, 'app must be a non-empty string']);
    // A misspelt field was ignored: the correction then applied to the app alone, with no title or URL.
    const misspelt = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { app: 'Figma', Title: 'Landing page v4', categoryId: 'work' } });
    expect([misspelt.status, misspelt.body.field]).toEqual([400, 'Title']);
    expect(misspelt.body.message).toMatch(/^Title is not a known field/);
    const byEvent = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { eventId: 'to-correct-1', categoryId: 'work', note: 'x' } });
    expect([byEvent.status, byEvent.body.field]).toEqual([400, 'note']);
    expect(await mongo.collection('classification_answers').findOne({ _id: answerKey({ app: 'Figma' }) as never })).toBeNull();
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    expect((await http('PUT', `${pipeline.url}/v1/classifications`, { key: reader, body: { app: 'Figma', categoryId: 'work' } })).status).toBe(403);
  });
  it('exports the corrections with the ruleset and restores them from it (replace removes the ones it lacks; a document without corrections leaves them)', async () => {
    const kept = { app: 'Obsidian', title: 'Backup notes', categoryId: 'work:writing' };
    const putKept = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: kept });
    const exported = await http('GET', `${pipeline.url}/v1/rules/export`, { key: admin });
    expect(exported.status).toBe(200);
    expect(exported.body.corrections).toContainEqual(kept);

    // Lost after the backup: the kept correction deleted, another one made.
    await http('DELETE', `${pipeline.url}/v1/classifications/${putKept.body.key}`, { key: admin });
    const extra = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { app: 'Obsidian', title: 'Scratch', categoryId: 'work:writing' } });

    const restored = await http('POST', `${pipeline.url}/v1/rules/import?mode=replace`, { key: admin, body: exported.body });
    expect(restored.status).toBe(201);
    expect(restored.body.corrections).toEqual({ imported: exported.body.corrections.length, removed: 1 });
    const listed = await http('GET', `${pipeline.url}/v1/classifications?limit=500`, { key: admin });
    const keys = listed.body.items.map((c: { key: string }) => c.key);
    expect(keys).toContain(putKept.body.key);
    expect(keys).not.toContain(extra.body.key);
    await untilActive(restored.body.rulesetVersion);
    expect(await post({ app: 'Obsidian', title: 'Backup notes' })).toMatchObject({ categoryId: 'work:writing', classification: { source: 'manual' } });

    const { corrections: _none, ...withoutCorrections } = exported.body;
    const older = await http('POST', `${pipeline.url}/v1/rules/import?mode=replace`, { key: admin, body: withoutCorrections });
    expect(older.body.corrections).toEqual({ imported: 0, removed: 0 });
    expect((await http('GET', `${pipeline.url}/v1/classifications?limit=500`, { key: admin })).body.total).toBe(listed.body.total);

    const refusals: Array<[unknown[], string]> = [
      [[{ ...kept, categoryId: 'work:nope' }], 'corrections[0].categoryId'],
      [[kept, { ...kept, app: 'obsidian.exe', title: '  Backup  notes ' }], 'corrections[1]'],
      [[{ ...kept, URL: 'https://x.org' }], 'corrections[0].URL'],
    ];
    for (const [corrections, field] of refusals) {
      const refused = await http('POST', `${pipeline.url}/v1/rules/import`, { key: admin, body: { ...exported.body, corrections } });
      expect([refused.status, refused.body.field]).toEqual([400, field]);
    }
  });
});
