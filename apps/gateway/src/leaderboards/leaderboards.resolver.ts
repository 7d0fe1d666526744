import { UseGuards } from '@nestjs/common';
import { Args, Context, Int, Query, Resolver, Subscription } from '@nestjs/graphql';
import { LeaderboardPage, RpcError } from '@lib/contracts';
import { AroundPage, BoardCount, GroupBoard, LEADERBOARD_OPERATIONS, UserSummary as UserSummaryResult } from '@lib/leaderboard-core';
import { RpcClient } from '@lib/messaging';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { Leaderboard } from '../graphql/graphql.models';
import { rpcGraphQLError } from '../rpc-error.filter';
import { LeaderboardAround, LeaderboardCount, LeaderboardGroup, UserSummary } from './leaderboards.models';
import { LiveBoardsService } from './live-boards.service';

type GqlContext = { req: AuthenticatedRequest & { id?: string } };

/** GraphQL reads beyond top/rank (those are in PipelineResolver) and the live subscription. */
@Resolver()
@UseGuards(ApiKeyGuard)
export class LeaderboardsResolver {
  constructor(private readonly rpc: RpcClient, private readonly live: LiveBoardsService) {}

  @Query(() => LeaderboardAround, { nullable: true, description: 'The user and k entries above and below (k 0..100, default 5)' })
  @RequireScope('read')
  leaderboardAround(
    @Args('board') board: string,
    @Args('userId') userId: string,
    @Context() { req }: GqlContext,
    @Args('period', { nullable: true }) period?: string,
    @Args('date', { nullable: true }) date?: string,
    @Args('k', { type: () => Int, nullable: true }) k?: number,
  ): Promise<AroundPage> {
    return this.rpc.request(this.rpc.names.rpcSubject(LEADERBOARD_OPERATIONS.around), { board, userId, period, date, k }, { correlationId: req.id });
  }

  @Query(() => LeaderboardGroup, { nullable: true, description: 'Up to 1000 users ranked among themselves, each with its global rank' })
  @RequireScope('read')
  leaderboardGroup(
    @Args('board') board: string,
    @Args('users', { type: () => [String] }) users: string[],
    @Context() { req }: GqlContext,
    @Args('period', { nullable: true }) period?: string,
    @Args('date', { nullable: true }) date?: string,
  ): Promise<GroupBoard> {
    return this.rpc.request(this.rpc.names.rpcSubject(LEADERBOARD_OPERATIONS.group), { board, users, period, date }, { correlationId: req.id });
  }

  @Query(() => LeaderboardCount, { nullable: true, description: 'How many users have a score on the board' })
  @RequireScope('read')
  leaderboardCount(
    @Args('board') board: string,
    @Context() { req }: GqlContext,
    @Args('period', { nullable: true }) period?: string,
    @Args('date', { nullable: true }) date?: string,
  ): Promise<BoardCount> {
    return this.rpc.request(this.rpc.names.rpcSubject(LEADERBOARD_OPERATIONS.count), { board, period, date }, { correlationId: req.id });
  }

  @Query(() => UserSummary, { nullable: true, description: "A user's seconds per category, productive and total for a period" })
  @RequireScope('read')
  userSummary(
    @Args('userId') userId: string,
    @Context() { req }: GqlContext,
    @Args('period', { nullable: true }) period?: string,
    @Args('date', { nullable: true }) date?: string,
  ): Promise<UserSummaryResult> {
    return this.rpc.request(this.rpc.names.rpcSubject(LEADERBOARD_OPERATIONS.summary), { userId, period, date }, { correlationId: req.id });
  }

  @Subscription(() => Leaderboard, {
    description: 'The top N now, then after each change (at most LIVE_UPDATES_PER_SEC per board). Without date: follows the current period.',
    resolve: (page: LeaderboardPage) => page,
  })
  @RequireScope('read')
  async leaderboardChanged(
    @Args('board') board: string,
    @Context() { req }: GqlContext,
    @Args('period', { nullable: true }) period?: string,
    @Args('date', { nullable: true }) date?: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ): Promise<AsyncIterableIterator<LeaderboardPage>> {
    const selection = { board, period, date, limit };
    await this.live.read(selection); // bad arguments fail the subscription with the 400's message
    return refusalAsGraphQLError(this.live.stream(selection, req.apiKey!._id));
  }
}

/**
 * The stream, ended by the leaderboard app's refusal (its category deleted) with the error a new
 * subscription gets, coded: graphql-ws sends what next() rejects with, and an RpcError had no code.
 */
function refusalAsGraphQLError(pages: AsyncIterableIterator<LeaderboardPage>): AsyncIterableIterator<LeaderboardPage> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => pages.next().catch((error: unknown) => Promise.reject(error instanceof RpcError ? rpcGraphQLError(error) : error)),
    return: () => pages.return!(),
    throw: (error: unknown) => pages.throw!(error),
  };
}
