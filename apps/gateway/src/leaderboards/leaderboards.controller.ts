import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { LeaderboardPage, UserRank } from '@lib/contracts';
import { RpcClient } from '@lib/messaging';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';

const periodQuery = { name: 'period', required: false, enum: ['day', 'week', 'month', 'all'] };
const dateQuery = { name: 'date', required: false, description: 'YYYY-MM-DD inside the wanted period; default: now' };

/** Parameters are validated by the leaderboard app, which owns the boards; errors come back as 400s. */
@ApiTags('leaderboards')
@ApiSecurity('api-key')
@UseGuards(ApiKeyGuard)
@RequireScope('read')
@Controller('v1/leaderboards')
export class LeaderboardsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':board')
  @ApiOperation({ summary: 'Top entries of a board (category id, productive or total); competition ranking for ties' })
  @ApiQuery(periodQuery)
  @ApiQuery(dateQuery)
  @ApiQuery({ name: 'limit', required: false, description: '1..500, default 25' })
  @ApiQuery({ name: 'offset', required: false })
  top(
    @Param('board') board: string,
    @Req() req: { id?: string },
    @Query('period') period?: string,
    @Query('date') date?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<LeaderboardPage> {
    return this.rpc.request(this.rpc.names.rpc.leaderboard, { board, period, date, limit, offset }, { correlationId: req.id });
  }

  @Get(':board/users/:userId')
  @ApiOperation({ summary: "A user's rank (null when absent) and score on a board" })
  @ApiQuery(periodQuery)
  @ApiQuery(dateQuery)
  userRank(
    @Param('board') board: string,
    @Param('userId') userId: string,
    @Req() req: { id?: string },
    @Query('period') period?: string,
    @Query('date') date?: string,
  ): Promise<UserRank> {
    return this.rpc.request(this.rpc.names.rpc.userRank, { board, userId, period, date }, { correlationId: req.id });
  }
}
