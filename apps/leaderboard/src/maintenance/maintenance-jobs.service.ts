import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { KV } from 'nats';
import { Gauge } from 'prom-client';
import { AppConfig } from '@lib/config';
import { maintenanceBucket, MaintenanceRecord, readMaintenanceRecord, writeMaintenanceRecord } from '@lib/contracts';
import { PeriodCalendar } from '@lib/leaderboard-core';
import { NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { BoardArchiveService } from './board-archive.service';
import { BoardRecomputeService } from './board-recompute.service';
import { LeaseService } from './lease.service';

/** The lease every writer of archives and rebuilt boards takes (jobs here, the CLI). */
export const MAINTENANCE_LEASE = 'leaderboard-maintenance';
const CHECK_EVERY_MS = 60_000;
/**
 * Most days one run verifies after days without a run: with the day before them (activities
 * running into the first), 31 days, one read of usage_logs where every range scan reads the whole
 * collection (FerretDB: board-recompute's 31-day slices).
 */
const MAX_VERIFIED_DAYS = 30;

/**
 * Once a day, from the local hour MAINTENANCE_HOUR on, on exactly one leaderboard instance (NATS
 * KV lease): archive the periods past ARCHIVE_AFTER_DAYS, then verify the day boards of every day
 * since the last run (up to MAX_VERIFIED_DAYS; yesterday's, most days) against the usage logs and
 * publish the drift as ap_leaderboard_drift_entries. The last
 * completed run's record (its day, what it archived and found) is kept in KV too, so restarts and
 * other instances do not repeat it and the dashboard shows it; a deployment's first run (no record
 * kept yet) archives but verifies nothing.
 */
@Injectable()
export class MaintenanceJobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LeaderboardJobs');
  private readonly calendar: PeriodCalendar;
  private readonly drift: Gauge;
  private timer?: NodeJS.Timeout;
  private running?: Promise<boolean>;
  private state?: Promise<KV>;

  constructor(
    private readonly leases: LeaseService,
    private readonly archive: BoardArchiveService,
    private readonly recompute: BoardRecomputeService,
    private readonly nats: NatsConnectionService,
    private readonly config: AppConfig,
    metrics: PipelineMetrics,
  ) {
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
    this.drift = new Gauge({
      name: 'ap_leaderboard_drift_entries',
      help: "Board entries whose score differs from the usage logs at the last daily verify (yesterday's day boards)",
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running && this.nats.isConnected) this.running = this.runDaily().finally(() => (this.running = undefined));
    }, CHECK_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs today's maintenance unless done already or running elsewhere; true when this call ran it. */
  async runDaily(nowMs = Date.now()): Promise<boolean> {
    try {
      if (this.calendar.localHour(nowMs) < this.config.MAINTENANCE_HOUR) return false;
      const today = this.calendar.currentKey('day', nowMs);
      if ((await this.lastRun()) === today) return false;
      const ran = await this.leases.runExclusive(MAINTENANCE_LEASE, async (lease) => {
        const lastRun = await this.lastRun();
        if (lastRun === today) return false; // another instance finished while we waited
        const archived = await this.archive.archiveDue(nowMs, lease);
        // A deployment's first run has no day of its own behind it to verify. Skipping it also
        // spares a new stack, in its first minute, a verify that on FerretDB scans every stored log.
        const days = lastRun === undefined ? undefined : this.unverifiedDays(lastRun, today);
        const record: MaintenanceRecord = {
          day: today,
          finishedAt: new Date().toISOString(),
          archived: archived.archived.length,
          archiveFailures: archived.failed.length,
          ...(days === undefined
            ? {}
            : { ...(days.from === days.to ? {} : { verifiedFrom: days.from }), verifiedDay: days.to, driftEntries: await this.verifyDays(days.from, days.to) }),
        };
        lease.assertHeld();
        await writeMaintenanceRecord(await this.kv(), record);
        this.logger.log({ msg: 'daily maintenance done', ...record });
        return true;
      });
      return ran?.result ?? false;
    } catch (error) {
      this.logger.error({ msg: 'daily maintenance failed', err: String(error) });
      return false;
    }
  }

  /**
   * The days no run verified yet: from the last run's day (it verified the day before it) to
   * yesterday, at most MAX_VERIFIED_DAYS. Until 2026-11-25 a run verified yesterday only, so after
   * days without a run (every instance down) the days in between, those of the outage where drift
   * comes from, were never verified.
   */
  private unverifiedDays(lastRun: string, today: string): { from: string; to: string } {
    const to = this.calendar.previousKey('day', today);
    let from = to;
    for (let days = 1; days < MAX_VERIFIED_DAYS && from > lastRun; days++) from = this.calendar.previousKey('day', from);
    return { from, to };
  }

  /** Verifies the day boards of these days against the usage logs and publishes the drift; returns its entries. */
  private async verifyDays(from: string, to: string): Promise<number> {
    const report = await this.recompute.verify({ from, to, periods: ['day'] });
    this.drift.set(report.driftEntries);
    if (report.driftEntries > 0) {
      this.logger.error({ msg: 'leaderboard drift', from, to, entries: report.driftEntries, boards: report.drifted.map((d) => `${d.board} ${d.periodKey}`) });
    }
    return report.driftEntries;
  }

  /** The day of the last completed run. */
  private async lastRun(): Promise<string | undefined> {
    return (await readMaintenanceRecord(await this.kv()))?.day;
  }

  private kv(): Promise<KV> {
    this.state ??= this.nats.js.views.kv(maintenanceBucket(this.config.PIPELINE_PREFIX), { history: 1 });
    return this.state;
  }
}
