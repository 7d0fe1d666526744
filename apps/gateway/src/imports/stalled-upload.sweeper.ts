import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { ImportJob, ImportJobRepository } from '@lib/persistence';
import { ImportUploadService } from './import-upload.service';
import { QUEUE_GRACE_MS, stalledUploadAction } from './stalled-upload';

const SWEEP_EVERY_MS = 60_000;
/** Jobs looked at per sweep; the rest wait for the next one. */
const SWEEP_LIMIT = 100;

export interface SweepReport {
  failed: number;
  queued: number;
}

/**
 * Finishes what a gateway that stopped mid-upload left behind: an upload with no new data for
 * IMPORT_UPLOAD_STALL_SEC is failed and its stored part removed; a file stored whole but not
 * queued is queued. Runs in every gateway: each change is a conditional update and the run
 * message is deduplicated by JetStream, so instances sweeping at once do each thing once.
 */
@Injectable()
export class StalledUploadSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('StalledUploads');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly uploads: ImportUploadService,
    private readonly nats: NatsConnectionService,
    private readonly config: AppConfig,
    private readonly metrics: PipelineMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running && this.nats.isConnected) {
        this.running = this.sweep()
          .catch((error) => this.logger.error({ msg: 'stalled-upload sweep failed', err: String(error) }))
          .finally(() => (this.running = undefined));
      }
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(now = new Date()): Promise<SweepReport> {
    const stallMs = this.config.IMPORT_UPLOAD_STALL_SEC * 1000;
    const report: SweepReport = { failed: 0, queued: 0 };
    const candidates = await this.jobs.findUnqueued(new Date(now.getTime() - Math.min(stallMs, QUEUE_GRACE_MS)), SWEEP_LIMIT);
    for (const job of candidates) await this.uploads.exclusive(job._id, () => this.sweepJob(job, now, stallMs, report));
    if (report.failed > 0) this.metrics.importUploadsSwept.inc({ outcome: 'failed' }, report.failed);
    if (report.queued > 0) this.metrics.importUploadsSwept.inc({ outcome: 'queued' }, report.queued);
    return report;
  }

  private async sweepJob(job: ImportJob, now: Date, stallMs: number, report: SweepReport): Promise<void> {
    const last = job.uploadedAt ? undefined : await this.uploads.lastPiece(job._id);
    const action = stalledUploadAction(job, last, now, stallMs);
    if (action.kind === 'queue') {
      // A duplicate means the gateway had queued it: the job is only waiting its turn.
      if (await this.uploads.queueStoredUpload(job._id, action.bytes)) {
        report.queued++;
        this.logger.warn({ msg: 'import queued by the sweeper: its gateway stopped after storing it', jobId: job._id });
      }
    } else if (action.kind === 'fail' && (await this.jobs.failUnfinishedUpload(job._id, action.reason))) {
      await this.uploads.discard(job._id);
      report.failed++;
      this.logger.warn({ msg: 'stalled import upload failed', jobId: job._id, reason: action.reason });
    }
  }
}
