import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from '@lib/persistence';
import { LocalServer } from '../../tools/infra/src';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { startPrivateRedis } from '../support/private-redis';
import { testConfig, waitFor } from '../support/test-config';

const warnings = (warn: jest.SpyInstance) => warn.mock.calls.map(([fields]) => fields as { msg?: string });

/**
 * A Redis set up as a cache (maxmemory-policy allkeys-lru) drops board entries and the markers
 * that count each envelope once when it is full, and one without AOF loses them on a restart, and
 * nothing said so: the leaderboard app warns.
 */
describe('leaderboard: a Redis that may evict any key, and keeps nothing on disk', () => {
  let redis: LocalServer;
  let pipeline: RunningPipeline | undefined;

  beforeAll(async () => {
    redis = await startPrivateRedis('evicting');
    const client = new Redis(redis.url);
    await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
    client.disconnect();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await pipeline?.close();
    await redis?.stop();
  });

  it('is warned about at start, naming REDIS_URL and the setting to change (before: not a word)', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    pipeline = await startPipeline(testConfig({ REDIS_URL: redis.url }), ['leaderboard']);
    const line = await waitFor(async () => warnings(warn).find((fields) => fields.msg?.includes('maxmemory-policy')), 'the warning');
    expect(line).toEqual({
      msg: 'Redis evicts any key when it is full (maxmemory-policy allkeys-lru): board entries and the markers that count each event once can vanish without an error. Set maxmemory-policy noeviction (or a volatile-* policy) on that server',
      REDIS_URL: redis.url,
    });
  });

  it('is warned about a Redis without AOF at start, naming the setting (before: not a word)', async () => {
    const warn = jest.mocked(Logger.prototype.warn);
    // The test's redis-server runs with appendonly no and no save points (tools/infra startRedis).
    const line = await waitFor(async () => warnings(warn).find((fields) => fields.msg?.includes('appendonly')), 'the warning');
    expect(line).toEqual({
      msg: 'Redis keeps the boards in memory only (appendonly no, no save points): a restart loses every board. Set appendonly yes with appendfsync always on that server',
      REDIS_URL: redis.url,
    });
  });
});

describe('leaderboard: a Redis with AOF', () => {
  let redis: LocalServer;
  let pipeline: RunningPipeline | undefined;

  beforeAll(async () => {
    redis = await startPrivateRedis('durable');
    const client = new Redis(redis.url);
    await client.config('SET', 'appendonly', 'yes');
    client.disconnect();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await pipeline?.close();
    await redis?.stop();
  });

  it('is not warned about', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    pipeline = await startPipeline(testConfig({ REDIS_URL: redis.url }), ['leaderboard']);
    // The check has run once this Redis answered its three CONFIG GETs (Redis 7 counts CONFIG GET apart).
    const client = new Redis(redis.url);
    await waitFor(async () => Number(/cmdstat_config\|get:calls=(\d+)/.exec(await client.info('commandstats'))?.[1]) >= 3, 'the check');
    client.disconnect();
    // A reply after them on the app's own connection: the check has taken theirs.
    await pipeline.apps.leaderboard!.get<Redis>(REDIS).ping();
    expect(warnings(warn).filter((fields) => /appendonly|maxmemory-policy/.test(fields.msg ?? ''))).toEqual([]);
  });
});
