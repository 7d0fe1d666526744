import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INCOMPLETE, LeaderboardEntry, ZONE_OF_PERIOD_KEY } from '../graphql/graphql.models';

@ObjectType()
export class LeaderboardAround {
  @ApiProperty() @Field() board!: string;
  @ApiProperty() @Field() period!: string;
  @ApiProperty() @Field() periodKey!: string;
  @ApiProperty({ description: ZONE_OF_PERIOD_KEY, example: 'UTC' }) @Field({ description: ZONE_OF_PERIOD_KEY }) timeZone!: string;
  @ApiProperty() @Field() userId!: string;
  @ApiProperty({ type: 'integer', nullable: true }) @Field(() => Int, { nullable: true, description: 'null when the user has no score on the board' }) rank!: number | null;
  @ApiProperty({ description: 'seconds' }) @Field(() => Float, { description: 'seconds' }) score!: number;
  @ApiProperty({ type: () => [LeaderboardEntry] }) @Field(() => [LeaderboardEntry]) entries!: LeaderboardEntry[];
  @ApiPropertyOptional({ description: INCOMPLETE }) @Field(() => String, { nullable: true, description: INCOMPLETE }) incomplete?: string;
}

@ObjectType()
export class LeaderboardCount {
  @ApiProperty() @Field() board!: string;
  @ApiProperty() @Field() period!: string;
  @ApiProperty() @Field() periodKey!: string;
  @ApiProperty({ description: ZONE_OF_PERIOD_KEY, example: 'UTC' }) @Field({ description: ZONE_OF_PERIOD_KEY }) timeZone!: string;
  @ApiProperty({ type: 'integer', description: 'users with a score on the board' }) @Field(() => Int, { description: 'users with a score on the board' }) users!: number;
  @ApiPropertyOptional({ description: INCOMPLETE }) @Field(() => String, { nullable: true, description: INCOMPLETE }) incomplete?: string;
}

@ObjectType()
export class LeaderboardGroupEntry {
  @ApiProperty({ type: 'integer' }) @Field(() => Int, { description: 'competition rank among the group' }) rank!: number;
  @ApiProperty() @Field() userId!: string;
  @ApiProperty({ description: 'seconds' }) @Field(() => Float, { description: 'seconds' }) score!: number;
  @ApiProperty({ type: 'integer', nullable: true }) @Field(() => Int, { nullable: true, description: 'rank on the whole board; null when absent' }) globalRank!: number | null;
}

@ObjectType()
export class LeaderboardGroup {
  @ApiProperty() @Field() board!: string;
  @ApiProperty() @Field() period!: string;
  @ApiProperty() @Field() periodKey!: string;
  @ApiProperty({ description: ZONE_OF_PERIOD_KEY, example: 'UTC' }) @Field({ description: ZONE_OF_PERIOD_KEY }) timeZone!: string;
  @ApiProperty({ type: () => [LeaderboardGroupEntry] }) @Field(() => [LeaderboardGroupEntry]) entries!: LeaderboardGroupEntry[];
  @ApiPropertyOptional({ description: INCOMPLETE }) @Field(() => String, { nullable: true, description: INCOMPLETE }) incomplete?: string;
}

@ObjectType()
export class CategoryTime {
  @ApiProperty() @Field() categoryId!: string;
  @ApiProperty() @Field() name!: string;
  @ApiProperty({ type: [String] }) @Field(() => [String], { description: 'names from the root category down' }) path!: string[];
  @ApiProperty() @Field() color!: string;
  @ApiProperty() @Field() productive!: boolean;
  @ApiProperty() @Field(() => Float) seconds!: number;
}

const UNLISTED = 'seconds of total that no listed root category holds: time of categories deleted since (total, productive and parent boards keep it) or of roots moved below another since; the roots plus this make total, except after a category was made a root: its earlier time stays on its former root too, the roots then hold more than total, and this is 0';

@ObjectType()
export class UserSummary {
  @ApiProperty() @Field() userId!: string;
  @ApiProperty() @Field() period!: string;
  @ApiProperty() @Field() periodKey!: string;
  @ApiProperty({ description: ZONE_OF_PERIOD_KEY, example: 'UTC' }) @Field({ description: ZONE_OF_PERIOD_KEY }) timeZone!: string;
  @ApiProperty({ description: 'seconds' }) @Field(() => Float, { description: 'seconds' }) total!: number;
  @ApiProperty({ description: 'seconds in productive categories' }) @Field(() => Float, { description: 'seconds in productive categories' }) productive!: number;
  @ApiProperty({ description: UNLISTED }) @Field(() => Float, { description: UNLISTED }) unlistedSeconds!: number;
  @ApiProperty({ type: () => [CategoryTime] }) @Field(() => [CategoryTime]) categories!: CategoryTime[];
  @ApiPropertyOptional({ description: INCOMPLETE }) @Field(() => String, { nullable: true, description: INCOMPLETE }) incomplete?: string;
}
