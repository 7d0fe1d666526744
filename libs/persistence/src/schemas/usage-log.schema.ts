import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ClassificationSource } from '@lib/contracts';

@Schema({ _id: false, versionKey: false })
export class StoredClassification {
  @Prop({ type: String, required: true }) source!: ClassificationSource;
  @Prop({ type: Number, required: true }) confidence!: number;
  @Prop({ type: String }) ruleId?: string;
  @Prop({ type: Number, required: true }) rulesetVersion!: number;
}

const StoredClassificationSchema = SchemaFactory.createForClass(StoredClassification);

/**
 * One stored activity, the source of truth for every board. `_id` is the event id, so the
 * primary key itself guarantees each event is stored once.
 */
@Schema({ collection: 'usage_logs', versionKey: false })
export class UsageLog {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) envelopeId!: string;
  @Prop({ type: String, required: true }) userId!: string;
  @Prop({ type: String, required: true }) app!: string;
  @Prop({ type: String }) title?: string;
  @Prop({ type: String }) url?: string;
  @Prop({ type: Date, required: true }) startedAt!: Date;
  @Prop({ type: Number, required: true }) durationSec!: number;
  @Prop({ type: String }) source?: string;
  @Prop({ type: String, required: true }) categoryId!: string;
  @Prop({ type: [String], required: true }) boards!: string[];
  @Prop({ type: StoredClassificationSchema, required: true }) classification!: StoredClassification;
  @Prop({ type: Date, required: true }) storedAt!: Date;
}

export const UsageLogSchema = SchemaFactory.createForClass(UsageLog);
UsageLogSchema.index({ userId: 1, startedAt: 1 });
UsageLogSchema.index({ startedAt: 1 });
