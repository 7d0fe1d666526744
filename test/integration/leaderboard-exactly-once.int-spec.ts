import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { getConnectionToken } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Connection } from 'mongoose';
import { AppConfig } from '@lib/config';
import { ClassifiedEnvelope } from '@lib/contracts';
import { JetStreamPublisher, NatsConnectionService } from '@lib/messaging';
import { UsageLogRepository } from '@lib/persistence';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { BoardRecomputeService } from '../../apps/leaderboard/src/maintenance/board-recompute.service';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { configEnv, testConfig, waitFor } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

const DAY_MS = 86_400_000;
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'leaderboard', 'src', 'cli', 'leaderboard.cli.js');

/**
 * The writer's protocol stopped between its steps, as a crash would stop it, then the same
 * envelope redelivered through JetStream to the running consumer.
 */
describe('leaderboard exactly-once: duplicates, redeliveries and crashes between the steps', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let writer: LeaderboardWriterService;
  let recompute: BoardRecomputeService;
  let redis: Redis;
  let mongo: Connection;
  const day = '2026-11-18';
  const score = (board: string, period: string, key: string, userId: string) => redis.zscore(`${config.REDIS_PREFIX}lb:${board}:${period}:${key}`, userId);
  const everyPeriod = (board: string, userId: string) =>
    Promise.all([score(board, 'day', day, userId), score(board, 'week', '2026-W47', userId), score(board, 'month', '2026-11', userId), score(board, 'all', 'all', userId)]);
  const applied = (envelopeId: string) => mongo.collection('applied_envelopes').findOne({ _id: envelopeId as never });
  /** Time passing for Redis: every key of this test's prefix that expires within `ms` is gone, the others' TTLs shrink by it. */
  const advanceRedisClock = async (ms: number) => {
    for (const key of await redis.keys(`${config.REDIS_PREFIX}*`)) {
      const left = await redis.pttl(key);
      if (left >= 0) await (left <= ms ? redis.del(key) : redis.pexpire(key, left - ms));
    }
  };

  /** The message the crashed writer never acked, delivered again to the running consumer. */
  const redeliver = async (envelope: ClassifiedEnvelope) => {
    const names = pipeline.apps.leaderboard!.get(NatsConnectionService).names;
    await pipeline.apps.leaderboard!.get(JetStreamPublisher).publishJson(names.subjects.classified(envelope.lane), envelope, { msgId: envelope.id });
    await waitFor(() => applied(envelope.id), `${envelope.id} to be applied after redelivery`);
  };

  beforeAll(async () => {
    config = testConfig();
    pipeline = await startPipeline(config, ['leaderboard']);
    writer = pipeline.apps.leaderboard!.get(LeaderboardWriterService);
    recompute = pipeline.apps.leaderboard!.get(BoardRecomputeService);
    redis = new Redis(config.REDIS_URL);
    mongo = pipeline.apps.leaderboard!.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    redis?.disconnect();
    await pipeline?.close();
  });

  it('counts an envelope written twice, twice in one batch, or redelivered, once', async () => {
    const envelope = classifiedEnvelope('dup-1', [{ eventId: 'dup-e1', userId: 'dana', startedAt: `${day}T10:00:00Z`, durationSec: 300 }]);
    await writer.write([envelope]);
    await writer.write([envelope]);
    await writer.write([envelope, envelope]);
    await redeliver(envelope);
    // Another envelope carrying the same event and a new one: only the new one counts.
    await writer.write([classifiedEnvelope('dup-2', [{ eventId: 'dup-e1', userId: 'dana', startedAt: `${day}T10:00:00Z`, durationSec: 300 }, { eventId: 'dup-e2', userId: 'dana', startedAt: `${day}T11:00:00Z`, durationSec: 60 }])]);
    expect(await everyPeriod('work:programming', 'dana')).toEqual(['360', '360', '360', '360']);
    expect(await mongo.collection('usage_logs').countDocuments({ userId: 'dana' })).toBe(2);
    expect(await (await recompute.verify({ from: day, to: day })).driftEntries).toBe(0);
  });

  it('counts an event carried by two envelopes of the same batch once', async () => {
    // Another month than `day`, so the rebuild test below keeps its own entry counts.
    const event = { eventId: 'shared-e1', userId: 'sam', startedAt: '2026-10-05T12:00:00Z', durationSec: 10 };
    await writer.write([
      classifiedEnvelope('shared-a', [event]),
      classifiedEnvelope('shared-b', [event, { ...event, eventId: 'shared-e2' }]),
    ]);
    const samTotals = await Promise.all([score('total', 'day', '2026-10-05', 'sam'), score('total', 'week', '2026-W41', 'sam'), score('total', 'month', '2026-10', 'sam'), score('total', 'all', 'all', 'sam')]);
    expect(samTotals).toEqual(['20', '20', '20', '20']);
    expect(await mongo.collection('usage_logs').countDocuments({ userId: 'sam' })).toBe(2);
  });

  it('after a crash between the Redis update and the ack, the redelivery changes nothing and verify finds no drift', async () => {
    const envelope = classifiedEnvelope('crash-after-redis', [
      { eventId: 'car-1', userId: 'rita', startedAt: `${day}T08:00:00Z`, durationSec: 500 },
      { eventId: 'car-2', userId: 'rita', startedAt: `${day}T09:00:00Z`, durationSec: 100, category: 'video' },
    ]);
    const pending = await writer.pendingEnvelopes(await writer.storeLogs([envelope]));
    await writer.applyIncrements(pending);
    // crash here: applied_envelopes not written, the message not acked
    expect(await applied(envelope.id)).toBeNull();
    const before = await Promise.all([everyPeriod('total', 'rita'), everyPeriod('work', 'rita'), everyPeriod('entertainment:video', 'rita')]);
    expect(before).toEqual([['600', '600', '600', '600'], ['500', '500', '500', '500'], ['100', '100', '100', '100']]);

    await redeliver(envelope);
    expect(await Promise.all([everyPeriod('total', 'rita'), everyPeriod('work', 'rita'), everyPeriod('entertainment:video', 'rita')])).toEqual(before);
    const report = await recompute.verify({ from: day, to: day });
    expect(report).toMatchObject({ driftEntries: 0, drifted: [] });
    expect(report.boards).toBe(6 * 3); // work, work:programming, productive, total, entertainment, entertainment:video × day, week, month
    expect((await recompute.verify({})).driftEntries).toBe(0); // all periods, all-time included
  });

  it('after a crash between the Redis update and the applied record, a redelivery more than a day later changes nothing', async () => {
    // Another month than `day`, so the rebuild test below keeps its own entry counts.
    const envelope = classifiedEnvelope('late-redelivery', [{ eventId: 'late-1', userId: 'vera', startedAt: '2026-06-01T08:00:00Z', durationSec: 90 }]);
    await writer.applyIncrements(await writer.pendingEnvelopes(await writer.storeLogs([envelope])));
    // crash here; no leaderboard instance comes back for a day (the stream keeps the message for
    // STREAM_MAX_AGE_HOURS), or the message was dead-lettered and is replayed days later
    await advanceRedisClock(DAY_MS + 1000);
    await redeliver(envelope);
    expect(await score('total', 'month', '2026-06', 'vera')).toBe('90');
    // Once applied_envelopes records it, the marker expires like any other.
    expect(await redis.ttl(`${config.REDIS_PREFIX}applied:${envelope.id}`)).toBeGreaterThan(86_000);
    expect((await recompute.verify({ from: '2026-06-01', to: '2026-06-01' })).driftEntries).toBe(0);
  });

  it('applies a batch mixing an envelope whose increments reached Redis before a crash with new ones', async () => {
    const crashed = classifiedEnvelope('mixed-crashed', [{ eventId: 'mix-1', userId: 'milo', startedAt: `${day}T08:00:00Z`, durationSec: 70 }]);
    await writer.applyIncrements(await writer.pendingEnvelopes(await writer.storeLogs([crashed])));
    const fresh = classifiedEnvelope('mixed-fresh', [
      { eventId: 'mix-2', userId: 'milo', startedAt: `${day}T09:00:00Z`, durationSec: 30 },
      { eventId: 'mix-3', userId: 'nils', startedAt: `${day}T09:00:00Z`, durationSec: 5 },
    ]);
    await writer.write([crashed, fresh]);
    expect(await everyPeriod('total', 'milo')).toEqual(['100', '100', '100', '100']);
    expect(await everyPeriod('total', 'nils')).toEqual(['5', '5', '5', '5']);
    expect(await Promise.all([applied('mixed-crashed'), applied('mixed-fresh')])).toEqual([expect.anything(), expect.anything()]);
  });

  it('redelivers several crashed envelopes of one batch with one lookup, each counting the logs it stored', async () => {
    // Another month than `day`, so the rebuild test below keeps its own entry counts.
    const at = '2026-09-07T06:00:00Z';
    const first = classifiedEnvelope('multi-a', [{ eventId: 'mul-1', userId: 'olga', startedAt: at, durationSec: 40 }]);
    const second = classifiedEnvelope('multi-b', [{ eventId: 'mul-1', userId: 'olga', startedAt: at, durationSec: 40 }, { eventId: 'mul-2', userId: 'olga', startedAt: at, durationSec: 2 }]);
    await writer.storeLogs([first, second]);
    // crash here: both envelopes' logs stored (mul-1 under multi-a), Redis never saw them
    const lookups = jest.spyOn(pipeline.apps.leaderboard!.get(UsageLogRepository), 'findByEnvelopes');
    await writer.write([first, second]);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups).toHaveBeenCalledWith(['multi-a', 'multi-b']);
    lookups.mockRestore();
    const olga = await Promise.all([score('total', 'day', '2026-09-07', 'olga'), score('total', 'week', '2026-W37', 'olga'), score('total', 'month', '2026-09', 'olga'), score('total', 'all', 'all', 'olga')]);
    expect(olga).toEqual(['42', '42', '42', '42']);
    expect(await Promise.all([applied('multi-a'), applied('multi-b')])).toEqual([expect.anything(), expect.anything()]);
  });

  it('reads no usage logs for new envelopes whose events other envelopes stored (a file imported again), and counts those events once', async () => {
    // Another month than `day`, so the rebuild test below keeps its own entry counts.
    const at = (hour: number) => `2026-08-03T${String(hour).padStart(2, '0')}:00:00Z`;
    const rows = Array.from({ length: 4 }, (_, i) => ({ eventId: `again-${i}`, userId: 'pia', startedAt: at(8 + i), durationSec: 100 }));
    await writer.write([classifiedEnvelope('import-1-chunk-0', rows.slice(0, 2)), classifiedEnvelope('import-1-chunk-1', rows.slice(2))]);
    const lookups = jest.spyOn(pipeline.apps.leaderboard!.get(UsageLogRepository), 'findByEnvelopes');
    // The same rows in another file's envelopes, one new row among them.
    await writer.write([classifiedEnvelope('import-2-chunk-0', [...rows, { eventId: 'again-new', userId: 'pia', startedAt: at(13), durationSec: 7 }])]);
    expect(lookups.mock.calls.flat().flat()).toEqual([]);
    lookups.mockRestore();
    expect(await score('total', 'month', '2026-08', 'pia')).toBe('407');
  });

  it('looks up a redelivered envelope that an attempt from before started_envelopes may have begun', async () => {
    const envelope = classifiedEnvelope('pre-upgrade', [{ eventId: 'pu-1', userId: 'quinn', startedAt: '2026-07-06T09:00:00Z', durationSec: 33 }]);
    await writer.storeLogs([envelope]);
    // crash here, under the code before step 0: the logs are stored and no start is recorded
    await mongo.collection('started_envelopes').deleteOne({ _id: envelope.id as never });
    await writer.write([envelope], new Set([envelope.id]));
    expect(await score('total', 'month', '2026-07', 'quinn')).toBe('33');
  });

  it('after a crash between the Mongo write and the Redis update, verify reports the drift and the redelivery repairs it', async () => {
    const envelope = classifiedEnvelope('crash-after-mongo', [{ eventId: 'cam-1', userId: 'mona', startedAt: `${day}T07:00:00Z`, durationSec: 420 }]);
    await writer.storeLogs([envelope]);
    // crash here: the logs are stored, Redis never saw them
    const drifting = await recompute.verify({ from: day, to: day });
    expect(drifting.driftEntries).toBe(4 * 3); // 4 boards × day, week, month
    expect(drifting.drifted.map((b) => `${b.board} ${b.period} ${b.periodKey}`).sort()).toEqual(
      ['productive', 'total', 'work', 'work:programming'].flatMap((b) => [`${b} day ${day}`, `${b} month 2026-11`, `${b} week 2026-W47`]).sort(),
    );
    expect(drifting.drifted[0].drift).toEqual([{ userId: 'mona', expected: 420, actual: 0 }]);
    expect((await recompute.verify({ periods: ['all'] })).driftEntries).toBe(4);

    await redeliver(envelope);
    expect(await everyPeriod('work:programming', 'mona')).toEqual(['420', '420', '420', '420']);
    expect((await recompute.verify({})).driftEntries).toBe(0);
  });

  it('rebuild replaces a damaged board with the usage logs, and the CLI verify exits 1 on drift and 0 after', async () => {
    const totalDay = `${config.REDIS_PREFIX}lb:total:day:${day}`;
    await redis.zincrby(totalDay, 50, 'rita');
    await redis.zadd(totalDay, 10, 'ghost');
    const damaged = await recompute.verify({ from: day, to: day, periods: ['day'] });
    expect(damaged.drifted).toEqual([
      { board: 'total', period: 'day', periodKey: day, drift: [{ userId: 'ghost', expected: 0, actual: 10 }, { userId: 'rita', expected: 600, actual: 650 }] },
    ]);
    // The compiled CLI (`npm test` builds it first), as an operator runs it.
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...configEnv(config) }, encoding: 'utf8' });
    const verify = cli('verify', '--from', day, '--to', day, '--periods', 'day');
    expect([verify.status, verify.stdout]).toEqual([1, `DRIFT total day ${day} user="ghost" logs=0 board=10\nDRIFT total day ${day} user="rita" logs=600 board=650\nverified 6 boards: 2 drifted entries on 1 boards\n`]);
    const halfRange = cli('verify', '--from', day);
    expect([halfRange.status, halfRange.stderr]).toEqual([2, 'leaderboard:verify failed: --from and --to go together: give both or neither\n']);
    const rebuilt = await recompute.rebuild({ from: day, to: day });
    expect(rebuilt).toEqual({ boards: 6 * 3, entries: 4 * 3 * 5 + 2 * 3 }); // dana, rita, mona, milo, nils on 4 boards; rita alone on 2
    expect(await redis.zscore(totalDay, 'ghost')).toBeNull();
    expect(await everyPeriod('total', 'rita')).toEqual(['600', '600', '600', '600']);
    expect((await recompute.verify({})).driftEntries).toBe(0);
    const clean = cli('verify');
    expect([clean.status, clean.stdout]).toEqual([0, expect.stringMatching(/^verified \d+ boards: no drift\n$/)]);
  });
});

