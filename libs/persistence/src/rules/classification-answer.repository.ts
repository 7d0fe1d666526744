import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AnswerQuestion, normalizedAnswerKey, normalizeQuestion } from '@lib/contracts';
import { duplicateKeyErrorsOnly } from '../mongo-errors';
import { byId } from '../mongo-filters';
import { MongoServerCapabilities } from '../mongo-indexes';
import { AnswerSource, ClassificationAnswer } from './classification-answer.schema';

/** An answer to store: the raw question, normalized and keyed by the repository. */
export interface NewAnswer extends AnswerQuestion {
  categoryId: string;
  source: AnswerSource;
  confidence: number;
  rulesetVersion: number;
}

/** Most keys looked up one by one on FerretDB; measured there, 100 cost a tenth of an `$in`, ~1,000 as much. */
const POINT_LOOKUPS_MAX = 200;

/**
 * Known answers (`classification_answers`), keyed by `answerKey(question)`. Manual answers are
 * a person's decision: a model or LLM answer never replaces one.
 */
@Injectable()
export class ClassificationAnswerRepository {
  constructor(
    @InjectModel(ClassificationAnswer.name) private readonly model: Model<ClassificationAnswer>,
    private readonly server: MongoServerCapabilities,
  ) {}

  /**
   * The stored answers of these keys: one `$in` query, except for a few keys on a server that
   * serves no filter from an index (FerretDB): one point lookup each (`byId`) there. FerretDB
   * decodes every stored answer in its own process for an `$in`, and the collection grows with
   * every question ever answered: on a stack fed varied titles for 10 minutes (33,000 answers, busy
   * machine) lookups took 17–42 s and classification fell behind for good. At 38,000 answers: one
   * `$in` 4.2 s for 1 key, 5.7 s for 100; a point lookup 27 ms, 100 at once 0.6 s. Both costs grow
   * with the collection, so past POINT_LOOKUPS_MAX keys (an import's batch) the one `$in` is cheaper.
   */
  async findMany(keys: string[]): Promise<ClassificationAnswer[]> {
    if (keys.length === 0) return [];
    if (keys.length > POINT_LOOKUPS_MAX || (await this.server.usesSecondaryIndexes())) {
      return this.model.find({ _id: { $in: keys } }).lean<ClassificationAnswer[]>().exec();
    }
    const found = await Promise.all(keys.map((key) => this.model.findOne(byId(key)).lean<ClassificationAnswer>().exec()));
    return found.filter((answer): answer is ClassificationAnswer => answer !== null);
  }

  /**
   * Stores the answers (the last one wins within a call). An existing answer for the same key
   * is replaced, except a manual one, which only a manual answer replaces. Inserts first, then
   * delete-and-insert for the keys that existed: no upserts (see RuleRepository.putMany).
   */
  async upsertMany(answers: NewAnswer[]): Promise<void> {
    const now = new Date();
    const byKey = new Map<string, ClassificationAnswer>();
    for (const answer of answers) {
      const question = normalizeQuestion(answer);
      const key = normalizedAnswerKey(question);
      byKey.set(key, {
        _id: key,
        ...question,
        sample: { app: answer.app, ...(answer.title ? { title: answer.title } : {}), ...(answer.url ? { url: answer.url } : {}) },
        categoryId: answer.categoryId,
        source: answer.source,
        confidence: answer.confidence,
        rulesetVersion: answer.rulesetVersion,
        createdAt: now,
        updatedAt: now,
      });
    }
    const existing = await this.insertNew([...byKey.values()]);
    if (existing.length === 0) return;
    const manualKeys = existing.filter((a) => a.source === 'manual').map((a) => a._id);
    const otherKeys = existing.filter((a) => a.source !== 'manual').map((a) => a._id);
    if (manualKeys.length > 0) await this.model.deleteMany({ _id: { $in: manualKeys } });
    if (otherKeys.length > 0) await this.model.deleteMany({ _id: { $in: otherKeys }, source: { $ne: 'manual' } });
    // A manual answer that stayed makes its key a duplicate again: it is kept.
    await this.insertNew(existing);
  }

  /** Inserts what is new; returns the answers whose key exists already. */
  private async insertNew(docs: ClassificationAnswer[]): Promise<ClassificationAnswer[]> {
    if (docs.length === 0) return [];
    try {
      await this.model.collection.insertMany(docs as never[], { ordered: false });
      return [];
    } catch (error) {
      const duplicates = duplicateKeyErrorsOnly(error);
      if (!duplicates) throw error;
      // A bare duplicate-key error (one document) names no index.
      return duplicates.length === 0 ? docs : duplicates.map((d) => docs[d.index]);
    }
  }

  /** Deletes the manual answer (a correction) of this key; false when there is none. */
  async removeManual(key: string): Promise<boolean> {
    const { deletedCount } = await this.model.deleteOne({ _id: { $eq: key }, source: 'manual' }).exec();
    return deletedCount > 0;
  }

  /** Every manual answer (corrections are few: classification keeps them in memory). */
  manual(): Promise<ClassificationAnswer[]> {
    return this.model.find({ source: 'manual' }).lean<ClassificationAnswer[]>().exec();
  }

  /** Deletes every manual answer (correction) but those of these keys; returns how many. */
  async removeManualExcept(keys: string[]): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ source: 'manual', _id: { $nin: keys } }).exec();
    return deletedCount;
  }

  /** A page of manual answers (corrections) by key, with how many match; `categoryId` filters. */
  async manualPage(categoryId: string | undefined, offset: number, limit: number): Promise<{ total: number; items: ClassificationAnswer[] }> {
    const query = { source: 'manual', ...(categoryId !== undefined ? { categoryId: { $eq: categoryId } } : {}) };
    const [total, items] = await Promise.all([
      this.model.countDocuments(query).exec(),
      this.model.find(query).sort({ _id: 1 }).skip(offset).limit(limit).lean<ClassificationAnswer[]>().exec(),
    ]);
    return { total, items };
  }

  /** Manual answers one by one, for exports of any size. */
  manualCursor(): AsyncIterable<ClassificationAnswer> {
    return this.model.find({ source: 'manual' }).sort({ _id: 1 }).lean<ClassificationAnswer>().cursor();
  }
}
