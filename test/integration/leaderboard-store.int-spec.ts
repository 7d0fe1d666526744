import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { addScores, BoardIncrements } from '@lib/leaderboard-core';
import { PipelineMetrics } from '@lib/observability';
import { BoardKeys } from '../../apps/leaderboard/src/boards/board-keys';
import { LeaderboardStore, toEntries } from '../../apps/leaderboard/src/boards/leaderboard.store';
import { testConfig } from '../support/test-config';

/**
 * The write scripts against a real Redis: increments are applied as ZMSCORE + ZADD per chunk of
 * 2,000 users, and must leave exactly the sums addScores makes (ZINCRBY's, to the millisecond),
 * across chunk boundaries and with fractional seconds, once per envelope.
 */
describe('leaderboard store: increments applied once, summed to the millisecond', () => {
  let config: AppConfig;
  let redis: Redis;
  let store: LeaderboardStore;
  let keys: BoardKeys;

  beforeAll(() => {
    config = testConfig();
    redis = new Redis(config.REDIS_URL);
    keys = new BoardKeys(config);
    store = new LeaderboardStore(redis, keys, config, new PipelineMetrics());
  });

  afterAll(() => redis?.disconnect());

  /** 4,500 users (three chunks), every third already on the board, seconds with fractions. */
  const increments = (board: string, round: number): BoardIncrements => {
    const userIds = Array.from({ length: 4500 }, (_, i) => `user-${i}`);
    return { board, period: 'day', periodKey: '2026-11-20', userIds, seconds: userIds.map((_, i) => ((i * 7 + round) % 3600) + 0.1 * (i % 10)) };
  };

  /** The same increments summed by addScores on another key: what the scores must equal. */
  async function addScoresControl(controlKey: string, group: BoardIncrements): Promise<void> {
    const before = toEntries(await redis.zrange(controlKey, 0, -1, 'WITHSCORES'));
    const scores = new Map(before.map((e) => [e.userId, e.score]));
    const pipeline = redis.pipeline();
    group.userIds.forEach((userId, i) => pipeline.zadd(controlKey, addScores(scores.get(userId) ?? 0, group.seconds[i]), userId));
    await pipeline.exec();
  }

  async function seed(key: string): Promise<void> {
    const pipeline = redis.pipeline();
    for (let i = 0; i < 4500; i += 3) pipeline.zadd(key, 1000 + i + 0.3, `user-${i}`);
    await pipeline.exec();
  }

  it('adds every increment as addScores sums, across chunks, and records the board in its index', async () => {
    const first = increments('work', 1);
    const liveKey = keys.live(first);
    const controlKey = `${config.REDIS_PREFIX}control:work`;
    await seed(liveKey);
    await seed(controlKey);

    expect(await store.applyAllOnce(['env-a'], [first])).toBe(true);
    await addScoresControl(controlKey, first);
    const second = increments('work', 2);
    expect(await store.applyAllOnce(['env-b'], [second])).toBe(true);
    await addScoresControl(controlKey, second);

    const scores = await redis.zrange(liveKey, 0, -1, 'WITHSCORES');
    expect(scores).toHaveLength(2 * 4500);
    expect(scores).toEqual(await redis.zrange(controlKey, 0, -1, 'WITHSCORES'));
    expect(Number(await redis.zscore(liveKey, 'user-3'))).toBe(addScores(addScores(1000 + 3 + 0.3, first.seconds[3]), second.seconds[3]));
    expect(await redis.sismember(keys.index('day'), liveKey)).toBe(1);
  });

  it('sums fractional seconds to the millisecond: 0.1 s then 0.2 s ties with 0.3 s', async () => {
    // Before, the script summed doubles: x had 0.30000000000000004 s and ranked above y's 0.3 s.
    const ref = { board: 'fractions', period: 'day' as const, periodKey: '2026-11-20' };
    const group = (userId: string, seconds: number): BoardIncrements => ({ ...ref, userIds: [userId], seconds: [seconds] });
    expect(await store.applyAllOnce(['env-x1'], [group('x', 0.1)])).toBe(true);
    expect(await store.applyAllOnce(['env-x2'], [group('x', 0.2)])).toBe(true);
    expect(await store.applyEachOnce([{ envelopeId: 'env-y', increments: [group('y', 0.3)] }])).toBe(1);
    expect(toEntries(await redis.zrange(keys.live(ref), 0, -1, 'WITHSCORES'))).toEqual([{ userId: 'x', score: 0.3 }, { userId: 'y', score: 0.3 }]);
    expect(await store.page(ref, 0, 10)).toEqual([{ rank: 1, userId: 'y', score: 0.3 }, { rank: 1, userId: 'x', score: 0.3 }]);
  });

  it('applies a list shared by several boards (one-day batch: day, week, month, all) to each of them', async () => {
    const day = increments('meetings', 4);
    const shared: BoardIncrements[] = [
      day,
      { ...day, period: 'week', periodKey: '2026-W47' },
      { ...day, period: 'all', periodKey: 'all' },
    ];
    expect(await store.applyAllOnce(['env-shared'], shared)).toBe(true);
    for (const ref of shared) {
      expect(await redis.zcard(keys.live(ref))).toBe(4500);
      expect(Number(await redis.zscore(keys.live(ref), 'user-2999'))).toBe(day.seconds[2999]);
    }
  });

  it('changes nothing for an envelope applied before, and applies the others of a mixed batch one by one', async () => {
    const group = increments('study', 3);
    const liveKey = keys.live(group);
    expect(await store.applyAllOnce(['env-c'], [group])).toBe(true);
    const afterFirst = await redis.zrange(liveKey, 0, -1, 'WITHSCORES');

    expect(await store.applyAllOnce(['env-c'], [group])).toBe(false);
    expect(await redis.zrange(liveKey, 0, -1, 'WITHSCORES')).toEqual(afterFirst);

    const applied = await store.applyEachOnce([
      { envelopeId: 'env-c', increments: [group] },
      { envelopeId: 'env-d', increments: [group] },
    ]);
    expect(applied).toBe(1);
    expect(Number(await redis.zscore(liveKey, 'user-4499'))).toBe(2 * group.seconds[4499]);
    expect(Number(await redis.zscore(liveKey, 'user-0'))).toBe(2 * group.seconds[0]);
  });
});
