import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, maskedUrl } from '@lib/config';
import { REDIS } from '@lib/persistence';

/**
 * Warns when the boards' Redis may evict any key when full (maxmemory-policy allkeys-*, a cache's
 * setting): board entries and the markers that count each envelope once then vanish at random,
 * and the boards drift from Mongo with no error anywhere (only `leaderboard verify` sees it).
 * noeviction fails the writes instead (retried, then dead-lettered: seen); volatile-* evicts only
 * keys with an expiry, which the boards' data has not. Checked on each connection (a failover may
 * bring another server); a Redis that refuses CONFIG (managed services) is not checked.
 */
@Injectable()
export class RedisEvictionCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Redis');

  constructor(@Inject(REDIS) private readonly redis: Redis, private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    this.redis.on('ready', () => void this.check());
    if (this.redis.status === 'ready') void this.check();
  }

  private async check(): Promise<void> {
    let policy: unknown;
    try {
      [, policy] = (await this.redis.config('GET', 'maxmemory-policy')) as unknown[];
    } catch {
      return;
    }
    if (typeof policy !== 'string' || !policy.startsWith('allkeys-')) return;
    this.logger.warn({
      msg: `Redis evicts any key when it is full (maxmemory-policy ${policy}): board entries and the markers that count each event once can vanish without an error. Set maxmemory-policy noeviction (or a volatile-* policy) on that server`,
      REDIS_URL: maskedUrl(this.config.REDIS_URL),
    });
  }
}
