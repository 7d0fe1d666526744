import { getConnectionToken } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Connection } from 'mongoose';
import { AppConfig } from '@lib/config';
import { BoardMaintenanceStore } from '../../apps/leaderboard/src/boards/board-maintenance.store';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { BoardArchiveService } from '../../apps/leaderboard/src/maintenance/board-archive.service';
import { BoardRecomputeService } from '../../apps/leaderboard/src/maintenance/board-recompute.service';
import { LeaseLostError } from '../../apps/leaderboard/src/maintenance/lease.service';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

/** Old periods leave Redis for the archived_boards collection and read exactly as before. */
describe('leaderboard archive: old periods move to Mongo and stay readable', () => {
  const NOW = Date.parse('2026-11-22T12:00:00Z');
  const OLD = '2026-09-01'; // its day, ISO week (2026-W36) and month ended more than 35 days before NOW
  const RECENT = '2026-11-20';
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let key: string;
  let redis: Redis;
  let mongo: Connection;
  let archive: BoardArchiveService;
  let recompute: BoardRecomputeService;
  let writer: LeaderboardWriterService;
  const get = async (path: string) => {
    const response = await http('GET', `${pipeline.url}${path}`, { key });
    expect([path, response.status]).toEqual([path, 200]);
    return response.body;
  };
  /** Every read the API offers for the old periods, as one comparable value. */
  const readAll = async () => {
    const reads: Record<string, unknown> = {};
    for (const period of ['day', 'week', 'month']) {
      const q = `period=${period}&date=${OLD}`;
      // d is past the page: the archived board must say there is more as the live one does.
      const top = await get(`/v1/leaderboards/work:programming?${q}&limit=2&offset=1`);
      reads[`top ${period}`] = top;
      reads[`after ${period}`] = await get(`/v1/leaderboards/work:programming?${q}&limit=2&cursor=${top.nextCursor}`);
      reads[`rank ${period}`] = await get(`/v1/leaderboards/total/users/c?${q}`);
      reads[`around ${period}`] = await get(`/v1/leaderboards/productive/users/c/around?${q}&k=1`);
      reads[`group ${period}`] = await get(`/v1/leaderboards/work/group?users=d,a,zed&${q}`);
      reads[`summary ${period}`] = await get(`/v1/users/a/summary?${q}`);
    }
    return reads;
  };
  const live = (board: string, period: string, periodKey: string) => `${config.REDIS_PREFIX}lb:${board}:${period}:${periodKey}`;

  beforeAll(async () => {
    config = testConfig({ ARCHIVE_AFTER_DAYS: '35' });
    pipeline = await startPipeline(config, ['gateway', 'leaderboard']);
    key = await createApiKey(pipeline.apps.gateway!, ['read']);
    redis = new Redis(config.REDIS_URL);
    mongo = pipeline.apps.leaderboard!.get<Connection>(getConnectionToken());
    archive = pipeline.apps.leaderboard!.get(BoardArchiveService);
    recompute = pipeline.apps.leaderboard!.get(BoardRecomputeService);
    writer = pipeline.apps.leaderboard!.get(LeaderboardWriterService);
    await writer.write([
      classifiedEnvelope('old-1', [
        { eventId: 'o-a', userId: 'a', startedAt: `${OLD}T09:00:00Z`, durationSec: 100 },
        { eventId: 'o-b', userId: 'b', startedAt: `${OLD}T09:00:00Z`, durationSec: 90 },
        { eventId: 'o-c', userId: 'c', startedAt: `${OLD}T09:00:00Z`, durationSec: 90 },
        { eventId: 'o-d', userId: 'd', startedAt: `${OLD}T09:00:00Z`, durationSec: 50 },
        { eventId: 'o-a2', userId: 'a', startedAt: `${OLD}T10:00:00Z`, durationSec: 30, category: 'video' },
      ]),
      classifiedEnvelope('recent-1', [{ eventId: 'r-a', userId: 'a', startedAt: `${RECENT}T09:00:00Z`, durationSec: 60 }]),
    ]);
  });

  afterAll(async () => {
    redis?.disconnect();
    await pipeline?.close();
  });

  it('archives exactly the periods past ARCHIVE_AFTER_DAYS and serves them through the same reads', async () => {
    const before = await readAll();
    expect(before['top day']).toEqual({
      board: 'work:programming',
      period: 'day',
      periodKey: OLD,
      timeZone: 'UTC',
      entries: [{ rank: 2, userId: 'c', score: 90 }, { rank: 2, userId: 'b', score: 90 }],
      hasMore: true,
      nextCursor: expect.any(String),
    });
    expect(before['after day']).toMatchObject({ entries: [{ rank: 4, userId: 'd', score: 50 }], hasMore: false, nextCursor: null });

    const report = await archive.archiveDue(NOW);
    const boards = ['work', 'work:programming', 'productive', 'total', 'entertainment', 'entertainment:video'];
    expect(report.failed).toEqual([]);
    expect(report.archived.sort()).toEqual(boards.flatMap((b) => [live(b, 'day', OLD), live(b, 'week', '2026-W36'), live(b, 'month', '2026-09')]).sort());

    expect(await redis.exists(live('total', 'day', OLD))).toBe(0);
    expect(await redis.sismember(`${config.REDIS_PREFIX}lbidx:day`, live('total', 'day', OLD))).toBe(0);
    expect(await redis.zscore(live('total', 'day', RECENT), 'a')).toBe('60');
    expect(await redis.zscore(live('total', 'all', 'all'), 'a')).toBe('190');
    const doc = await mongo.collection('archived_boards').findOne({ board: 'total', period: 'day', periodKey: OLD });
    expect(doc).toMatchObject({
      generation: 1,
      chunk: 0,
      chunks: 1,
      entryCount: 4,
      entries: [{ userId: 'a', score: 130 }, { userId: 'c', score: 90 }, { userId: 'b', score: 90 }, { userId: 'd', score: 50 }],
    });

    expect(await readAll()).toEqual(before);
    expect((await recompute.verify({ from: OLD, to: OLD })).driftEntries).toBe(0);
    expect((await archive.archiveDue(NOW)).archived).toEqual([]);
  });

  it('counts late events for an archived period at once, and folds them into a new generation on the next run', async () => {
    await writer.write([classifiedEnvelope('late-1', [{ eventId: 'late-e', userId: 'e', startedAt: `${OLD}T18:00:00Z`, durationSec: 500 }])]);
    const merged = await get(`/v1/leaderboards/total?date=${OLD}`);
    expect(merged.entries.map((e: { userId: string; rank: number }) => `${e.userId}${e.rank}`)).toEqual(['e1', 'a2', 'c3', 'b3', 'd5']);
    expect((await recompute.verify({ from: OLD, to: OLD })).driftEntries).toBe(0);

    const report = await archive.archiveDue(NOW);
    expect(report.archived).toContain(live('total', 'day', OLD));
    expect(await redis.exists(live('total', 'day', OLD))).toBe(0);
    const generations = await mongo.collection('archived_boards').find({ board: 'total', period: 'day', periodKey: OLD }).toArray();
    expect(generations.map((g) => [g.generation, g.entries.length])).toEqual([[2, 5]]);
    expect(await get(`/v1/leaderboards/total?date=${OLD}`)).toEqual(merged);
  });

  it('reads correctly while a run is stopped between moving the board aside and committing, and the next run completes it', async () => {
    await writer.write([classifiedEnvelope('late-2', [{ eventId: 'late-f', userId: 'f', startedAt: `${OLD}T19:00:00Z`, durationSec: 5 }])]);
    const expected = await get(`/v1/leaderboards/total?date=${OLD}&period=week`);
    const ref = { board: 'total', period: 'week' as const, periodKey: '2026-W36' };
    await pipeline.apps.leaderboard!.get(BoardMaintenanceStore).beginArchive(ref); // then "crash"
    await writer.write([classifiedEnvelope('late-3', [{ eventId: 'late-g', userId: 'f', startedAt: `${OLD}T20:00:00Z`, durationSec: 5 }])]);
    const during = await get(`/v1/leaderboards/total?date=${OLD}&period=week`);
    expect(during.entries).toEqual(expected.entries.map((e: { userId: string; score: number }) => (e.userId === 'f' ? { ...e, score: 10 } : e)));
    // Archive, archiving copy and live set merged, each user once.
    expect((await get(`/v1/leaderboards/total/count?date=${OLD}&period=week`)).users).toBe(during.entries.length);
    await archive.archiveDue(NOW);
    expect(await redis.exists(`${config.REDIS_PREFIX}lbarchiving:total:week:2026-W36`)).toBe(0);
    expect(await get(`/v1/leaderboards/total?date=${OLD}&period=week`)).toEqual(during);
    expect((await recompute.verify({ from: OLD, to: OLD })).driftEntries).toBe(0);
  });

  it('splits a large board into chunks of 10,000 entries and ranks across them', async () => {
    const day = '2026-08-03';
    const key = live('total', 'day', day);
    const members: (string | number)[] = [];
    for (let i = 0; i < 25_000; i++) members.push(25_000 - i, `user-${String(i).padStart(5, '0')}`);
    await redis.zadd(key, ...members);
    await redis.sadd(`${config.REDIS_PREFIX}lbidx:day`, key);
    const before = await get(`/v1/leaderboards/total/users/user-15000/around?date=${day}&k=2`);

    expect((await archive.archiveDue(NOW)).archived).toContain(key);
    const chunks = await mongo.collection('archived_boards').find({ board: 'total', periodKey: day }, { projection: { chunk: 1, chunks: 1 } }).sort({ chunk: 1 }).toArray();
    expect(chunks.map((c) => [c.chunk, c.chunks])).toEqual([[0, 3], [1, 3], [2, 3]]);
    expect(await get(`/v1/leaderboards/total/users/user-15000/around?date=${day}&k=2`)).toEqual(before);
    expect(before.entries.map((e: { rank: number }) => e.rank)).toEqual([14999, 15000, 15001, 15002, 15003]);
    expect((await get(`/v1/leaderboards/total?date=${day}&offset=19999&limit=2`)).entries).toEqual([
      { rank: 20000, userId: 'user-19999', score: 5001 },
      { rank: 20001, userId: 'user-20000', score: 5000 },
    ]);
    expect((await get(`/v1/leaderboards/total/count?date=${day}`)).users).toBe(25_000);
  });

  it('rebuild brings an archived period back into Redis from the usage logs', async () => {
    const expected = await readAll();
    const report = await recompute.rebuild({ from: OLD, to: OLD });
    expect(report.boards).toBe(6 * 3);
    expect(await redis.zscore(live('total', 'day', OLD), 'e')).toBe('500');
    expect(await redis.hexists(`${config.REDIS_PREFIX}lbarchived`, live('total', 'day', OLD))).toBe(0);
    expect(await mongo.collection('archived_boards').countDocuments({ periodKey: { $in: [OLD, '2026-W36', '2026-09'] } })).toBe(0);
    expect(await readAll()).toEqual(expected);
    expect((await recompute.verify({ from: OLD, to: OLD })).driftEntries).toBe(0);
  });

  it('stops a run whose maintenance lease was lost before it writes: the late event the run that took over folded in stays counted', async () => {
    const day = '2026-07-15';
    const ref = { board: 'total', period: 'day' as const, periodKey: day };
    await writer.write([classifiedEnvelope('lease-1', [{ eventId: 'lease-a', userId: 'h', startedAt: `${day}T09:00:00Z`, durationSec: 30 }])]);
    const maintenance = pipeline.apps.leaderboard!.get(BoardMaintenanceStore);
    const readArchiving = maintenance.readArchiving.bind(maintenance);
    let lost = false;
    const lease = {
      assertHeld: () => {
        if (lost) throw new LeaseLostError('leaderboard-maintenance', 'a renewal found it taken');
      },
    };
    jest.spyOn(maintenance, 'readArchiving').mockImplementationOnce(async (board) => {
      const copy = await readArchiving(board);
      // Frozen here past the lease time: another instance takes the lease and archives the board, with an event that came meanwhile.
      await writer.write([classifiedEnvelope('lease-2', [{ eventId: 'lease-b', userId: 'h', startedAt: `${day}T10:00:00Z`, durationSec: 12 }])]);
      await archive.archiveBoard(ref);
      lost = true;
      return copy;
    });
    await expect(archive.archiveBoard(ref, lease)).rejects.toThrow(LeaseLostError);
    // Before: the stale run wrote its copy over the other's generation, and the board said 30.
    expect(await get(`/v1/leaderboards/total/users/h?period=day&date=${day}`)).toMatchObject({ score: 42 });
    expect((await recompute.verify({ from: day, to: day, periods: ['day'] })).driftEntries).toBe(0);
  });
});
