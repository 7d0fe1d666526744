import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** The single `{ _id: 'ruleset' }` document: the ruleset version, bumped by every change. */
@Schema({ collection: 'ruleset_meta', versionKey: false })
export class RulesetMeta {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) version!: number;
  /** The version of the last change to the categories (absent in documents from before it was kept). */
  @Prop({ type: Number }) taxonomyVersion?: number;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const RulesetMetaSchema = SchemaFactory.createForClass(RulesetMeta);
