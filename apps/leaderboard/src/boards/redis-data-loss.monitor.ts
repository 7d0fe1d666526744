import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { Gauge } from 'prom-client';
import { AppConfig, maskedUrl } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { AppliedEnvelopeRepository, REDIS } from '@lib/persistence';
import { BoardKeys } from './board-keys';
import { BoardTimeZone } from './board-time-zone.store';

/** How often each instance reads whether the boards are flagged lost (another instance may have found it, a rebuild cleared it). */
const GAUGE_REFRESH_MS = 30_000;
/** How long reads take the flag as last read (lostSince): at most one Redis read of it per this long. */
const FLAG_READ_MS = 1000;

/**
 * Notices that Redis lost the boards — restarted without persistence, flushed, or REDIS_URL /
 * REDIS_PREFIX now naming another server or prefix — which nothing else sees: the writer goes on
 * adding to empty boards, and reads answer the time since then as if it were all. The sign is the
 * zone record (BoardTimeZone.keepRecorded): absent at start while Mongo records applied envelopes,
 * or gone while this process runs. Then it logs an error with the way back, flags the boards lost
 * in Redis (`lblost`, for every instance and restart; a full rebuild deletes it) and sets
 * ap_leaderboard_boards_lost, which the BoardsLost alert watches.
 */
@Injectable()
export class RedisDataLossMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Redis');
  private readonly lostGauge: Gauge;
  private refresher?: NodeJS.Timeout;
  private flag?: { readAt: number; lostSince: Promise<string | null> };

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly zone: BoardTimeZone,
    private readonly keys: BoardKeys,
    private readonly applied: AppliedEnvelopeRepository,
    private readonly config: AppConfig,
    metrics: PipelineMetrics,
  ) {
    this.lostGauge = new Gauge({
      name: 'ap_leaderboard_boards_lost',
      help: 'Whether Redis lost the boards (restart without persistence, flush) and no full leaderboard:rebuild has run since: 1 or 0',
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.zone.keepRecorded((before, lostSinceRecorded) => this.zoneRecorded(before, lostSinceRecorded));
    this.refresher = setInterval(() => void this.refreshGauge(), GAUGE_REFRESH_MS);
    this.refresher.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.refresher);
  }

  /**
   * When the boards were found lost, while no full rebuild has run since (else null), read at most
   * once per FLAG_READ_MS: reads say it in their answer. Redis not answering: the last value read.
   */
  lostSince(): Promise<string | null> {
    if (this.flag && Date.now() - this.flag.readAt < FLAG_READ_MS) return this.flag.lostSince;
    const last = this.flag?.lostSince ?? Promise.resolve(null);
    const lostSince = this.redis.get(this.keys.lost).catch(() => last);
    this.flag = { readAt: Date.now(), lostSince };
    return lostSince;
  }

  private async zoneRecorded(before: string | null, lostSinceRecorded: boolean): Promise<void> {
    if (lostSinceRecorded) await this.report('while this leaderboard instance ran');
    else if (before === null && (await this.applied.any())) await this.report('before this leaderboard instance started: Mongo records applied increments, Redis holds no boards');
    else await this.refreshGauge();
  }

  private async report(when: string): Promise<void> {
    await this.redis.set(this.keys.lost, new Date().toISOString(), 'NX');
    this.flag = undefined;
    this.lostGauge.set(1);
    this.logger.error({
      msg:
        `Redis lost the boards ${when} (restarted without persistence, flushed, or REDIS_URL/REDIS_PREFIX name another server or prefix): ` +
        'they hold only what was written since. Stop the leaderboard app, run npm run leaderboard:rebuild (without --from/--to), start it again; ' +
        'and give that Redis appendonly yes with appendfsync always',
      REDIS_URL: maskedUrl(this.config.REDIS_URL),
      flag: this.keys.lost,
    });
  }

  private async refreshGauge(): Promise<void> {
    try {
      this.lostGauge.set(await this.redis.exists(this.keys.lost));
    } catch {
      // Redis away: the gauge keeps its last value, the readiness check says the rest.
    }
  }
}
