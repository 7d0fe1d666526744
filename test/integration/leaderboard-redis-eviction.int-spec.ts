import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { LocalServer } from '../../tools/infra/src';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { startPrivateRedis } from '../support/private-redis';
import { testConfig, waitFor } from '../support/test-config';

/**
 * A Redis set up as a cache (maxmemory-policy allkeys-lru) drops board entries and the markers
 * that count each envelope once when it is full, and nothing says so: the leaderboard app warns.
 */
describe('leaderboard: a Redis that may evict any key', () => {
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
    const line = await waitFor(async () => warn.mock.calls.map(([fields]) => fields as { msg?: string }).find((fields) => fields.msg?.includes('maxmemory-policy')), 'the warning');
    expect(line).toEqual({
      msg: 'Redis evicts any key when it is full (maxmemory-policy allkeys-lru): board entries and the markers that count each event once can vanish without an error. Set maxmemory-policy noeviction (or a volatile-* policy) on that server',
      REDIS_URL: redis.url,
    });
  });
});
