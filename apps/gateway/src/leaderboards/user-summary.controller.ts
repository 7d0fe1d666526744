import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { LEADERBOARD_OPERATIONS, UserSummary } from '@lib/leaderboard-core';
import { RpcClient } from '@lib/messaging';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { UserSummary as UserSummaryModel } from './leaderboards.models';

@ApiTags('leaderboards')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@RequireScope('read')
@Controller('v1/users')
export class UserSummaryController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':userId/summary')
  @ApiOperation({ summary: "A user's seconds per category (every level), productive and total for a period" })
  @ApiResponse({ status: 200, type: UserSummaryModel })
  @ApiQuery({ name: 'period', required: false, enum: ['day', 'week', 'month', 'all'], description: 'default day' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD inside the wanted period, or its own key (YYYY-Www with period=week, YYYY-MM with period=month); default: now' })
  summary(@Param('userId') userId: string, @Req() req: { id?: string }, @Query('period') period?: string, @Query('date') date?: string): Promise<UserSummary> {
    return this.rpc.request(this.rpc.names.rpcSubject(LEADERBOARD_OPERATIONS.summary), { userId, period, date }, { correlationId: req.id });
  }
}
