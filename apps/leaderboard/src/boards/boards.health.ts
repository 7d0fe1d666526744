import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import Redis from 'ioredis';
import { ReadinessCheck } from '@lib/observability';
import { pingWithin, REDIS } from '@lib/persistence';
import { BoardKeys } from './board-keys';

/**
 * What Redis' ping does not say about the boards, for /health/ready (degraded: the app still
 * answers reads): flagged lost (RedisDataLossMonitor) and not rebuilt since, or a Redis out of
 * memory that refuses every write (maxmemory-policy noeviction), where each batch fails and is
 * retried, then dead-lettered. Until 2026-11-25 readiness said "up" through both.
 */
@Injectable()
export class BoardsHealthIndicator implements ReadinessCheck {
  readonly name = 'boards';

  constructor(@Inject(REDIS) private readonly redis: Redis, private readonly keys: BoardKeys, private readonly health: HealthIndicatorService) {}

  async check() {
    const session = this.health.check(this.name);
    let lostSince: string | null;
    let memory: string;
    try {
      const reads = Promise.all([this.redis.get(this.keys.lost), this.redis.info('memory')]);
      await pingWithin(reads);
      [lostSince, memory] = await reads;
    } catch {
      return session.down({ message: 'not known: Redis does not answer (see redis)' });
    }
    const problems: string[] = [];
    if (lostSince !== null) problems.push(`Redis lost the boards (${this.keys.lost} holds when it was found): they hold only what was written since; run npm run leaderboard:rebuild without --from/--to, with the leaderboard app stopped`);
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(memory)?.[1]?.trim();
    const used = Number(field('used_memory'));
    const max = Number(field('maxmemory'));
    if (max > 0 && used > max && field('maxmemory_policy') === 'noeviction') {
      problems.push(`Redis is out of memory (used_memory ${used} > maxmemory ${max}, maxmemory-policy noeviction) and refuses every write: events are not counted until it has room`);
    }
    return problems.length === 0 ? session.up() : session.down({ message: problems.join('; ') });
  }
}

/** Global, as the servers' own checks (RedisModule, …): ObservabilityModule's readiness takes it from there. */
@Global()
@Module({ imports: [TerminusModule], providers: [BoardKeys, BoardsHealthIndicator], exports: [BoardsHealthIndicator] })
export class BoardsHealthModule {}
