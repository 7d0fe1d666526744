import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { ReadinessCheck } from '@lib/observability';

export const REDIS = Symbol('REDIS');

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Injectable()
export class RedisHealthIndicator implements ReadinessCheck {
  readonly name = 'redis';

  constructor(@Inject(REDIS) private readonly redis: Redis, private readonly health: HealthIndicatorService) {}

  async check() {
    const session = this.health.check(this.name);
    try {
      await this.redis.ping();
      return session.up();
    } catch (error) {
      return session.down({ message: String(error) });
    }
  }
}

/**
 * One ioredis client per app. Commands fail instead of queueing forever while Redis is down or
 * stuck, so a consumer's batch fails and is retried with backoff (and dead-lettered after
 * MAX_DELIVERIES) rather than stalling silently; the client keeps reconnecting meanwhile.
 */
@Global()
@Module({
  imports: [TerminusModule],
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        // No auto-pipelining: it holds each command to the next tick to batch it, which doubled the
        // latency of a lone top-100 read (p50 0.35 → 0.75 ms measured); concurrent commands are
        // pipelined on the socket anyway, and the writer's work is a few large script calls.
        new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, commandTimeout: 10_000 }),
    },
    RedisLifecycle,
    RedisHealthIndicator,
  ],
  exports: [REDIS, RedisHealthIndicator],
})
export class RedisModule {}
