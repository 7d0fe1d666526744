import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AnswerQuestion, ClassificationSource, normalizedAnswerKey, NormalizedQuestion, normalizeQuestion } from '@lib/contracts';

/** Who gave a cached answer. `manual` is found only in databases from before corrections had their own collection (moved at classification's start). */
export type AnswerSource = Extract<ClassificationSource, 'model' | 'llm' | 'manual'>;

/** The question as it was last asked, unnormalized: what training data needs. */
@Schema({ _id: false, versionKey: false })
export class AnswerSample {
  @Prop({ type: String, required: true }) app!: string;
  @Prop({ type: String }) title?: string;
  @Prop({ type: String }) url?: string;
}

export const AnswerSampleSchema = SchemaFactory.createForClass(AnswerSample);

/** How a question is stored, as a cached answer or a correction: keyed by `answerKey`, normalized, and its raw sample. */
export function storedQuestion(question: AnswerQuestion): { _id: string; sample: AnswerSample } & NormalizedQuestion {
  const normalized = normalizeQuestion(question);
  return {
    _id: normalizedAnswerKey(normalized),
    ...normalized,
    sample: { app: question.app, ...(question.title ? { title: question.title } : {}), ...(question.url ? { url: question.url } : {}) },
  };
}

/**
 * A cached answer to one question, from the model or the LLM (corrections: ClassificationCorrection). `_id` is
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
  // No index on either: nothing looks answers up but by `_id` (`source: 'manual'` served the corrections).
  @Prop({ type: String, required: true }) categoryId!: string;
  @Prop({ type: String, required: true }) source!: AnswerSource;
  @Prop({ type: Number, required: true }) confidence!: number;
  @Prop({ type: Number, required: true }) rulesetVersion!: number;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const ClassificationAnswerSchema = SchemaFactory.createForClass(ClassificationAnswer);
