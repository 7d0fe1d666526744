import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertIfAbsent } from '../mongo-errors';
import { byId } from '../mongo-filters';
import { RulesetMeta } from './ruleset-meta.schema';

const META_ID = 'ruleset';
/** One document per version handed out, `_id` the version: the unique `_id` makes each claim one writer's. */
const VERSIONS_COLLECTION = 'ruleset_versions';
/**
 * Claims kept below the newest, so reading the newest stays cheap. A writer whose read of the
 * version is this far behind could claim a pruned number again: far beyond any race of requests.
 */
const CLAIMS_KEPT = 1000;

/**
 * The ruleset version, and the version of the last change to the categories: what the model and the
 * LLM may answer changes only with those, so a "cannot tell" answer given since still holds.
 */
export interface RulesetVersions {
  version: number;
  taxonomyVersion: number;
}

@Injectable()
export class RulesetMetaRepository {
  constructor(@InjectModel(RulesetMeta.name) private readonly model: Model<RulesetMeta>) {}

  /** Whether a one-time step on this database is done: a `{ _id: step, doneAt }` marker beside the version document. */
  async isDone(step: string): Promise<boolean> {
    return (await this.model.exists(byId(step)).exec()) !== null;
  }

  /** Marks a one-time step done (instances finishing it together write one marker). */
  async markDone(step: string): Promise<void> {
    await insertIfAbsent(this.model.collection, { _id: step, doneAt: new Date() });
  }

  private get versions() {
    return this.model.db.collection<{ _id: number; claimedAt: Date }>(VERSIONS_COLLECTION);
  }

  /**
   * The current ruleset version; null before the ruleset was ever seeded. The highest of the meta
   * document and the claimed versions: the meta document may lag behind the last claim (see bump).
   */
  async version(): Promise<number | null> {
    return (await this.current())?.version ?? null;
  }

  /**
   * The current version (as version()) and the version of the last change to the categories; a
   * document from before that was kept counts the current version as one (as every version was).
   */
  async current(): Promise<RulesetVersions | null> {
    const [meta, claimed] = await Promise.all([
      this.model.findOne({ _id: META_ID }).lean<RulesetMeta>().exec(),
      this.versions.find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).next(),
    ]);
    if (!meta && !claimed) return null;
    const version = Math.max(meta?.version ?? 0, claimed?._id ?? 0);
    return { version, taxonomyVersion: meta?.taxonomyVersion ?? version };
  }

  /** Creates the document with this version; false when it exists (another instance won). */
  async initialize(version: number): Promise<boolean> {
    return insertIfAbsent(this.model.collection, { _id: META_ID, version, taxonomyVersion: version, updatedAt: new Date() });
  }

  /**
   * A new version, never handed out before, by any instance. FerretDB does not apply
   * findOneAndUpdate's $inc atomically: concurrent changes got the same version (12 creates at once
   * got 2, 2, 2, 5, 6, 7, …) and an instance at that version never loaded the changes that came
   * with it. Inserting the version under a unique `_id` is atomic there too: a claim another writer
   * took first fails, and the next one is tried. The meta document follows for readers of it; a
   * slower writer may set it lower than the last claim, which version() reads past.
   */
  async bump(taxonomyChanged: boolean): Promise<number> {
    for (;;) {
      const current = await this.current();
      const next = (current?.version ?? 0) + 1;
      if (!(await insertIfAbsent(this.versions, { _id: next, claimedAt: new Date() }))) continue;
      const taxonomyVersion = taxonomyChanged ? next : (current?.taxonomyVersion ?? 0);
      await this.model.updateOne({ _id: META_ID }, { $max: { version: next, taxonomyVersion }, $set: { updatedAt: new Date() } }, { upsert: true }).exec();
      if (next % CLAIMS_KEPT === 0) await this.versions.deleteMany({ _id: { $lt: next - CLAIMS_KEPT } });
      return next;
    }
  }
}
