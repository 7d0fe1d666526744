import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@lib/config';
import { REDIS } from '@lib/persistence';

export class RateLimitedException extends HttpException {
  constructor(readonly retryAfterSec: number, limit: number) {
    super({ statusCode: 429, message: `rate limit of ${limit} requests per minute for this API key exceeded; retry after ${retryAfterSec} s` }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Per-API-key request budget shared by every gateway instance (Redis). If Redis is down, an
 * in-process limiter with the same budget takes over rather than refusing all traffic.
 */
@Injectable()
export class ApiKeyRateLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, private readonly config: AppConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.REDIS_PREFIX}rl`,
      points: config.RATE_LIMIT_PER_MIN,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points: config.RATE_LIMIT_PER_MIN, duration: 60 }),
    });
  }

  async consume(keyId: string): Promise<void> {
    try {
      await this.limiter.consume(keyId);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedException(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), this.config.RATE_LIMIT_PER_MIN);
      }
      throw rejection;
    }
  }
}
