import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AnswerQuestion, normalizedAnswerKey, normalizeQuestion } from '@lib/contracts';
import { duplicateKeyErrorsOnly } from '../mongo-errors';
import { AnswerSource, ClassificationAnswer } from './classification-answer.schema';

/** An answer to store: the raw question, normalized and keyed by the repository. */
export interface NewAnswer extends AnswerQuestion {
  categoryId: string;
  source: AnswerSource;
  confidence: number;
  rulesetVersion: number;
}

/**
 * Known answers (`classification_answers`), keyed by `answerKey(question)`. Manual answers are
 * a person's decision: a model or LLM answer never replaces one.
 */
@Injectable()
export class ClassificationAnswerRepository {
  constructor(@InjectModel(ClassificationAnswer.name) private readonly model: Model<ClassificationAnswer>) {}

  /** One query for any number of keys (`$in`). */
  findMany(keys: string[]): Promise<ClassificationAnswer[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.model.find({ _id: { $in: keys } }).lean<ClassificationAnswer[]>().exec();
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
