import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Envelopes whose increments reached Redis: step 4 of the exactly-once protocol (DESIGN.md). */
@Schema({ collection: 'applied_envelopes', versionKey: false })
export class AppliedEnvelope {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Date, required: true }) appliedAt!: Date;
}

export const AppliedEnvelopeSchema = SchemaFactory.createForClass(AppliedEnvelope);
