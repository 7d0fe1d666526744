import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { boardTimeZoneKey, PeriodCalendar, sameZone } from '@lib/leaderboard-core';
import { REDIS } from '@lib/persistence';
import { orAfter } from '@lib/platform';

/** How often the recorded zone is read again: a leaderboard app restarted in another zone is followed within this. */
const REFRESH_MS = 30_000;
/** How long a start waits for the first read: a frozen Redis would hold it for the client's 10 s command timeout. */
const FIRST_READ_WAIT_MS = 1000;

/**
 * The calendar of the boards: the TIME_ZONE the leaderboard app records in Redis when it starts
 * (lbzone), this gateway's own TIME_ZONE only until one is recorded. A gateway whose TIME_ZONE
 * differed from the leaderboard's computed other period keys than the boards have: a live view
 * without a date missed every change of its board, moved to the next day at the wrong midnight,
 * and the dashboard asked for another "today" than the boards'.
 */
@Injectable()
export class BoardCalendar implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('BoardCalendar');
  private readonly key: string;
  private readonly configuredZone: string;
  /** As recorded (or configured): shown to people, Intl would name Asia/Kolkata "Asia/Calcutta". */
  private zone: string;
  private calendar: PeriodCalendar;
  private readonly listeners: Array<() => void> = [];
  private refresher?: NodeJS.Timeout;
  private refreshing = false;
  /** A recorded zone this process's Intl does not know: said once, not every REFRESH_MS. */
  private unknownZone?: string;
  /** One warning per outage, not one every REFRESH_MS. */
  private unreadable = false;
  /** Whether a zone was ever read as recorded: a record gone since is Redis' loss of its data. */
  private recordSeen = false;

  constructor(@Inject(REDIS) private readonly redis: Redis, config: AppConfig) {
    this.key = boardTimeZoneKey(config.REDIS_PREFIX);
    this.configuredZone = this.zone = config.TIME_ZONE;
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
  }

  /** The boards' zone as the leaderboard app names it. */
  get timeZone(): string {
    return this.zone;
  }

  get current(): PeriodCalendar {
    return this.calendar;
  }

  /** Called after the zone changed (a leaderboard app recorded another one). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    // A late answer is still taken when it comes.
    await orAfter(this.refresh(), FIRST_READ_WAIT_MS, () => undefined);
    this.refresher = setInterval(() => void this.refresh(), REFRESH_MS);
    this.refresher.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.refresher);
  }

  /**
   * Reads the recorded zone; keeps the last one known while Redis does not answer, and when a record
   * read before is gone: a Redis that lost its data, where the leaderboard app records its zone
   * again within 5 s. Before, a read in those seconds took this gateway's own zone until the next
   * read, 30 s later, and live views without a date missed every change meanwhile.
   */
  async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      const recorded = await this.redis.get(this.key);
      this.recordSeen ||= recorded !== null;
      const zone = recorded ?? (this.recordSeen ? this.zone : this.configuredZone);
      this.unreadable = false;
      if (zone !== this.zone && zone !== this.unknownZone) this.use(zone);
    } catch (error) {
      if (!this.unreadable) this.logger.warn({ msg: "could not read the boards' time zone, keeping the last known", timeZone: this.zone, err: String(error) });
      this.unreadable = true;
    } finally {
      this.refreshing = false;
    }
  }

  private use(zone: string): void {
    let calendar: PeriodCalendar;
    try {
      calendar = new PeriodCalendar(zone);
    } catch {
      this.logger.error({ msg: `the leaderboard app recorded TIME_ZONE=${zone} (${this.key}), which this gateway's Intl does not know: period keys stay in TIME_ZONE=${this.zone}` });
      this.unknownZone = zone;
      return;
    }
    this.zone = zone;
    this.calendar = calendar;
    if (!sameZone(zone, this.configuredZone)) {
      this.logger.warn({
        msg: `the boards are kept in TIME_ZONE=${zone} (recorded by the leaderboard app in Redis, ${this.key}), this gateway's TIME_ZONE is ${this.configuredZone}: live views and the dashboard follow the boards' zone`,
      });
    }
    for (const listener of this.listeners) listener();
  }
}
