import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertManyIfAbsent } from '../mongo-errors';
import { AppliedEnvelope } from '../schemas/applied-envelope.schema';

@Injectable()
export class AppliedEnvelopeRepository {
  constructor(@InjectModel(AppliedEnvelope.name) private readonly model: Model<AppliedEnvelope>) {}

  /**
   * Which of these envelopes were applied already. One point lookup each, in parallel: FerretDB
   * filters `_id: { $in }` and `_id: { $eq }` in its own process after reading every document,
   * while a plain `_id: "…"` runs inside SQLite (measured on 20k documents: 890 ms vs 80 ms per
   * missing id). The ids are strings the pipeline made, so the plain form cannot carry an operator.
   */
  async appliedAmong(envelopeIds: string[]): Promise<Set<string>> {
    const found = await Promise.all(envelopeIds.map((id) => this.model.exists({ _id: String(id) })));
    return new Set(envelopeIds.filter((_, i) => found[i] !== null));
  }

  /** Idempotent: marking an envelope twice is a no-op. */
  async markApplied(envelopeIds: string[]): Promise<void> {
    const appliedAt = new Date();
    await insertManyIfAbsent(this.model.collection, envelopeIds.map((id) => ({ _id: id, appliedAt })));
  }
}
