import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, maskedUrl } from '@lib/config';
import { REDIS } from '@lib/persistence';

/**
 * Warns about a Redis set up to lose the boards. Checked on each connection (a failover may
 * bring another server); a Redis that refuses CONFIG (managed services) is not checked.
 * - maxmemory-policy allkeys-* (a cache's setting): board entries and the markers that count each
 *   envelope once vanish at random when it is full, and the boards drift from Mongo with no error
 *   anywhere (only `leaderboard verify` sees it). noeviction fails the writes instead (retried,
 *   then dead-lettered: seen); volatile-* evicts only keys with an expiry, which the boards' data has not.
 * - appendonly no: a restart loses every board (no save points), or a crash the increments since the
 *   last snapshot, whose envelopes Mongo records as applied, so no redelivery brings them back.
 *   RedisDataLossMonitor reports a loss once it happened; this says so before.
 */
@Injectable()
export class RedisDurabilityCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Redis');

  constructor(@Inject(REDIS) private readonly redis: Redis, private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    this.redis.on('ready', () => void this.check());
    if (this.redis.status === 'ready') void this.check();
  }

  private async check(): Promise<void> {
    let settings: Record<string, string>;
    try {
      settings = {};
      for (const name of ['maxmemory-policy', 'appendonly', 'save']) {
        const [, value] = (await this.redis.config('GET', name)) as unknown[];
        if (typeof value === 'string') settings[name] = value;
      }
    } catch {
      return;
    }
    const REDIS_URL = maskedUrl(this.config.REDIS_URL);
    const policy = settings['maxmemory-policy'];
    if (policy?.startsWith('allkeys-')) {
      this.logger.warn({
        msg: `Redis evicts any key when it is full (maxmemory-policy ${policy}): board entries and the markers that count each event once can vanish without an error. Set maxmemory-policy noeviction (or a volatile-* policy) on that server`,
        REDIS_URL,
      });
    }
    if (settings.appendonly !== 'no') return;
    const save = settings.save?.trim();
    this.logger.warn({
      msg: save
        ? `Redis keeps the boards in snapshots only (appendonly no, save ${save}): a crash loses the increments since the last snapshot, which no redelivery brings back. Set appendonly yes with appendfsync always on that server`
        : 'Redis keeps the boards in memory only (appendonly no, no save points): a restart loses every board. Set appendonly yes with appendfsync always on that server',
      REDIS_URL,
    });
  }
}
