import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertIfAbsent } from '../mongo-errors';
import { RulesetMeta } from './ruleset-meta.schema';

const META_ID = 'ruleset';

@Injectable()
export class RulesetMetaRepository {
  constructor(@InjectModel(RulesetMeta.name) private readonly model: Model<RulesetMeta>) {}

  /** The current ruleset version; null before the ruleset was ever seeded. */
  async version(): Promise<number | null> {
    return (await this.model.findOne({ _id: META_ID }).lean<RulesetMeta>().exec())?.version ?? null;
  }

  /** Creates the document with this version; false when it exists (another instance won). */
  async initialize(version: number): Promise<boolean> {
    return insertIfAbsent(this.model.collection, { _id: META_ID, version, updatedAt: new Date() });
  }

  /** Atomically increments the version and returns the new one. */
  async bump(): Promise<number> {
    const meta = await this.model
      .findOneAndUpdate({ _id: META_ID }, { $inc: { version: 1 }, $set: { updatedAt: new Date() } }, { new: true, upsert: true })
      .lean<RulesetMeta>()
      .exec();
    return meta!.version;
  }
}