/**
 * Two leaderboard instances writing one envelope at once: JetStream delivers it again to a second
 * instance while the first still writes it (its heartbeats stopped reaching the server: a frozen
 * event loop, a partition from NATS but not from Mongo), so their unordered inserts split its logs.
 */
describe('leaderboard exactly-once: two instances writing the same envelope at once', () => {
  let config: AppConfig;
  let first: RunningPipeline;
  let second: RunningPipeline;
  let redis: Redis;

  beforeAll(async () => {
    config = testConfig();
    [first, second] = await Promise.all([startPipeline(config, ['leaderboard']), startPipeline(config, ['leaderboard'])]);
    redis = new Redis(config.REDIS_URL);
  });

  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([first?.close(), second?.close()]);
  });

  it('counts every event of the envelope once when the first attempt, which inserted only part of its logs, applies before the second', async () => {
    const at = (minute: number) => `2026-11-18T10:${String(minute).padStart(2, '0')}:00Z`;
    const envelope = classifiedEnvelope('split-attempts', Array.from({ length: 4 }, (_, i) => ({ eventId: `split-${i}`, userId: 'ines', startedAt: at(i), durationSec: 100 })));
    const firstWriter = first.apps.leaderboard!.get(LeaderboardWriterService);
    const secondWriter = second.apps.leaderboard!.get(LeaderboardWriterService);
    const firstLogs = first.apps.leaderboard!.get(UsageLogRepository);
    const insertNew = firstLogs.insertNew.bind(firstLogs);
    let secondStored: ReturnType<LeaderboardWriterService['storeLogs']> | undefined;
    // The first attempt's insert has stored two logs when the redelivery's insert, on the second instance, stores the other two.
    jest.spyOn(firstLogs, 'insertNew').mockImplementationOnce(async (logs) => {
      const head = await insertNew(logs.slice(0, 2));
      secondStored = secondWriter.storeLogs([envelope], new Set([envelope.id]));
      await secondStored;
      return new Set([...head, ...(await insertNew(logs.slice(2)))]);
    });
    await firstWriter.write([envelope]);
    // The second instance goes on with its steps after the first one applied and recorded the envelope.
    const pending = await secondWriter.pendingEnvelopes(await secondStored!);
    await secondWriter.applyIncrements(pending);
    await secondWriter.markApplied(pending);

    expect(await redis.zscore(`${config.REDIS_PREFIX}lb:total:day:2026-11-18`, 'ines')).toBe('400');
    expect((await first.apps.leaderboard!.get(BoardRecomputeService).verify({})).driftEntries).toBe(0);
  });

  it('counts the envelope whole when the second instance inserted every log while the first was frozen, and the first applies first', async () => {
    const envelope = classifiedEnvelope('frozen-first', Array.from({ length: 3 }, (_, i) => ({ eventId: `frozen-${i}`, userId: 'jona', startedAt: `2026-11-18T11:0${i}:00Z`, durationSec: 50 })));
    const secondWriter = second.apps.leaderboard!.get(LeaderboardWriterService);
    const firstLogs = first.apps.leaderboard!.get(UsageLogRepository);
    const insertNew = firstLogs.insertNew.bind(firstLogs);
    let secondStored: ReturnType<LeaderboardWriterService['storeLogs']> | undefined;
    // Frozen after recording its start (SIGSTOP past the ack wait), the first instance inserts after the redelivery's insert stored every log.
    jest.spyOn(firstLogs, 'insertNew').mockImplementationOnce(async (logs) => {
      secondStored = secondWriter.storeLogs([envelope], new Set([envelope.id]));
      await secondStored;
      return insertNew(logs);
    });
    await first.apps.leaderboard!.get(LeaderboardWriterService).write([envelope]);
    const pending = await secondWriter.pendingEnvelopes(await secondStored!);
    await secondWriter.applyIncrements(pending);
    await secondWriter.markApplied(pending);

    // Before: 0, the first instance applied the none it inserted, and its marker stopped the second.
    expect(await redis.zscore(`${config.REDIS_PREFIX}lb:total:day:2026-11-18`, 'jona')).toBe('150');
  });
});
