import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertManyIfAbsent } from '../mongo-errors';
import { byId } from '../mongo-filters';
import { AppliedEnvelope } from '../schemas/applied-envelope.schema';

@Injectable()
export class AppliedEnvelopeRepository {
  constructor(@InjectModel(AppliedEnvelope.name) private readonly model: Model<AppliedEnvelope>) {}

  /**
   * Which of these envelopes were applied already. One point lookup each (`byId`), in parallel,
   * rather than one `$in` that FerretDB would answer by decoding every document (measured on 20k
   * documents: 80 ms vs 890 ms per missing id).
   */
  async appliedAmong(envelopeIds: string[]): Promise<Set<string>> {
    const found = await Promise.all(envelopeIds.map((id) => this.model.exists(byId(id))));
    return new Set(envelopeIds.filter((_, i) => found[i] !== null));
  }

  /** Whether any envelope was ever applied: boards exist somewhere (one document read). */
  async any(): Promise<boolean> {
    return (await this.model.findOne({}, { _id: 1 }).lean().exec()) !== null;
  }

  /** Idempotent: marking an envelope twice is a no-op. */
  async markApplied(envelopeIds: string[]): Promise<void> {
    const appliedAt = new Date();
    await insertManyIfAbsent(this.model.collection, envelopeIds.map((id) => ({ _id: id, appliedAt })));
  }
}
