import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** An ActivityWatch bucket as a watcher created it (`POST /api/0/buckets/{id}`), per user. */
@Schema({ collection: 'watcher_buckets', versionKey: false })
export class WatcherBucket {
  /** Hash of user and bucket id: bucket ids are the watchers' own text. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) userId!: string;
  @Prop({ type: String, required: true, index: true }) bucketId!: string;
  @Prop({ type: String, required: true }) type!: string;
  @Prop({ type: String, required: true }) client!: string;
  @Prop({ type: String, required: true }) hostname!: string;
  @Prop({ type: String, required: true }) name!: string;
  /** Created without an API key: the user came from the hostname mapping. */
  @Prop({ type: Boolean, required: true }) keyless!: boolean;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const WatcherBucketSchema = SchemaFactory.createForClass(WatcherBucket);
