import { Module } from '@nestjs/common';
import { LeaderboardsController } from './leaderboards.controller';
import { LeaderboardsResolver } from './leaderboards.resolver';
import { LiveBoardsService } from './live-boards.service';
import { UserSummaryController } from './user-summary.controller';

/** Leaderboard reads (REST, GraphQL) and live updates (GraphQL subscription, Server-Sent Events). */
@Module({
  controllers: [LeaderboardsController, UserSummaryController],
  providers: [LeaderboardsResolver, LiveBoardsService],
})
export class LeaderboardsModule {}
