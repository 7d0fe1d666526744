import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AnswerSample, AnswerSampleSchema } from './classification-answer.schema';

/**
 * A person's answer to one question (PUT /v1/classifications), `_id` = `answerKey(question)` as
 * for the cached answers, but in a collection of its own: classification loads every correction
 * at start and at each full reload, and among the cached answers (one per window title ever seen)
 * that was a full scan on FerretDB, 6.2 s at 38,000 answers.
 */
@Schema({ collection: 'classification_corrections', versionKey: false })
export class ClassificationCorrection {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String }) app!: string;
  @Prop({ type: String }) host!: string;
  @Prop({ type: String }) path!: string;
  @Prop({ type: String }) title!: string;
  @Prop({ type: AnswerSampleSchema, required: true }) sample!: AnswerSample;
  @Prop({ type: String, required: true, index: true }) categoryId!: string;
  /** The ruleset version current when it was made. */
  @Prop({ type: Number, required: true }) rulesetVersion!: number;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const ClassificationCorrectionSchema = SchemaFactory.createForClass(ClassificationCorrection);
