import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { ImportFormat, ImportJobStatus, ImportRejection } from '@lib/contracts';

/**
 * One import (PRODUCT.md §7): created by the gateway when an upload starts, run by ingestion.
 * Counters only move forward one committed chunk at a time (`chunksCommitted`), so a job resumed
 * after a crash skips what it already counted.
 */
@Schema({ collection: 'import_jobs', versionKey: false })
export class ImportJob {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) status!: ImportJobStatus;
  @Prop({ type: String, required: true }) format!: ImportFormat;
  /** Default user of CSV rows without user_id; the user of an ActivityWatch export. */
  @Prop({ type: String }) userId?: string;
  /** Set when the uploading key is bound to a user: rows of other users are rejected. */
  @Prop({ type: String }) boundUserId?: string;
  @Prop({ type: String }) fileName?: string;
  @Prop({ type: String, required: true }) keyId!: string;
  @Prop({ type: Number }) bytesTotal?: number;
  @Prop({ type: Number, required: true }) bytesRead!: number;
  @Prop({ type: Number }) rowsTotal?: number;
  @Prop({ type: Number, required: true }) rowsProcessed!: number;
  @Prop({ type: Number, required: true }) accepted!: number;
  @Prop({ type: Number, required: true }) duplicates!: number;
  @Prop({ type: Number, required: true }) rejectedCount!: number;
  @Prop({ type: [Object], required: true }) rejected!: ImportRejection[];
  @Prop({ type: Boolean, required: true }) rejectedTruncated!: boolean;
  @Prop({ type: Number, required: true }) chunksCommitted!: number;
  @Prop({ type: String }) error?: string;
  @Prop({ type: Date, required: true, index: true }) createdAt!: Date;
  @Prop({ type: Date }) uploadedAt?: Date;
  /** Set when the stalled-upload sweeper re-sent the run message (at most once). */
  @Prop({ type: Date }) requeuedAt?: Date;
  /** Stream sequence of the run message the job runs under (a redelivery of it resumes the job; another message leaves it). */
  @Prop({ type: Number }) runSeq?: number;
  @Prop({ type: Date }) startedAt?: Date;
  @Prop({ type: Date }) finishedAt?: Date;
  @Prop({ type: Number }) rowsPerSec?: number;
}

export const ImportJobSchema = SchemaFactory.createForClass(ImportJob);
ImportJobSchema.index({ userId: 1, createdAt: -1 });
// The stalled-upload sweeper's query: PENDING jobs, oldest first.
ImportJobSchema.index({ status: 1, createdAt: 1 });
// The jobs of a key still holding files (IMPORT_JOBS_PER_KEY), counted at each upload.
ImportJobSchema.index({ keyId: 1, status: 1 });
