import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Envelopes the leaderboard began to write (step 0 of the exactly-once protocol, before any of
 * their usage logs is inserted): an envelope absent here has stored nothing under its id.
 */
@Schema({ collection: 'started_envelopes', versionKey: false })
export class StartedEnvelope {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Date, required: true }) startedAt!: Date;
  /** Set when another attempt began it too (a redelivery, possibly while the first still runs). */
  @Prop({ type: Date }) startedAgainAt?: Date;
}

export const StartedEnvelopeSchema = SchemaFactory.createForClass(StartedEnvelope);
