import { UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { LeaderboardPage, UserRank, StoredEvent as StoredEventContract } from '@lib/contracts';
import { RpcClient } from '@lib/messaging';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { eventQueryFor } from '../events/event-query';
import { IngestClient } from '../events/ingest.client';
import { namingTheArgument } from './argument-naming';
import { ActivityEventInput, IngestResult, Leaderboard, StoredEvent, UserRankResult } from './graphql.models';

type GqlContext = { req: AuthenticatedRequest & { id?: string } };

const EPOCH_SECONDS = /^\d+(\.\d+)?$/;

/** GraphQL mirror of the REST operations; the same guard, scopes and validation apply. */
@Resolver()
@UseGuards(ApiKeyGuard)
export class PipelineResolver {
  constructor(private readonly ingest: IngestClient, private readonly rpc: RpcClient) {}

  @Mutation(() => IngestResult, { nullable: true })
  @RequireScope('ingest')
  submitEvents(
    @Args('events', { type: () => [ActivityEventInput] }) events: ActivityEventInput[],
    @Context() { req }: GqlContext,
    @Args('idempotencyKey', { nullable: true, description: "REST's Idempotency-Key: the same key and events inside DUPLICATE_WINDOW_SEC are duplicates, counted once; other events under it an error (422)" })
    idempotencyKey?: string,
  ) {
    const plain = events.map((e) => {
      const event: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(e)) if (v !== undefined && v !== null) event[k] = v;
      if (EPOCH_SECONDS.test(e.startedAt)) event.startedAt = Number(e.startedAt);
      return event;
    });
    return this.ingest
      .submit(plain, { correlationId: req.id, idempotencyKey: idempotencyKey ?? undefined, keyId: req.apiKey!._id, boundUserId: req.apiKey!.userId })
      .catch((error: unknown) => {
        throw namingTheArgument(error, 'Idempotency-Key', 'idempotencyKey');
      });
  }

  @Query(() => Leaderboard, { nullable: true })
  @RequireScope('read')
  leaderboard(
    @Args('board') board: string,
    @Context() { req }: GqlContext,
    @Args('period', { nullable: true }) period?: string,
    @Args('date', { nullable: true }) date?: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
    @Args('offset', { type: () => Int, nullable: true }) offset?: number,
    @Args('cursor', { nullable: true, description: 'nextCursor of the previous page: the page after it (not with offset)' }) cursor?: string,
  ): Promise<LeaderboardPage> {
    return this.rpc.request(this.rpc.names.rpc.leaderboard, { board, period, date, limit, offset, cursor }, { correlationId: req.id });
  }

  @Query(() => UserRankResult, { nullable: true })
  @RequireScope('read')
  userRank(
    @Args('board') board: string,
    @Args('userId') userId: string,
    @Context() { req }: GqlContext,
    @Args('period', { nullable: true }) period?: string,
    @Args('date', { nullable: true }) date?: string,
  ): Promise<UserRank> {
    return this.rpc.request(this.rpc.names.rpc.userRank, { board, userId, period, date }, { correlationId: req.id });
  }

  @Query(() => StoredEvent, { nullable: true, description: "A stored event (a key bound to a user reads that user's events only)" })
  @RequireScope('read')
  event(@Args('eventId') eventId: string, @Context() { req }: GqlContext): Promise<StoredEventContract> {
    return this.rpc.request(this.rpc.names.rpc.getEvent, eventQueryFor(eventId, req.apiKey!), { correlationId: req.id });
  }
}
