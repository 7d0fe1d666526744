import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { BoardKeys } from '../../apps/leaderboard/src/boards/board-keys';
import { BoardTimeZone } from '../../apps/leaderboard/src/boards/board-time-zone.store';
import { startPrivateRedis } from '../support/private-redis';
import { testConfig, waitFor } from '../support/test-config';

describe('BoardTimeZone.record (real Redis)', () => {
  it('warns, naming both zones and the way back, when an instance replaces the zone the boards were kept in', async () => {
    const config = testConfig({ TIME_ZONE: 'Etc/UTC' });
    const redis = new Redis(config.REDIS_URL);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const keys = new BoardKeys(config);
      const zone = new BoardTimeZone(redis, keys, config);
      await zone.record();
      await redis.set(keys.timeZone, 'UTC');
      await zone.record();
      // A first start and a restart in the same zone (another spelling included) say nothing.
      expect(warn).not.toHaveBeenCalled();

      await redis.set(keys.timeZone, 'Asia/Kolkata');
      await zone.record();
      // Before, the other zone was replaced without a word, and two instances in two zones mixed the boards' period keys.
      expect(await redis.get(keys.timeZone)).toBe('Etc/UTC');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatchObject({
        before: 'Asia/Kolkata',
        now: 'Etc/UTC',
        msg: expect.stringContaining('start it with TIME_ZONE=Asia/Kolkata'),
      });
    } finally {
      warn.mockRestore();
      redis.disconnect();
    }
  });

  it('records the zone once Redis answers when it was down at the start (before: not until the next restart)', async () => {
    const down = await startPrivateRedis('zone-late');
    await down.stop();
    const config = testConfig({ REDIS_URL: down.url });
    // As the app's client (libs/persistence/src/redis.ts): a command fails after 2 retries while Redis is away.
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
    redis.on('error', () => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let up: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
    const zone = new BoardTimeZone(redis, new BoardKeys(config), config);
    try {
      const found: Array<[string | null, boolean]> = [];
      zone.keepRecorded((before, lost) => void found.push([before, lost]));
      await waitFor(async () => warn.mock.calls.length > 0, 'the warning');
      expect(warn.mock.calls[0][0]).toMatchObject({ msg: "could not record the boards' time zone: it is recorded once Redis takes it" });
      up = await startPrivateRedis('zone-late', down.port);
      expect(await waitFor(() => redis.get(new BoardKeys(config).timeZone), 'the zone recorded', 30_000, 200)).toBe(config.TIME_ZONE);
      expect(found).toEqual([[null, false]]);
    } finally {
      zone.onModuleDestroy();
      warn.mockRestore();
      redis.disconnect();
      await up?.stop();
    }
  });

  it('records the zone once a Redis that refused it while connected (out of memory) takes it, and again after a flush', async () => {
    const server = await startPrivateRedis('zone-oom');
    const config = testConfig({ REDIS_URL: server.url });
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
    const keys = new BoardKeys(config);
    const zone = new BoardTimeZone(redis, keys, config);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await redis.config('SET', 'maxmemory', '1');
      const found: Array<[string | null, boolean]> = [];
      zone.keepRecorded((before, lost) => void found.push([before, lost]));
      await waitFor(async () => warn.mock.calls.length > 0, 'the warning');
      expect(String((warn.mock.calls[0][0] as { err: string }).err)).toContain('OOM');
      // Before, only Redis' next "ready" retried it: on a connected Redis, never.
      await redis.config('SET', 'maxmemory', '0');
      expect(await waitFor(() => redis.get(keys.timeZone), 'the zone recorded', 30_000, 200)).toBe(config.TIME_ZONE);
      await redis.flushall();
      // Before, a zone Redis lost stayed lost: the gateway followed its own TIME_ZONE, the commands checked none.
      expect(await waitFor(() => redis.get(keys.timeZone), 'the zone recorded again', 30_000, 200)).toBe(config.TIME_ZONE);
      expect(found).toEqual([[null, false], [null, true]]);
    } finally {
      zone.onModuleDestroy();
      warn.mockRestore();
      redis.disconnect();
      await server.stop();
    }
  });
});
