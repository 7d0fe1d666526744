import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const BULK_REPLAY_DUPLICATES = "of ids, the letters whose copy the stream held already (a concurrent replay of them, or one cut short before the letter was deleted): nothing was published again for them";
const REPLAY_DUPLICATE = "true when the stream held this letter's copy already (a concurrent replay of it, or one cut short before the letter was deleted): nothing was published again, and streamSeq is that copy's";

@ObjectType()
export class DeadLetterHeader {
  @Field() name!: string;
  @Field() value!: string;
}

@ObjectType()
export class DeadLetter {
  @ApiProperty({ type: 'integer', description: 'Sequence in the dead-letter stream' }) @Field(() => Int, { description: 'Sequence in the dead-letter stream' }) id!: number;
  @ApiProperty() @Field() stage!: string;
  @ApiProperty() @Field() reason!: string;
  @ApiProperty({ description: 'Original subject, where a replay publishes again' }) @Field({ description: 'Original subject, where a replay publishes again' }) subject!: string;
  @ApiProperty() @Field() stream!: string;
  @ApiProperty() @Field(() => Float) streamSeq!: number;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) deliveries!: number;
  @ApiProperty() @Field() firstFailedAt!: string;
  @ApiProperty() @Field() lastFailedAt!: string;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) replays!: number;
  @ApiProperty() @Field() origin!: string;
  @ApiPropertyOptional() @Field({ nullable: true }) correlationId?: string;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) sizeBytes!: number;
}

@ObjectType()
export class DeadLetterDetail extends DeadLetter {
  @Field({ description: 'json, text or base64' }) payloadEncoding!: string;
  @Field({ description: 'The payload: JSON text (pretty-printed), plain text or base64' }) payload!: string;
  @Field(() => [DeadLetterHeader]) headers!: DeadLetterHeader[];
}

/** A dead letter's payload as REST shows it (GraphQL: payloadEncoding and payload as text). */
export class DeadLetterPayload {
  @ApiProperty({ enum: ['json', 'text', 'base64'] }) encoding!: string;
  @ApiProperty({ description: 'the parsed JSON, the text, or the bytes in base64', oneOf: [{ type: 'object' }, { type: 'array', items: {} }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }] })
  value!: unknown;
}

/** One dead letter as GET /v1/dead-letters/:id answers it: headers as an object, the payload decoded. */
export class DeadLetterRecord extends DeadLetter {
  @ApiProperty({ type: () => DeadLetterPayload }) payload!: DeadLetterPayload;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "the original message's headers (without the ap-dlq-* ones)" }) headers!: Record<string, string>;
}

@ObjectType()
export class DeadLetterPage {
  @ApiProperty({ type: () => [DeadLetter] }) @Field(() => [DeadLetter]) items!: DeadLetter[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) @Field(() => Int, { nullable: true, description: 'Pass as `after` for the next page' }) next!: number | null;
  @ApiProperty({ type: 'integer', description: 'letters waiting in the stage (all stages without stage), before subject/reason filters' }) @Field(() => Int) pending!: number;
}

@InputType()
export class DeadLetterFilterInput {
  @Field({ nullable: true }) stage?: string;
  @Field({ nullable: true, description: 'Substring of the original subject' }) subject?: string;
  @Field({ nullable: true, description: 'Case-insensitive substring of the reason' }) reason?: string;
  @Field({ nullable: true, description: 'Required (true) when no filter is given' }) all?: boolean;
}

@ObjectType()
export class DeadLetterBulkResult {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) count!: number;
  @ApiProperty({ type: 'integer', isArray: true }) @Field(() => [Int]) ids!: number[];
}

@ObjectType()
export class DeadLetterBulkReplay extends DeadLetterBulkResult {
  @ApiProperty({ type: 'integer', isArray: true, description: BULK_REPLAY_DUPLICATES }) @Field(() => [Int], { description: BULK_REPLAY_DUPLICATES }) duplicateIds!: number[];
}

@ObjectType()
export class DeadLetterReplay {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) id!: number;
  @ApiProperty() @Field() subject!: string;
  @ApiProperty() @Field() stream!: string;
  @ApiProperty() @Field(() => Float) streamSeq!: number;
  @ApiProperty({ description: REPLAY_DUPLICATE }) @Field({ description: REPLAY_DUPLICATE }) duplicate!: boolean;
}
