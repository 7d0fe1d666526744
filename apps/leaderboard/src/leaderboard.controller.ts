import { Injectable } from '@nestjs/common';
import { EventQuery, LeaderboardPage, LeaderboardQuery, StoredEvent, UserRank, UserRankQuery } from '@lib/contracts';
import { AroundPage, AroundQuery, BoardCount, BoardSelector, GroupBoard, GroupQuery, LEADERBOARD_OPERATIONS, SummaryQuery, UserSummary } from '@lib/leaderboard-core';
import { RpcHandler } from '@lib/messaging';
import { LeaderboardQueryService } from './leaderboard-query.service';

/** The leaderboard app owns boards and usage logs: the gateway reads them through these. */
@Injectable()
export class LeaderboardController {
  constructor(private readonly queries: LeaderboardQueryService) {}

  @RpcHandler((n) => n.rpc.leaderboard)
  top(query: LeaderboardQuery): Promise<LeaderboardPage> {
    return this.queries.top(query);
  }

  @RpcHandler((n) => n.rpcSubject(LEADERBOARD_OPERATIONS.count))
  count(query: BoardSelector): Promise<BoardCount> {
    return this.queries.count(query);
  }

  @RpcHandler((n) => n.rpc.userRank)
  userRank(query: UserRankQuery): Promise<UserRank> {
    return this.queries.userRank(query);
  }

  @RpcHandler((n) => n.rpcSubject(LEADERBOARD_OPERATIONS.around))
  around(query: AroundQuery): Promise<AroundPage> {
    return this.queries.around(query);
  }

  @RpcHandler((n) => n.rpcSubject(LEADERBOARD_OPERATIONS.group))
  group(query: GroupQuery): Promise<GroupBoard> {
    return this.queries.group(query);
  }

  @RpcHandler((n) => n.rpcSubject(LEADERBOARD_OPERATIONS.summary))
  summary(query: SummaryQuery): Promise<UserSummary> {
    return this.queries.summary(query);
  }

  @RpcHandler((n) => n.rpc.getEvent)
  event(query: EventQuery): Promise<StoredEvent> {
    return this.queries.event(query?.eventId, query?.userId, query?.withReason === true);
  }
}
