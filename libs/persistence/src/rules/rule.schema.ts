import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RuleKind } from '@lib/classifier-engine';

/** One classification rule; `_id` is the rule id (see RuleDef in the classifier engine). */
@Schema({ collection: 'rules', versionKey: false })
export class Rule {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) kind!: RuleKind;
  @Prop({ type: String, required: true }) pattern!: string;
  @Prop({ type: String, required: true, index: true }) categoryId!: string;
  @Prop({ type: Number }) priority?: number;
  @Prop({ type: Boolean }) override?: boolean;
  @Prop({ type: String }) appFilter?: string;
  @Prop({ type: Boolean }) matchApp?: boolean;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const RuleSchema = SchemaFactory.createForClass(Rule);
