import { DEFAULT_RULESET, RuleDef } from '@lib/classifier-engine';
import { NatsConnectionService, RulesetBroadcast } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { StoredRuleset } from './active-ruleset';
import { ClassificationMetrics } from './classification.metrics';
import { LiveRuleset } from './live-ruleset.service';
import { RulesetStore } from './ruleset.store';

/** A rule stored before title regexes had to run in linear time: the engine now refuses it. */
const legacyRule: RuleDef = { id: 'legacy:backref', kind: 'title-regex', pattern: '(jira)-\\d+ \\1', categoryId: 'work' };
const newRule: RuleDef = { id: 'mine:tool', kind: 'app', pattern: 'newtool', categoryId: 'work:writing' };

/** LiveRuleset against an in-memory store (Mongo) and a broadcast that announces nothing. */
function liveRuleset(initial: StoredRuleset) {
  let stored = initial;
  const store = { seedDefaults: jest.fn(async () => undefined), moveLegacyCorrections: jest.fn(async () => undefined), load: jest.fn(async () => stored), version: jest.fn(async () => stored.version) };
  const broadcast = { watch: jest.fn(async () => () => undefined) };
  const nats = { connect: jest.fn(async () => undefined) };
  const pipelineMetrics = new PipelineMetrics();
  const registry = pipelineMetrics.registry;
  const metrics = new ClassificationMetrics(pipelineMetrics);
  const live = new LiveRuleset(store as unknown as RulesetStore, broadcast as unknown as RulesetBroadcast, nats as unknown as NatsConnectionService, metrics);
  return {
    live,
    /** What another instance's bulk change (an import: no change announced) leaves in Mongo. */
    storeWithoutAnnouncing: (next: StoredRuleset) => (stored = next),
    gauge: async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]?.value,
  };
}

describe('LiveRuleset', () => {
  const withLegacy: StoredRuleset = { ...DEFAULT_RULESET, version: 4, taxonomyVersion: 4, manual: [], rules: [...DEFAULT_RULESET.rules, legacyRule] };
  let subject: ReturnType<typeof liveRuleset>;

  afterEach(() => subject.live.onModuleDestroy());

  it('starts without a stored rule the engine refuses, and lists it with the reason', async () => {
    subject = liveRuleset(withLegacy);
    await subject.live.onApplicationBootstrap();

    expect(subject.live.current.version).toBe(4);
    expect(subject.live.current.ruleCount).toBe(DEFAULT_RULESET.rules.length);
    expect(subject.live.current.leftOut).toEqual([{ ruleId: 'legacy:backref', reason: expect.stringMatching(/linear time/) }]);
    expect(await subject.gauge('ap_ruleset_rules_left_out')).toBe(1);
  });

  it('keeps taking new versions while such a rule stays stored (a reload does what a restart would)', async () => {
    subject = liveRuleset(withLegacy);
    await subject.live.onApplicationBootstrap();

    subject.storeWithoutAnnouncing({ ...withLegacy, version: 5, rules: [...withLegacy.rules, newRule] });
    const latest = await subject.live.latestActive();

    expect(latest.version).toBe(5);
    expect(latest.engine.classify({ app: 'newtool' })).toMatchObject({ categoryId: 'work:writing', rulesetVersion: 5 });
    expect(latest.leftOut.map((rule) => rule.ruleId)).toEqual(['legacy:backref']);
    expect(latest.stored.rules).toContainEqual(legacyRule);

    subject.storeWithoutAnnouncing({ ...withLegacy, version: 6, rules: [...DEFAULT_RULESET.rules, newRule] });
    expect((await subject.live.latestActive()).leftOut).toEqual([]);
    expect(await subject.gauge('ap_ruleset_rules_left_out')).toBe(0);
    expect(await subject.gauge('ap_ruleset_rebuild_failures_total')).toBe(0);
  });

  it('keeps the active version when the stored categories are invalid, and counts the failure', async () => {
    subject = liveRuleset(withLegacy);
    await subject.live.onApplicationBootstrap();

    const orphan = { id: 'orphan', name: 'Orphan', parentId: 'missing', color: '#000000', productive: false };
    subject.storeWithoutAnnouncing({ ...withLegacy, version: 5, categories: [...withLegacy.categories, orphan] });
    expect((await subject.live.latestActive()).version).toBe(4);
    expect(await subject.gauge('ap_ruleset_rebuild_failures_total')).toBe(1);
  });

  it('takes the ruleset of the store when it holds a lower version than the active one (Mongo restored from a backup)', async () => {
    subject = liveRuleset({ ...withLegacy, version: 9, rules: [...DEFAULT_RULESET.rules, newRule] });
    await subject.live.onApplicationBootstrap();

    subject.storeWithoutAnnouncing({ ...withLegacy, version: 6, rules: DEFAULT_RULESET.rules });
    const latest = await subject.live.latestActive();

    // Before: version 9 stayed active until the 5-minute full reload: its rule classified events
    // and the API validated changes against categories and rules the store no longer had.
    expect(latest.version).toBe(6);
    expect(latest.engine.classify({ app: 'newtool' })?.categoryId).not.toBe('work:writing');
  });
});
