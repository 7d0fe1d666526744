import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { ActivityEventInput } from '@lib/contracts';

/** An event of a bucket; data as canonical JSON. */
export interface WatcherLastEvent {
  bucketId: string;
  startMs: number;
  endMs: number;
  dataJson: string;
}

/** Window time already taken from the watchers but not counted yet (waiting for AFK / web state). */
export interface WatcherHeldWindow {
  bucketId: string;
  hostname: string;
  startMs: number;
  endMs: number;
  app: string;
  title?: string;
  url?: string;
}

export interface WatcherAfkSpan {
  hostname: string;
  startMs: number;
  endMs: number;
}

export interface WatcherWebSpan {
  bucketId: string;
  hostname: string;
  startMs: number;
  endMs: number;
  url?: string;
  title?: string;
  incognito: boolean;
}

/** Where a host's window time was already taken (sorted, disjoint spans): it never counts twice. */
export interface WatcherTakenTime {
  hostname: string;
  spans: Array<{ startMs: number; endMs: number }>;
}

/** The heartbeat state of one user's watchers: everything a heartbeat's effect depends on. */
export interface WatcherState {
  /** Per bucket, its event with the latest start (the one the next heartbeat may extend). */
  lasts: WatcherLastEvent[];
  taken: WatcherTakenTime[];
  held: WatcherHeldWindow[];
  /** Closed AFK periods still needed to cut held window time. */
  afk: WatcherAfkSpan[];
  /** Closed web-tab events still needed to label held browser time. */
  web: WatcherWebSpan[];
}

/**
 * `_id` is the user id. `version` makes every write a compare-and-set, so gateway and ingestion
 * instances agree; `outbox` holds counted time (events with fixed ids) until ingestion published it.
 */
@Schema({ collection: 'watcher_states', versionKey: false, strict: false })
export class WatcherStateDocument {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: [Object], required: true }) lasts!: WatcherLastEvent[];
  @Prop({ type: [Object], required: true }) taken!: WatcherTakenTime[];
  /** Written before 2026-11-24 instead of `taken`: per host, the end of its window time taken so far. */
  @Prop({ type: [Object] }) frontiers?: Array<{ hostname: string; endMs: number }>;
  @Prop({ type: [Object], required: true }) held!: WatcherHeldWindow[];
  @Prop({ type: [Object], required: true }) afk!: WatcherAfkSpan[];
  @Prop({ type: [Object], required: true }) web!: WatcherWebSpan[];
  @Prop({ type: [Object], required: true }) outbox!: ActivityEventInput[];
}

export const WatcherStateSchema = SchemaFactory.createForClass(WatcherStateDocument);
