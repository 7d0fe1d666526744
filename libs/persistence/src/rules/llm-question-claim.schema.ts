import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A question (`_id`: its answerKey) one inference instance is asking the LLM: the others wait for
 * its stored answer instead of paying for the same question again. Removed once the answer is
 * stored (or none will be); one whose holder died is taken over after `expiresAt`.
 */
@Schema({ collection: 'llm_question_claims', versionKey: false })
export class LlmQuestionClaim {
  @Prop({ type: String, required: true }) _id!: string;
  /** The claiming instance (a random id per process). */
  @Prop({ type: String, required: true }) holder!: string;
  @Prop({ type: Date, required: true }) expiresAt!: Date;
  /** Asked for a live event: an import's (bulk) claim gives way to a live question (it would wait behind imports). */
  @Prop({ type: Boolean, required: true }) live!: boolean;
}

export const LlmQuestionClaimSchema = SchemaFactory.createForClass(LlmQuestionClaim);
