import { Body, Controller, Get, HttpCode, MessageEvent, Param, Post, Query, Req, Sse, SseSignal, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { EMPTY, Observable } from 'rxjs';
import { AppConfig } from '@lib/config';
import { LeaderboardPage, propertiesOfRequest, RpcError, UserRank } from '@lib/contracts';
import { AroundPage, BoardCount, GroupBoard, LEADERBOARD_OPERATIONS, MAX_AROUND_K, MAX_GROUP_USERS } from '@lib/leaderboard-core';
import { RpcClient } from '@lib/messaging';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { Leaderboard, UserRankResult } from '../graphql/graphql.models';
import { rpcErrorBody } from '../rpc-error.filter';
import { LeaderboardAround, LeaderboardCount, LeaderboardGroup } from './leaderboards.models';
import { LiveBoardsService } from './live-boards.service';

const periodQuery = { name: 'period', required: false, enum: ['day', 'week', 'month', 'all'], description: 'default day' };
const dateQuery = { name: 'date', required: false, description: 'YYYY-MM-DD inside the wanted period (past and archived periods too), or the period\'s own key as periodKey gives it (YYYY-Www with period=week, YYYY-MM with period=month); default: now' };
// Numbers are typed as such (with the leaderboard app's bounds), not as the strings a query carries.
const limitQuery = { name: 'limit', required: false, type: 'integer', minimum: 1, maximum: 500, description: '1..500, default 25' };
const offsetQuery = { name: 'offset', required: false, type: 'integer', minimum: 0, maximum: 10_000_000, description: 'entries to skip, default 0' };
const cursorQuery = {
  name: 'cursor',
  required: false,
  description: "nextCursor of the previous page: the page after it, repeating and skipping no user whose score stayed (an offset page shifts when a user below it moves above); not with offset",
};

type Request = AuthenticatedRequest & { id?: string };

/** Parameters are validated by the leaderboard app, which owns the boards; errors come back as 400s. */
@ApiTags('leaderboards')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@RequireScope('read')
@Controller('v1/leaderboards')
export class LeaderboardsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly live: LiveBoardsService,
    private readonly config: AppConfig,
  ) {}

  @Get(':board')
  @ApiOperation({ summary: 'Top entries of a board (category id, productive or total); competition ranking for ties' })
  @ApiResponse({ status: 200, type: Leaderboard })
  @ApiQuery(periodQuery)
  @ApiQuery(dateQuery)
  @ApiQuery(limitQuery)
  @ApiQuery(offsetQuery)
  @ApiQuery(cursorQuery)
  top(
    @Param('board') board: string,
    @Req() req: Request,
    @Query('period') period?: string,
    @Query('date') date?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
    @Query('cursor') cursor?: string,
  ): Promise<LeaderboardPage> {
    return this.rpc.request(this.rpc.names.rpc.leaderboard, { board, period, date, limit, offset, cursor }, { correlationId: req.id });
  }

  @Get(':board/count')
  @ApiOperation({ summary: 'How many users have a score on the board (a page holds at most 500 of them)' })
  @ApiResponse({ status: 200, type: LeaderboardCount })
  @ApiQuery(periodQuery)
  @ApiQuery(dateQuery)
  count(@Param('board') board: string, @Req() req: Request, @Query('period') period?: string, @Query('date') date?: string): Promise<BoardCount> {
    return this.rpc.request(this.rpc.names.rpcSubject(LEADERBOARD_OPERATIONS.count), { board, period, date }, { correlationId: req.id });
  }

  @Get(':board/users/:userId')
  @ApiOperation({ summary: "A user's rank (null when absent) and score on a board; takes the board page's query (limit and offset checked as there, changing nothing)" })
  @ApiResponse({ status: 200, type: UserRankResult })
  @ApiQuery(periodQuery)
  @ApiQuery(dateQuery)
  @ApiQuery({ ...limitQuery, description: `${limitQuery.description}; as on the board route, so one query string serves both: the rank is the user's wherever the page is` })
  @ApiQuery({ ...offsetQuery, description: `${offsetQuery.description}; as limit` })
  userRank(
    @Param('board') board: string,
    @Param('userId') userId: string,
    @Req() req: Request,
    @Query('period') period?: string,
    @Query('date') date?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<UserRank> {
    return this.rpc.request(this.rpc.names.rpc.userRank, { board, userId, period, date, limit, offset }, { correlationId: req.id });
  }

  @Get(':board/users/:userId/around')
  @ApiOperation({ summary: 'The user and k entries above and below, with competition ranks (rank null and no entries when absent)' })
  @ApiResponse({ status: 200, type: LeaderboardAround })
  @ApiQuery(periodQuery)
  @ApiQuery(dateQuery)
  @ApiQuery({ name: 'k', required: false, type: 'integer', minimum: 0, maximum: MAX_AROUND_K, description: `0..${MAX_AROUND_K}, default 5` })
  around(
    @Param('board') board: string,
    @Param('userId') userId: string,
    @Req() req: Request,
    @Query('period') period?: string,
    @Query('date') date?: string,
    @Query('k') k?: string,
  ): Promise<AroundPage> {
    return this.rpc.request(this.rpc.names.rpcSubject(LEADERBOARD_OPERATIONS.around), { board, userId, period, date, k }, { correlationId: req.id });
  }

  @Get(':board/group')
  @ApiOperation({ summary: 'Several users ranked among themselves, each with its global rank' })
  @ApiResponse({ status: 200, type: LeaderboardGroup })
  @ApiQuery({ name: 'users', required: true, description: `comma-separated user ids (1..${MAX_GROUP_USERS})` })
  @ApiQuery(periodQuery)
  @ApiQuery(dateQuery)
  groupByQuery(
    @Param('board') board: string,
    @Req() req: Request,
    @Query('users') users?: string,
    @Query('period') period?: string,
    @Query('date') date?: string,
  ): Promise<GroupBoard> {
    return this.group(board, users, period, date, req);
  }

  @Post(':board/group')
  // A read whose list may be too long for a URL: 200 as the GET answers, since nothing is created (Nest's POST default is 201).
  @HttpCode(200)
  @ApiOperation({ summary: 'Several users ranked among themselves, each with its global rank (list in the body, for lists too long for a URL); a read: 200, as the GET' })
  @ApiResponse({ status: 200, type: LeaderboardGroup })
  @ApiBody({ schema: { type: 'object', required: ['users'], properties: { users: { type: 'array', items: { type: 'string' }, maxItems: MAX_GROUP_USERS }, period: { type: 'string' }, date: { type: 'string' } } } })
  groupByBody(@Param('board') board: string, @Req() req: Request, @Body() body: unknown): Promise<GroupBoard> {
    const { users, period, date } = propertiesOfRequest(body, ['users', 'period', 'date']);
    return this.group(board, users, period, date, req);
  }

  @Sse(':board/stream')
  @ApiOperation({ summary: 'Server-Sent Events: the top N now, then again after each change (at most LIVE_UPDATES_PER_SEC per board); between changes a comment line `: keepalive` every LIVE_KEEPALIVE_SEC' })
  @ApiProduces('text/event-stream')
  @ApiQuery(periodQuery)
  @ApiQuery({ ...dateQuery, description: 'YYYY-MM-DD inside it, or its own key (YYYY-Www, YYYY-MM): watch that period; default: follow the current period' })
  @ApiQuery(limitQuery)
  async stream(
    @Param('board') board: string,
    @Req() req: Request,
    @SseSignal() ended: AbortSignal,
    @Query('period') period?: string,
    @Query('date') date?: string,
    @Query('limit') limit?: string,
  ): Promise<Observable<MessageEvent>> {
    const selection = { board, period, date, limit };
    // Validates before the stream opens, so bad parameters are a plain 400.
    await this.live.read(selection, req.id);
    // The client left during the key check or that read: Nest never subscribes to what this returns.
    if (ended.aborted) return EMPTY;
    // Taken before the response starts, so a key over its live-view cap gets a plain 429.
    const pages = this.live.stream(selection, req.apiKey!._id);
    // Given back however the stream ends, also when the client leaves before Nest subscribes: the
    // Observable's teardown alone never ran then, and the view stayed taken for good (LIVE_VIEWS_PER_KEY of them: 429 until a restart).
    ended.addEventListener('abort', () => void pages.return?.(), { once: true });
    return new Observable<MessageEvent>((subscriber) => {
      // An SSE comment: EventSource passes it over, and a quiet board is told from a dead stream.
      const keepalive = setInterval(() => subscriber.next({ comment: 'keepalive' } as MessageEvent), this.config.LIVE_KEEPALIVE_SEC * 1000);
      void (async () => {
        try {
          for await (const page of pages) subscriber.next({ data: page });
        } catch (error) {
          if (!(error instanceof RpcError)) throw error;
          // The board's category was deleted: the stream ends with the 400 a new one gets, as an
          // `error` event (Nest's own said "Internal server error" for it, and logged it as ours).
          subscriber.next({ type: 'error', data: rpcErrorBody(error) });
        }
        subscriber.complete();
      })().catch((error) => subscriber.error(error));
      return () => {
        clearInterval(keepalive);
        void pages.return?.();
      };
    });
  }

  /** `period` and `date` as sent (a body's may be of any type): the leaderboard app checks them. */
  private group(board: string, users: unknown, period: unknown, date: unknown, req: Request): Promise<GroupBoard> {
    return this.rpc.request(this.rpc.names.rpcSubject(LEADERBOARD_OPERATIONS.group), { board, users, period, date }, { correlationId: req.id });
  }
}
