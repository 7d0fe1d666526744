import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PipelineMetrics } from '@lib/observability';
import { insertManyNew } from '../mongo-errors';
import { byId } from '../mongo-filters';
import { MongoServerCapabilities } from '../mongo-indexes';
import { UsageLog } from '../schemas/usage-log.schema';

export type ScannedUsageLog = Pick<UsageLog, 'envelopeId' | 'userId' | 'startedAt' | 'durationSec' | 'boards'>;

@Injectable()
export class UsageLogRepository {
  constructor(
    @InjectModel(UsageLog.name) private readonly model: Model<UsageLog>,
    private readonly metrics: PipelineMetrics,
    private readonly server: MongoServerCapabilities,
  ) {}

  /**
   * Inserts every log not stored yet (unordered: one duplicate does not stop the rest) and
   * returns the ids this call inserted. Duplicate-key errors are expected on redelivery.
   */
  async insertNew(logs: UsageLog[]): Promise<Set<string>> {
    if (logs.length === 0) return new Set();
    const existing = await this.metrics.timeStore('mongo', 'usage_logs.insertMany', () => insertManyNew(this.model.collection, logs));
    return new Set(logs.filter((_, i) => !existing.has(i)).map((l) => l._id));
  }

  /**
   * The logs stored under each of these envelopes, in one query: on FerretDB (SQLite) any filter
   * but a plain `_id` reads and decodes the whole collection, so one query per envelope of a
   * redelivered batch would read it once per envelope.
   */
  async findByEnvelopes(envelopeIds: string[]): Promise<Map<string, UsageLog[]>> {
    const byEnvelope = new Map(envelopeIds.map((id) => [id, [] as UsageLog[]]));
    if (envelopeIds.length === 0) return byEnvelope;
    const logs = await this.metrics.timeStore('mongo', 'usage_logs.findByEnvelopes', () =>
      this.model.find({ envelopeId: { $in: envelopeIds.map(String) } }).lean<UsageLog[]>().exec(),
    );
    for (const log of logs) byEnvelope.get(log.envelopeId)?.push(log);
    return byEnvelope;
  }

  findById(eventId: string): Promise<UsageLog | null> {
    return this.model.findOne(byId(eventId)).lean<UsageLog>().exec();
  }

  // --- scans for leaderboard rebuild/verify (issue: leaderboards) ---

  /**
   * Whether a `startedAt` range scan reads the whole collection whatever its range: true on a
   * server that serves no filter from a secondary index (FerretDB on SQLite), where every scan
   * decodes every stored log and holds one read snapshot while it does.
   */
  async rangeScanReadsWholeCollection(): Promise<boolean> {
    return !(await this.server.usesSecondaryIndexes());
  }

  /** Logs started in [fromMs, toMs), only the fields boards are computed from and their envelope, streamed with a cursor. */
  scanStartedBetween(fromMs: number, toMs: number): AsyncIterable<ScannedUsageLog> {
    return this.model.collection.find(
      { startedAt: { $gte: new Date(fromMs), $lt: new Date(toMs) } },
      { projection: { _id: 0, envelopeId: 1, userId: 1, startedAt: 1, durationSec: 1, boards: 1 }, batchSize: 5000 },
    ) as unknown as AsyncIterable<ScannedUsageLog>;
  }

  countStartedBetween(fromMs: number, toMs: number): Promise<number> {
    return this.model.collection.countDocuments({ startedAt: { $gte: new Date(fromMs), $lt: new Date(toMs) } });
  }

  /** Earliest and latest start of any stored log, or undefined when there is none. */
  async startedAtBounds(): Promise<{ firstMs: number; lastMs: number } | undefined> {
    const [first] = await this.model.collection.find({}, { projection: { startedAt: 1 } }).sort({ startedAt: 1 }).limit(1).toArray();
    const [last] = await this.model.collection.find({}, { projection: { startedAt: 1 } }).sort({ startedAt: -1 }).limit(1).toArray();
    return first && last ? { firstMs: (first.startedAt as Date).getTime(), lastMs: (last.startedAt as Date).getTime() } : undefined;
  }
}
