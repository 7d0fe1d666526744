import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Admin-configured mapping of a watcher machine's hostname (lower case) to a user, for
 * ActivityWatch watchers that send no API key.
 */
@Schema({ collection: 'watcher_hosts', versionKey: false })
export class WatcherHost {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) userId!: string;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const WatcherHostSchema = SchemaFactory.createForClass(WatcherHost);
