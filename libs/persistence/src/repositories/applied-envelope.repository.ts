import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { duplicateKeyErrorsOnly } from '../mongo-errors';
import { AppliedEnvelope } from '../schemas/applied-envelope.schema';

@Injectable()
export class AppliedEnvelopeRepository {
  constructor(@InjectModel(AppliedEnvelope.name) private readonly model: Model<AppliedEnvelope>) {}

  /** Which of these envelopes were applied already (one query). */
  async appliedAmong(envelopeIds: string[]): Promise<Set<string>> {
    if (envelopeIds.length === 0) return new Set();
    const found = await this.model.find({ _id: { $in: envelopeIds } }, { _id: 1 }).lean<{ _id: string }[]>().exec();
    return new Set(found.map((d) => d._id));
  }

  /** Idempotent: marking an envelope twice is a no-op. */
  async markApplied(envelopeIds: string[]): Promise<void> {
    if (envelopeIds.length === 0) return;
    const appliedAt = new Date();
    try {
      await this.model.collection.insertMany(envelopeIds.map((id) => ({ _id: id as never, appliedAt })), { ordered: false });
    } catch (error) {
      if (!duplicateKeyErrorsOnly(error)) throw error;
    }
  }
}
