import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ClassificationSource } from '@lib/contracts';

export type AnswerSource = Extract<ClassificationSource, 'model' | 'llm' | 'manual'>;
export const ANSWER_SOURCES: readonly AnswerSource[] = ['model', 'llm', 'manual'];

/** The question as it was last asked, unnormalized: what training data needs. */
@Schema({ _id: false, versionKey: false })
export class AnswerSample {
  @Prop({ type: String, required: true }) app!: string;
  @Prop({ type: String }) title?: string;
  @Prop({ type: String }) url?: string;
}

const AnswerSampleSchema = SchemaFactory.createForClass(AnswerSample);

/**
 * A known answer to one question (model, LLM or a person's correction). `_id` is
 * `answerKey(question)`, a hash; the normalized question is kept in plain fields ('' = absent).
 */
@Schema({ collection: 'classification_answers', versionKey: false })
export class ClassificationAnswer {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String }) app!: string;
  @Prop({ type: String }) host!: string;
  @Prop({ type: String }) path!: string;
  @Prop({ type: String }) title!: string;
  @Prop({ type: AnswerSampleSchema, required: true }) sample!: AnswerSample;
  @Prop({ type: String, required: true, index: true }) categoryId!: string;
  @Prop({ type: String, required: true, index: true }) source!: AnswerSource;
  @Prop({ type: Number, required: true }) confidence!: number;
  @Prop({ type: Number, required: true }) rulesetVersion!: number;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const ClassificationAnswerSchema = SchemaFactory.createForClass(ClassificationAnswer);
