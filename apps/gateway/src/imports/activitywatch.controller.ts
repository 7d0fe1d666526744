import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { AwBucketView, AwEventView, WATCHER_RPC } from '@lib/contracts';
import { RpcClient } from '@lib/messaging';
import { RequireScope } from '../auth/scopes.decorator';
import { WatcherAuthGuard, WatcherRequest } from './watcher-auth.guard';

/**
 * The part of aw-server's REST API that ActivityWatch watchers use, so aw-watcher-window,
 * aw-watcher-afk and aw-watcher-web send here unchanged. Served on the gateway's port and on
 * AW_PORT (5600, where aw-client looks for its server).
 */
@ApiTags('activitywatch')
@UseGuards(WatcherAuthGuard)
@RequireScope('ingest')
@Controller('api/0')
export class ActivityWatchController {
  private readonly info = { hostname: hostname(), version: 'v0.13.2 (activity-pipeline)', testing: false, device_id: createHash('sha256').update(hostname()).digest('hex').slice(0, 32) };

  constructor(private readonly rpc: RpcClient) {}

  @Get('info')
  @ApiOperation({ summary: 'aw-server info: hostname, version, testing, device_id' })
  getInfo(): typeof this.info {
    return this.info;
  }

  @Get('buckets')
  @ApiOperation({ summary: "The caller's buckets, keyed by bucket id" })
  buckets(@Req() req: WatcherRequest): Promise<Record<string, AwBucketView>> {
    return this.call(WATCHER_RPC.listBuckets, req, {});
  }

  @Get('buckets/:bucketId')
  @ApiOperation({ summary: 'One bucket' })
  bucket(@Param('bucketId') bucketId: string, @Req() req: WatcherRequest): Promise<AwBucketView> {
    return this.call(WATCHER_RPC.getBucket, req, { bucketId });
  }

  @Post('buckets/:bucketId')
  @ApiOperation({ summary: 'Create a bucket: body { client, type, hostname, name? }; 200 created, 304 it exists' })
  async createBucket(@Param('bucketId') bucketId: string, @Body() body: unknown, @Req() req: WatcherRequest, @Res() res: Response): Promise<void> {
    const { created } = await this.call<{ created: boolean }>(WATCHER_RPC.createBucket, req, { bucketId, body });
    res.status(created ? 200 : 304).end();
  }

  @Post('buckets/:bucketId/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Insert events (one or a list); they count like heartbeats with pulsetime 0' })
  insertEvents(@Param('bucketId') bucketId: string, @Body() events: unknown, @Req() req: WatcherRequest): Promise<AwEventView[]> {
    return this.call(WATCHER_RPC.insertEvents, req, { bucketId, events });
  }

  @Post('buckets/:bucketId/heartbeat')
  @HttpCode(200)
  @ApiOperation({ summary: "Heartbeat, merged by aw-server's rule (same data, within pulsetime seconds of the last event's end)" })
  heartbeat(@Param('bucketId') bucketId: string, @Query('pulsetime') pulsetime: string | undefined, @Body() event: unknown, @Req() req: WatcherRequest): Promise<AwEventView> {
    return this.call(WATCHER_RPC.heartbeat, req, { bucketId, pulsetime, event });
  }

  private call<T>(operation: string, req: WatcherRequest, payload: Record<string, unknown>): Promise<T> {
    return this.rpc.request<T>(this.rpc.names.rpcSubject(operation), { principal: req.watcher, ...payload }, { correlationId: req.id });
  }
}
