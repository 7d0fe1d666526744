import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertManyNew } from '../mongo-errors';
import { byId } from '../mongo-filters';
import { StartedEnvelope } from '../schemas/started-envelope.schema';

@Injectable()
export class StartedEnvelopeRepository {
  constructor(@InjectModel(StartedEnvelope.name) private readonly model: Model<StartedEnvelope>) {}

  /**
   * Records that these envelopes are being written; returns those recorded by an earlier attempt.
   * One unordered insert; only for those, an update saying another attempt began, written before
   * this attempt stores anything, so an attempt still running can learn of it (`startedAgainAmong`).
   */
  async recordStarts(envelopeIds: string[]): Promise<Set<string>> {
    const startedAt = new Date();
    const existing = await insertManyNew(this.model.collection, envelopeIds.map((id) => ({ _id: id, startedAt })));
    const startedBefore = envelopeIds.filter((_, i) => existing.has(i));
    // One point update each (`byId`): FerretDB runs no other filter inside SQLite.
    await Promise.all(startedBefore.map((id) => this.model.updateOne(byId(id), { $set: { startedAgainAt: startedAt } }).exec()));
    return new Set(startedBefore);
  }

  /** Which of these envelopes another attempt began after this one recorded its start. One point lookup each. */
  async startedAgainAmong(envelopeIds: string[]): Promise<Set<string>> {
    // A plain _id filter, checked here: FerretDB would read every document for one with another field.
    const found = await Promise.all(envelopeIds.map((id) => this.model.findOne(byId(id), { startedAgainAt: 1 }).lean<Pick<StartedEnvelope, 'startedAgainAt'>>().exec()));
    return new Set(envelopeIds.filter((_, i) => found[i]?.startedAgainAt !== undefined));
  }
}
