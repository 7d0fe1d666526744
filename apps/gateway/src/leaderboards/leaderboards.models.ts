import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { LeaderboardEntry } from '../graphql/graphql.models';

@ObjectType()
export class LeaderboardAround {
  @Field() board!: string;
  @Field() period!: string;
  @Field() periodKey!: string;
  @Field() userId!: string;
  @Field(() => Int, { nullable: true, description: 'null when the user has no score on the board' }) rank!: number | null;
  @Field(() => Float, { description: 'seconds' }) score!: number;
  @Field(() => [LeaderboardEntry]) entries!: LeaderboardEntry[];
}

@ObjectType()
export class LeaderboardGroupEntry {
  @Field(() => Int, { description: 'competition rank among the group' }) rank!: number;
  @Field() userId!: string;
  @Field(() => Float, { description: 'seconds' }) score!: number;
  @Field(() => Int, { nullable: true, description: 'rank on the whole board; null when absent' }) globalRank!: number | null;
}

@ObjectType()
export class LeaderboardGroup {
  @Field() board!: string;
  @Field() period!: string;
  @Field() periodKey!: string;
  @Field(() => [LeaderboardGroupEntry]) entries!: LeaderboardGroupEntry[];
}

@ObjectType()
export class CategoryTime {
  @Field() categoryId!: string;
  @Field() name!: string;
  @Field(() => [String], { description: 'names from the root category down' }) path!: string[];
  @Field() color!: string;
  @Field() productive!: boolean;
  @Field(() => Float) seconds!: number;
}

@ObjectType()
export class UserSummary {
  @Field() userId!: string;
  @Field() period!: string;
  @Field() periodKey!: string;
  @Field(() => Float, { description: 'seconds' }) total!: number;
  @Field(() => Float, { description: 'seconds in productive categories' }) productive!: number;
  @Field(() => [CategoryTime]) categories!: CategoryTime[];
}
