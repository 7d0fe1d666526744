import { Injectable } from '@nestjs/common';
import { AwBucketView, AwEventView, CreateBucketRequest, HeartbeatRequest, InsertEventsRequest, WATCHER_RPC, WatcherBucketRequest, WatcherPrincipal } from '@lib/contracts';
import { RpcHandler } from '@lib/messaging';
import { WatcherService } from './watcher.service';

/** The gateway's /api/0 (aw-server compatible) routes, after authentication, land here. */
@Injectable()
export class WatcherController {
  constructor(private readonly watchers: WatcherService) {}

  @RpcHandler((n) => n.rpcSubject(WATCHER_RPC.createBucket))
  createBucket(request: CreateBucketRequest): Promise<{ created: boolean }> {
    return this.watchers.createBucket(request);
  }

  @RpcHandler((n) => n.rpcSubject(WATCHER_RPC.listBuckets))
  listBuckets(request: { principal: WatcherPrincipal }): Promise<Record<string, AwBucketView>> {
    return this.watchers.listBuckets(request);
  }

  @RpcHandler((n) => n.rpcSubject(WATCHER_RPC.getBucket))
  getBucket(request: WatcherBucketRequest): Promise<AwBucketView> {
    return this.watchers.getBucket(request);
  }

  @RpcHandler((n) => n.rpcSubject(WATCHER_RPC.heartbeat))
  heartbeat(request: HeartbeatRequest): Promise<AwEventView> {
    return this.watchers.heartbeat(request);
  }

  @RpcHandler((n) => n.rpcSubject(WATCHER_RPC.insertEvents))
  insertEvents(request: InsertEventsRequest): Promise<AwEventView[]> {
    return this.watchers.insertEvents(request);
  }
}
