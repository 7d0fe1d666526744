import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { NatsConnectionService, RulesetBroadcast } from '@lib/messaging';
import { LiveRuleset } from '../../apps/classification/src/live-ruleset.service';
import { RulesService } from '../../apps/classification/src/rules.service';
import { LocalServer, startNats } from '../../tools/infra/src';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';

/**
 * The ruleset announcement (KV bucket `<prefix>-rules`) across nats-server restarts, on a server of
 * the test's own. Readers are classification (LiveRuleset) and inference (LiveTaxonomy).
 */
describe('ruleset broadcast across NATS restarts', () => {
  let dataDir: string;
  let nats: LocalServer;
  let config: AppConfig;
  const connections: NatsConnectionService[] = [];
  const stops: Array<() => void> = [];

  async function broadcast(name: string): Promise<RulesetBroadcast> {
    const connection = new NatsConnectionService(config);
    connections.push(connection);
    await connection.connect(name);
    return new RulesetBroadcast(connection, config);
  }

  /** A writer that announced version 1, and a reader that saw it: the versions it saw, and how often it resumed. */
  async function announcedAndWatched(): Promise<{ writer: RulesetBroadcast; seen: number[]; resumed: () => number }> {
    const writer = await broadcast('writer');
    await writer.announce(1);
    const seen: number[] = [];
    let resumes = 0;
    stops.push(await (await broadcast('reader')).watch((version) => seen.push(version), () => resumes++));
    await waitFor(async () => seen.includes(1), 'the first version');
    return { writer, seen, resumed: () => resumes };
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ap-ruleset-broadcast-'));
    nats = await startNats({ dataDir });
    config = testConfig({ NATS_URL: nats.url });
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    for (const connection of connections.splice(0)) await connection.onApplicationShutdown();
    await nats?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after a restart with its store, a reader subscribes again and compares with Mongo, then sees what is announced', async () => {
    const { writer, seen, resumed } = await announcedAndWatched();

    const port = nats.port;
    await nats.stop();
    nats = await startNats({ dataDir, port });
    // Before: nothing compared (announcements put while the reader was away were not looked for),
    // and the client's consumer delivered nothing for 10-15 s after the restart (measured 14.7 s).
    await waitFor(async () => resumed() === 1, 'the reader caught up after the reconnect');
    await writer.announce(2);
    await waitFor(async () => seen.includes(2), 'version 2 on the reader');
  });

  it('a reader sees what is announced after the server came back without its store', async () => {
    const { writer, seen, resumed } = await announcedAndWatched();

    const port = nats.port;
    await nats.stop('SIGKILL');
    rmSync(join(dataDir, 'jetstream'), { recursive: true, force: true });
    nats = await startNats({ dataDir, port });
    // Before, this put failed (TIMEOUT, then "503": the bucket, gone with the store, was not created again).
    await writer.announce(2);

    // Before: nothing. The client recreated the watch's consumer after missed heartbeats, at the
    // stream sequence it had reached, past version 2's; or, the bucket not there yet, the watch ended.
    await waitFor(async () => seen.includes(2), 'version 2 on the reader', 40_000, 100);
    expect(resumed()).toBe(1);
  });

  it('a reconnect cuts short the wait before the next try to subscribe', async () => {
    const { writer, seen, resumed } = await announcedAndWatched();
    const port = nats.port;
    await nats.stop();
    // Back without JetStream: every try to subscribe the watch fails, and the waits between them grow to 10 s.
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    nats = await startNats({ dataDir, port, jetStream: false });
    const waitingLong = () => warnings.mock.calls.some(([entry]) => ((entry as { retryInMs?: number }).retryInMs ?? 0) >= 8_000);
    await waitFor(async () => waitingLong(), 'a wait of 8 s before the next try', 30_000, 50);
    warnings.mockRestore();
    expect(resumed()).toBe(0);

    await nats.stop();
    nats = await startNats({ dataDir, port });
    // Before: the reconnect was noticed only once the wait in progress (8-10 s by now) was over.
    await waitFor(async () => resumed() === 1, 'the watch subscribed again right after the reconnect', 4_000, 50);
    await writer.announce(2);
    await waitFor(async () => seen.includes(2), 'version 2 on the reader');
  });

  it('a watch that ended (its bucket deleted) subscribes again and catches up', async () => {
    const { writer, seen, resumed } = await announcedAndWatched();

    await connections[0].jsm.streams.delete(`KV_${config.PIPELINE_PREFIX}-rules`);
    // Before: "ruleset version watch ended" once the client failed to recreate its consumer, and nothing after.
    await waitFor(async () => resumed() > 0, 'the watch subscribed again', 40_000, 100);
    await writer.announce(2);
    await waitFor(async () => seen.includes(2), 'version 2 on the reader');
  });
});

/** What the API answers a change made while NATS is away (RulesetStore.commit: stored, then announced). */
describe('a ruleset change while NATS is away', () => {
  let dataDir: string;
  let nats: LocalServer;
  let config: AppConfig;
  let pipeline: RunningPipeline;
  const announced = async () => {
    const kv = await pipeline.apps.classification!.get(NatsConnectionService).js.views.kv(`${config.PIPELINE_PREFIX}-rules`, { bindOnly: true });
    const entry = await kv.get('version');
    return entry && (JSON.parse(entry.string()) as { version: number }).version;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ap-ruleset-commit-'));
    nats = await startNats({ dataDir });
    config = testConfig({ NATS_URL: nats.url });
    pipeline = await startPipeline(config, ['classification']);
  });

  afterAll(async () => {
    await pipeline?.close();
    await nats?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is announced before the answer when NATS is back within a moment', async () => {
    const port = nats.port;
    await nats.stop();
    const answer = pipeline.apps.classification!.get(RulesService).create({ id: 'mine:while-away', kind: 'app', pattern: 'away-app', categoryId: 'work:writing' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    nats = await startNats({ dataDir, port });
    const created = await answer;

    // Before: the put waited out the client's 5 s and failed, the answer was the same as this one,
    // and readers took the change only at their 30 s check.
    expect(created.warnings).toBeUndefined();
    expect(await announced()).toBe(created.rulesetVersion);
  });

  it('answers that the change is stored but not announced when NATS stays away', async () => {
    const port = nats.port;
    await nats.stop();
    const deleted = await pipeline.apps.classification!.get(RulesService).remove('mine:while-away');
    nats = await startNats({ dataDir, port });

    // Before: { rulesetVersion, deleted } as if all went well; only the log said otherwise.
    expect(deleted).toEqual({
      rulesetVersion: expect.any(Number),
      deleted: 'mine:while-away',
      warnings: [
        expect.stringMatching(
          /^stored as ruleset version \d+, but the running instances could not be told \(NATS: .+\): each takes it when it next compares with the database, as it reconnects to NATS or at its 30 s check, whichever comes first; events sent before then may be classified without it$/,
        ),
      ],
    });
    expect(deleted.warnings![0]).toContain(`version ${deleted.rulesetVersion},`);
    // As the warning says (before, it said "within 30 s"): the instance takes it as it reconnects.
    const live = pipeline.apps.classification!.get(LiveRuleset);
    await waitFor(async () => (await live.forBatch()).version === deleted.rulesetVersion, 'the change taken at the reconnect', 10_000);
  });
});
