import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AnswerQuestion } from '@lib/contracts';
import { insertManyIfAbsent, insertReturningExisting } from '../mongo-errors';
import { byId } from '../mongo-filters';
import { storedQuestion } from './classification-answer.schema';
import { ClassificationCorrection } from './classification-correction.schema';

/** A correction to store: the raw question, normalized and keyed by the repository. */
export interface NewCorrection extends AnswerQuestion {
  categoryId: string;
  rulesetVersion: number;
}

/**
 * Corrections (`classification_corrections`), keyed by `answerKey(question)`: few, read whole by
 * classification at start and at every full reload, so never among the cached answers.
 */
@Injectable()
export class ClassificationCorrectionRepository {
  constructor(@InjectModel(ClassificationCorrection.name) private readonly model: Model<ClassificationCorrection>) {}

  /** Every correction (classification keeps them in memory). */
  all(): Promise<ClassificationCorrection[]> {
    return this.model.find().lean<ClassificationCorrection[]>().exec();
  }

  /**
   * Stores the corrections (the last one wins within a call), replacing those of the same keys.
   * Inserts first, then delete-and-insert for the keys that existed: no upserts (see
   * RuleRepository.putMany). A key written by another call between the two steps keeps its write.
   */
  async upsertMany(corrections: NewCorrection[]): Promise<void> {
    const now = new Date();
    const byKey = new Map<string, ClassificationCorrection>();
    for (const correction of corrections) {
      const question = storedQuestion(correction);
      byKey.set(question._id, {
        ...question,
        categoryId: correction.categoryId,
        rulesetVersion: correction.rulesetVersion,
        createdAt: now,
        updatedAt: now,
      });
    }
    const existing = await insertReturningExisting(this.model.collection, [...byKey.values()]);
    if (existing.length === 0) return;
    await this.model.deleteMany({ _id: { $in: existing.map((d) => d._id) } });
    await insertManyIfAbsent(this.model.collection, existing);
  }

  /** Stores those whose key has no correction yet (moving corrections from the answers). */
  insertMissing(corrections: ClassificationCorrection[]): Promise<void> {
    return insertManyIfAbsent(this.model.collection, corrections);
  }

  /** Deletes the correction of this key; false when there is none. */
  async remove(key: string): Promise<boolean> {
    const { deletedCount } = await this.model.deleteOne(byId(key)).exec();
    return deletedCount > 0;
  }

  /** Deletes every correction but those of these keys; returns how many. */
  async removeAllExcept(keys: string[]): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ _id: { $nin: keys } }).exec();
    return deletedCount;
  }

  /** A page of corrections by key, with how many match; `categoryId` filters. */
  async page(categoryId: string | undefined, offset: number, limit: number): Promise<{ total: number; items: ClassificationCorrection[] }> {
    const query = categoryId !== undefined ? { categoryId: { $eq: categoryId } } : {};
    const [total, items] = await Promise.all([
      this.model.countDocuments(query).exec(),
      this.model.find(query).sort({ _id: 1 }).skip(offset).limit(limit).lean<ClassificationCorrection[]>().exec(),
    ]);
    return { total, items };
  }

  /** Corrections one by one, for exports of any size. */
  cursor(): AsyncIterable<ClassificationCorrection> {
    return this.model.find().sort({ _id: 1 }).lean<ClassificationCorrection>().cursor();
  }
}
