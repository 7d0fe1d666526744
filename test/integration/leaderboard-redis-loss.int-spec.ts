import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { ClassifiedEnvelope } from '@lib/contracts';
import { JetStreamPublisher, NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { AppliedEnvelopeRepository, ArchivedBoardRepository } from '@lib/persistence';
import { LocalServer } from '../../tools/infra/src';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { LeaderboardQueryService } from '../../apps/leaderboard/src/leaderboard-query.service';
import { BoardArchiveService } from '../../apps/leaderboard/src/maintenance/board-archive.service';
import { BoardRecomputeService } from '../../apps/leaderboard/src/maintenance/board-recompute.service';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { startPrivateRedis } from '../support/private-redis';
import { configEnv, testConfig, waitFor } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'leaderboard', 'src', 'cli', 'leaderboard.cli.js');

/**
 * A Redis that loses its data (restarted without persistence, FLUSHALL) under a running
 * leaderboard: its own redis-server, so the flush touches no other test's keys.
 */
describe('leaderboard: Redis loses its data', () => {
  const day = '2026-11-18';
  let server: LocalServer;
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let redis: Redis;
  const totalDay = (userId: string) => redis.zscore(`${config.REDIS_PREFIX}lb:total:day:${day}`, userId);

  /** The message of an envelope the writer never acked, delivered again to the running consumer. */
  const redeliver = async (envelope: ClassifiedEnvelope) => {
    const app = pipeline.apps.leaderboard!;
    await app.get(JetStreamPublisher).publishJson(app.get(NatsConnectionService).names.subjects.classified(envelope.lane), envelope, { msgId: envelope.id });
    await waitFor(async () => (await app.get(AppliedEnvelopeRepository).appliedAmong([envelope.id])).size === 1 || undefined, `${envelope.id} applied after redelivery`);
  };

  beforeAll(async () => {
    server = await startPrivateRedis('loss');
    config = testConfig({ REDIS_URL: server.url });
    pipeline = await startPipeline(config, ['leaderboard']);
    redis = new Redis(server.url);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    redis?.disconnect();
    await pipeline?.close();
    await server?.stop();
  });

  const readiness = async () => {
    const response = await fetch(`${(await pipeline.apps.leaderboard!.getUrl()).replace('[::1]', '127.0.0.1')}/health/ready`);
    return { status: response.status, body: (await response.json()) as { degraded?: Record<string, { status: string; message: string }> } };
  };
  const lostGauge = async () => (await pipeline.apps.leaderboard!.get(PipelineMetrics).registry.getSingleMetric('ap_leaderboard_boards_lost')!.get()).values[0]?.value;
  const lossReported = (error: jest.SpyInstance, when: string) =>
    waitFor(async () => error.mock.calls.map(([fields]) => fields as { msg?: string }).find((fields) => fields.msg?.startsWith(`Redis lost the boards ${when}`)), `the error (${when})`, 30_000, 200);

  it('says so when Redis loses the boards while the app runs: an error with the way back, the lost flag and gauge; the zone is recorded again (before: not a word)', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).write([classifiedEnvelope('lost-run', [{ eventId: 'lost-run-1', userId: 'ann', startedAt: `${day}T07:00:00Z`, durationSec: 10 }])]);
    expect(await lostGauge()).toBe(0);
    await redis.flushall();
    expect(await lossReported(error, 'while this leaderboard instance ran')).toEqual({
      msg:
        'Redis lost the boards while this leaderboard instance ran (restarted without persistence, flushed, or REDIS_URL/REDIS_PREFIX name another server or prefix): ' +
        'they hold only what was written since. Stop the leaderboard app, run npm run leaderboard:rebuild (without --from/--to), start it again; ' +
        'and give that Redis appendonly yes with appendfsync always',
      REDIS_URL: server.url,
      flag: `${config.REDIS_PREFIX}lblost`,
    });
    expect(await redis.exists(`${config.REDIS_PREFIX}lblost`)).toBe(1);
    expect(await lostGauge()).toBe(1);
    expect(await redis.get(`${config.REDIS_PREFIX}lbzone`)).toBe(config.TIME_ZONE);
    // Ready (reads are answered), degraded: before, readiness said nothing but "redis up".
    const ready = await readiness();
    expect(ready.status).toBe(200);
    expect(ready.body.degraded?.boards).toEqual({
      status: 'down',
      message: `Redis lost the boards (${config.REDIS_PREFIX}lblost holds when it was found): they hold only what was written since; run npm run leaderboard:rebuild without --from/--to, with the leaderboard app stopped`,
    });
    error.mockRestore();
  });

  it('says so at start when Redis holds no boards while Mongo records applied envelopes (a Redis restarted empty while the app was down)', async () => {
    await pipeline.close();
    await redis.flushall();
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    pipeline = await startPipeline(config, ['leaderboard']);
    await lossReported(error, 'before this leaderboard instance started: Mongo records applied increments, Redis holds no boards');
    expect(await lostGauge()).toBe(1);
    // The commands say so first (the compiled CLI, as an operator runs it: `npm test` builds it).
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...configEnv(config) }, encoding: 'utf8' });
    const verify = cli('verify');
    expect([verify.status, verify.stderr]).toEqual([
      1,
      expect.stringMatching(/^note: a leaderboard app found at \S+ that Redis had lost the boards \(t\w+:lblost\): they hold only what was written since, until a rebuild without --from\/--to \(with the leaderboard app stopped\)\n/),
    ]);
    // A full rebuild makes the boards whole again, and takes the flag away.
    await pipeline.apps.leaderboard!.get(BoardRecomputeService).rebuild({});
    expect(await redis.exists(`${config.REDIS_PREFIX}lblost`)).toBe(0);
    expect(await totalDay('ann')).toBe('10');
    // A "ready" answer serves every request for 1 s: one without `degraded` comes after it.
    await waitFor(async () => (await readiness()).body.degraded === undefined, 'readiness without degraded', 10_000, 200);
    error.mockRestore();
  });

  it('a rebuild after the loss counts each envelope once: those waiting for redelivery are counted by it, not by the rebuild', async () => {
    const writer = pipeline.apps.leaderboard!.get(LeaderboardWriterService);
    const recompute = pipeline.apps.leaderboard!.get(BoardRecomputeService);
    await writer.write([classifiedEnvelope('loss-done', [{ eventId: 'loss-1', userId: 'ann', startedAt: `${day}T08:00:00Z`, durationSec: 100 }])]);
    // Its logs stored, then Redis went away: the script failed and the message waits for its redelivery.
    const stored = classifiedEnvelope('loss-stored', [{ eventId: 'loss-2', userId: 'bob', startedAt: `${day}T09:00:00Z`, durationSec: 50 }]);
    await writer.storeLogs([stored]);
    // Its increments reached Redis, which lost them with its marker before applied_envelopes recorded it.
    const marked = classifiedEnvelope('loss-marked', [{ eventId: 'loss-3', userId: 'cid', startedAt: `${day}T10:00:00Z`, durationSec: 30 }]);
    await writer.applyIncrements(await writer.pendingEnvelopes(await writer.storeLogs([marked])));
    await redis.flushall();

    await recompute.rebuild({});
    // Before, the rebuild counted every stored log, and the redeliveries counted bob's and cid's again (100 and 60). ann: 10 s from the tests above.
    expect(await Promise.all([totalDay('ann'), totalDay('bob'), totalDay('cid')])).toEqual(['110', null, null]);
    await redeliver(stored);
    await redeliver(marked);
    expect(await Promise.all([totalDay('ann'), totalDay('bob'), totalDay('cid')])).toEqual(['110', '50', '30']);
    expect((await recompute.verify({})).driftEntries).toBe(0);
  });

  it('names Redis, REDIS_URL and the way out when a full Redis refuses a write (before: "OOM command not allowed…, script: <sha>, on @user_script:41")', async () => {
    const writer = pipeline.apps.leaderboard!.get(LeaderboardWriterService);
    await redis.config('SET', 'maxmemory', '1');
    try {
      const failed = writer.write([classifiedEnvelope('oom-1', [{ eventId: 'oom-e1', userId: 'dan', startedAt: `${day}T11:00:00Z`, durationSec: 5 }])]);
      await expect(failed).rejects.toThrow(
        `Redis at REDIS_URL=${server.url} is out of memory and refuses writes (maxmemory reached, maxmemory-policy noeviction): applyAllOnce failed. Free memory or raise maxmemory on that server`,
      );
      // A "ready" answer serves every request for 1 s: the next one after it.
      const ready = await waitFor(async () => {
        const answer = await readiness();
        return answer.body.degraded ? answer : undefined;
      }, 'readiness degraded', 10_000, 200);
      expect([ready.status, ready.body.degraded?.boards.message]).toEqual([
        200,
        expect.stringMatching(/^Redis is out of memory \(used_memory \d+ > maxmemory 1, maxmemory-policy noeviction\) and refuses every write: events are not counted until it has room$/),
      ]);
    } finally {
      await redis.config('SET', 'maxmemory', '0');
    }
    // The write nothing changed is done again whole.
    await writer.write([classifiedEnvelope('oom-1', [{ eventId: 'oom-e1', userId: 'dan', startedAt: `${day}T11:00:00Z`, durationSec: 5 }])], new Set(['oom-1']));
    expect(await totalDay('dan')).toBe('5');
  });

  it('says in a page read while the boards are lost that it holds only what was written since (an archived period read empty, as if nobody had a score)', async () => {
    const app = pipeline.apps.leaderboard!;
    const archivedDay = '2026-10-06';
    const ref = { board: 'total', period: 'day' as const, periodKey: archivedDay };
    await app.get(LeaderboardWriterService).write([classifiedEnvelope('archived-1', [{ eventId: 'archived-e1', userId: 'eve', startedAt: `${archivedDay}T09:00:00Z`, durationSec: 40 }])]);
    expect(await app.get(BoardArchiveService).archiveBoard(ref)).toBe(true);
    const query = app.get(LeaderboardQueryService);
    const whole = await query.top({ board: 'total', period: 'day', date: archivedDay });
    expect(whole).toEqual({ ...ref, timeZone: config.TIME_ZONE, entries: [{ rank: 1, userId: 'eve', score: 40 }], hasMore: false, nextCursor: null });

    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await redis.flushall();
    await lossReported(error, 'while this leaderboard instance ran');
    error.mockRestore();
    const lostAt = await redis.get(`${config.REDIS_PREFIX}lblost`);
    // Before: the page of a board nobody has a score on, nothing said (only operators were told).
    expect(await query.top({ board: 'total', period: 'day', date: archivedDay })).toEqual({
      ...ref,
      timeZone: config.TIME_ZONE,
      entries: [],
      hasMore: false,
      nextCursor: null,
      incomplete: `Redis lost the boards (found at ${lostAt}): the boards hold only what was written since, an archived period nothing, until an operator rebuilds them (npm run leaderboard:rebuild)`,
    });
    // Every other read of a board says it too: eve's rank read null, her score 0, with nothing said.
    const note = (await query.top({ board: 'total', period: 'day', date: archivedDay })).incomplete;
    const selector = { board: 'total', period: 'day', date: archivedDay };
    const answers = [
      await query.count(selector),
      await query.userRank({ ...selector, userId: 'eve' }),
      await query.around({ ...selector, userId: 'eve' }),
      await query.group({ ...selector, users: ['eve'] }),
      await query.summary({ userId: 'eve', period: 'day', date: archivedDay }),
    ];
    expect(answers.map((answer) => (answer as { incomplete?: string }).incomplete)).toEqual(answers.map(() => note));

    await app.get(BoardRecomputeService).rebuild({});
    await waitFor(async () => !('incomplete' in (await query.top({ board: 'total', period: 'day', date: archivedDay }))), 'pages without the note once rebuilt', 10_000, 200);
    expect(await query.top({ board: 'total', period: 'day', date: archivedDay })).toEqual(whole);
  });

  it('a full rebuild after the loss deletes the archive generations no board reads any more (they stayed in Mongo for good)', async () => {
    const app = pipeline.apps.leaderboard!;
    const archive = app.get(BoardArchiveService);
    const archived = app.get(ArchivedBoardRepository);
    const writer = app.get(LeaderboardWriterService);
    const archivedDay = '2026-10-07';
    const ref = { board: 'total', period: 'day' as const, periodKey: archivedDay };
    await writer.write([classifiedEnvelope('twice-1', [{ eventId: 'twice-e1', userId: 'fay', startedAt: `${archivedDay}T09:00:00Z`, durationSec: 20 }])]);
    await archive.archiveBoard(ref);
    // A late event: archived again, as generation 2.
    await writer.write([classifiedEnvelope('twice-2', [{ eventId: 'twice-e2', userId: 'fay', startedAt: `${archivedDay}T10:00:00Z`, durationSec: 5 }])]);
    await archive.archiveBoard(ref);
    expect(await archived.readGeneration(ref, 2)).toEqual([{ userId: 'fay', score: 25 }]);

    await redis.flushall();
    await app.get(BoardRecomputeService).rebuild({});
    // The board is live in Redis again, whole; its old archive is read by nothing.
    expect(await app.get(LeaderboardQueryService).top({ board: 'total', period: 'day', date: archivedDay })).toMatchObject({ entries: [{ rank: 1, userId: 'fay', score: 25 }] });
    expect(await archived.readGeneration(ref, 2)).toBeUndefined();
    // Archived again later, it reads as before.
    await archive.archiveBoard(ref);
    expect(await app.get(LeaderboardQueryService).top({ board: 'total', period: 'day', date: archivedDay })).toMatchObject({ entries: [{ rank: 1, userId: 'fay', score: 25 }] });
  });
});
