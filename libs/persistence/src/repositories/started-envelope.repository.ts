import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertManyNew } from '../mongo-errors';
import { StartedEnvelope } from '../schemas/started-envelope.schema';

@Injectable()
export class StartedEnvelopeRepository {
  constructor(@InjectModel(StartedEnvelope.name) private readonly model: Model<StartedEnvelope>) {}

  /** Records that these envelopes are being written; returns those recorded by an earlier attempt. One unordered insert, no read. */
  async recordStarts(envelopeIds: string[]): Promise<Set<string>> {
    const startedAt = new Date();
    const existing = await insertManyNew(this.model.collection, envelopeIds.map((id) => ({ _id: id, startedAt })));
    return new Set(envelopeIds.filter((_, i) => existing.has(i)));
  }
}
