import { Module } from '@nestjs/common';
import { LeaderboardsController } from './leaderboards.controller';

/** Leaderboard reads (REST, GraphQL, live updates). */
@Module({
  controllers: [LeaderboardsController],
})
export class LeaderboardsModule {}
