import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class DeadLetterHeader {
  @Field() name!: string;
  @Field() value!: string;
}

@ObjectType()
export class DeadLetter {
  @Field(() => Int, { description: 'Sequence in the dead-letter stream' }) id!: number;
  @Field() stage!: string;
  @Field() reason!: string;
  @Field({ description: 'Original subject, where a replay publishes again' }) subject!: string;
  @Field() stream!: string;
  @Field(() => Float) streamSeq!: number;
  @Field(() => Int) deliveries!: number;
  @Field() firstFailedAt!: string;
  @Field() lastFailedAt!: string;
  @Field(() => Int) replays!: number;
  @Field() origin!: string;
  @Field({ nullable: true }) correlationId?: string;
  @Field(() => Int) sizeBytes!: number;
}

@ObjectType()
export class DeadLetterDetail extends DeadLetter {
  @Field({ description: 'json, text or base64' }) payloadEncoding!: string;
  @Field({ description: 'The payload: JSON text (pretty-printed), plain text or base64' }) payload!: string;
  @Field(() => [DeadLetterHeader]) headers!: DeadLetterHeader[];
}

@ObjectType()
export class DeadLetterPage {
  @Field(() => [DeadLetter]) items!: DeadLetter[];
  @Field(() => Int, { nullable: true, description: 'Pass as `after` for the next page' }) next!: number | null;
  @Field(() => Int) pending!: number;
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
  @Field(() => Int) count!: number;
  @Field(() => [Int]) ids!: number[];
}

@ObjectType()
export class DeadLetterReplay {
  @Field(() => Int) id!: number;
  @Field() subject!: string;
  @Field() stream!: string;
  @Field(() => Float) streamSeq!: number;
}
