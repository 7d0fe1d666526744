import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { BoardKeys } from '../../apps/leaderboard/src/boards/board-keys';
import { BoardTimeZone } from '../../apps/leaderboard/src/boards/board-time-zone.store';
import { testConfig } from '../support/test-config';

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
});
