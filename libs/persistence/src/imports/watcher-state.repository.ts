import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ActivityEventInput, EARLIEST_START_MS } from '@lib/contracts';
import { insertIfAbsent } from '../mongo-errors';
import { WatcherState, WatcherStateDocument } from './watcher-state.schema';
import { byId } from '../mongo-filters';

/** Native driver calls: the outbox items must round-trip byte for byte for `$pullAll` to match them. */
@Injectable()
export class WatcherStateRepository {
  constructor(@InjectModel(WatcherStateDocument.name) private readonly model: Model<WatcherStateDocument>) {}

  async load(userId: string): Promise<WatcherStateDocument | null> {
    const stored = await this.model.collection.findOne<WatcherStateDocument>(byId(userId) as never);
    // A document from before per-host taken spans: everything before a host's frontier was taken.
    if (stored && !stored.taken) stored.taken = (stored.frontiers ?? []).map(({ hostname, endMs }) => ({ hostname, spans: [{ startMs: EARLIEST_START_MS, endMs }] }));
    return stored;
  }

  /**
   * Stores `next` if the stored version is still `version` (0: nothing stored yet) and appends
   * the newly counted events to the outbox, in one single-document write. False: someone else
   * wrote first, reload and recompute.
   */
  async commit(userId: string, version: number, next: WatcherState, counted: ActivityEventInput[]): Promise<boolean> {
    const fields = { lasts: next.lasts, taken: next.taken, held: next.held, afk: next.afk, web: next.web };
    if (version === 0) {
      return insertIfAbsent(this.model.collection, { _id: userId, version: 1, ...fields, outbox: counted });
    }
    const update: Record<string, unknown> = { $set: { ...fields, version: version + 1 } };
    if (counted.length > 0) update.$push = { outbox: { $each: counted } };
    const result = await this.model.collection.updateOne({ ...byId(userId), version: { $eq: version } } as never, update);
    return result.modifiedCount === 1;
  }

  /** Drops published outbox items (exact values as loaded); items added meanwhile stay. */
  async removeFromOutbox(userId: string, published: ActivityEventInput[]): Promise<void> {
    if (published.length === 0) return;
    await this.model.collection.updateOne(byId(userId) as never, { $pullAll: { outbox: published } } as never);
  }
}
