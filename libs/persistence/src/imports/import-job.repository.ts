import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { ImportFormat, ImportRejection } from '@lib/contracts';
import { ImportJob } from './import-job.schema';
import { byId } from '../mongo-filters';

export interface NewImportJob {
  id: string;
  format: ImportFormat;
  keyId: string;
  userId?: string;
  boundUserId?: string;
  fileName?: string;
  bytesTotal?: number;
}

/** What one chunk adds to a job's counters. */
export interface ChunkProgress {
  rows: number;
  bytesRead: number;
  rowsTotal?: number;
  accepted: number;
  duplicates: number;
  rejectedCount: number;
  /** Already capped by the caller to the room left in the stored list. */
  rejected: ImportRejection[];
  rejectedTruncated: boolean;
}

/** A new job's progress: nothing read, nothing counted. */
export function noProgress(): Pick<ImportJob, 'bytesRead' | 'rowsProcessed' | 'accepted' | 'duplicates' | 'rejectedCount' | 'rejected' | 'rejectedTruncated' | 'chunksCommitted'> {
  return { bytesRead: 0, rowsProcessed: 0, accepted: 0, duplicates: 0, rejectedCount: 0, rejected: [], rejectedTruncated: false, chunksCommitted: 0 };
}

@Injectable()
export class ImportJobRepository {
  constructor(@InjectModel(ImportJob.name) private readonly model: Model<ImportJob>) {}

  async create(job: NewImportJob): Promise<void> {
    await this.model.create({
      _id: job.id,
      status: 'PENDING',
      format: job.format,
      keyId: job.keyId,
      userId: job.userId,
      boundUserId: job.boundUserId,
      fileName: job.fileName,
      bytesTotal: job.bytesTotal,
      ...noProgress(),
      createdAt: new Date(),
    });
  }

  findById(id: string): Promise<ImportJob | null> {
    return this.model.findOne(byId(id)).lean<ImportJob>().exec();
  }

  /** Jobs of API key `keyId` not ended yet (PENDING or PROCESSING): their files are stored in the imports stream. */
  countUnfinishedOfKey(keyId: string): Promise<number> {
    return this.model.countDocuments({ keyId: { $eq: keyId }, status: { $in: ['PENDING', 'PROCESSING'] } }).exec();
  }

  /** Removes a job nothing was stored for (an upload refused before its first byte was read). */
  async remove(id: string): Promise<void> {
    await this.model.deleteOne(byId(id));
  }

  /** Newest first, without the rejected rows (the single-job read has them). */
  list(filter: { userId?: string; limit: number; offset: number }): Promise<ImportJob[]> {
    const query = filter.userId === undefined ? {} : { userId: { $eq: filter.userId } };
    return this.model.find(query, { rejected: 0 }).sort({ createdAt: -1 }).skip(filter.offset).limit(filter.limit).lean<ImportJob[]>().exec();
  }

  /**
   * Records a complete upload, only while the job is PENDING and not recorded yet; false when the
   * stalled-upload sweeper failed the job first (or another gateway recorded it).
   */
  async markUploaded(id: string, bytes: number): Promise<boolean> {
    const result = await this.model.updateOne({ ...byId(id), status: 'PENDING', uploadedAt: { $exists: false } }, { $set: { bytesTotal: bytes, uploadedAt: new Date() } });
    return result.modifiedCount === 1;
  }

  /**
   * PENDING jobs created before `createdBefore` whose run message was not re-sent yet: uploads
   * that may have stalled, or that a crashed gateway stored without queueing (oldest first).
   */
  findUnqueued(createdBefore: Date, limit: number): Promise<ImportJob[]> {
    return this.model
      .find({ status: 'PENDING', requeuedAt: { $exists: false }, createdAt: { $lt: createdBefore } }, { rejected: 0 })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<ImportJob[]>()
      .exec();
  }

  /** The sweeper re-sends the job's run message (false: sending it failed): a requeued job is not looked at again. */
  async markRequeued(id: string, requeued: boolean): Promise<void> {
    await this.model.updateOne({ ...byId(id), status: 'PENDING' }, requeued ? { $set: { requeuedAt: new Date() } } : { $unset: { requeuedAt: '' } });
  }

  /** Fails an upload that never completed; false when it completed or ended meanwhile. */
  async failUnfinishedUpload(id: string, error: string): Promise<boolean> {
    const result = await this.model.updateOne({ ...byId(id), status: 'PENDING', uploadedAt: { $exists: false } }, { $set: { status: 'FAILED', error, finishedAt: new Date() } });
    return result.modifiedCount === 1;
  }

  /** PENDING → PROCESSING under run message `runSeq`; the first start time is kept when a job resumes. */
  async markProcessing(id: string, startedAt: Date, runSeq: number): Promise<void> {
    await this.model.updateOne({ ...byId(id), status: { $in: ['PENDING', 'PROCESSING'] } }, { $set: { status: 'PROCESSING', startedAt, runSeq } });
  }

  /**
   * Adds one chunk's counts if the job's committed chunk count is still `chunkIndex` (compare and
   * set), so a chunk is never counted twice, even by two workers racing on one job.
   */
  async commitChunk(id: string, chunkIndex: number, progress: ChunkProgress): Promise<boolean> {
    const update: Record<string, unknown> = {
      $inc: { rowsProcessed: progress.rows, accepted: progress.accepted, duplicates: progress.duplicates, rejectedCount: progress.rejectedCount },
      $set: {
        chunksCommitted: chunkIndex + 1,
        bytesRead: progress.bytesRead,
        ...(progress.rowsTotal !== undefined ? { rowsTotal: progress.rowsTotal } : {}),
        ...(progress.rejectedTruncated ? { rejectedTruncated: true } : {}),
      },
    };
    if (progress.rejected.length > 0) update.$push = { rejected: { $each: progress.rejected } };
    const result = await this.model.updateOne({ ...byId(id), status: 'PROCESSING', chunksCommitted: { $eq: chunkIndex } }, update);
    return result.modifiedCount === 1;
  }

  async finish(id: string, fields: { rowsTotal: number; finishedAt: Date; rowsPerSec: number }): Promise<void> {
    await this.model.updateOne({ ...byId(id), status: 'PROCESSING' }, { $set: { status: 'DONE', ...fields } });
  }

  /** Any job not finished yet can fail; a DONE job stays DONE (false: it had ended already). */
  async fail(id: string, error: string): Promise<boolean> {
    const result = await this.model.updateOne({ ...byId(id), status: { $in: ['PENDING', 'PROCESSING'] } }, { $set: { status: 'FAILED', error, finishedAt: new Date() } });
    return result.modifiedCount === 1;
  }
}
