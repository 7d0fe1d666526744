import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AnswerQuestion } from '@lib/contracts';
import { insertReturningExisting } from '../mongo-errors';
import { byId } from '../mongo-filters';
import { MongoServerCapabilities } from '../mongo-indexes';
import { AnswerSource, ClassificationAnswer, storedQuestion } from './classification-answer.schema';

/** An answer to store: the raw question, normalized and keyed by the repository. */
export interface NewAnswer extends AnswerQuestion {
  categoryId: string;
  source: Exclude<AnswerSource, 'manual'>;
  confidence: number;
  rulesetVersion: number;
}

/** Most keys looked up one by one on FerretDB; measured there, 100 cost a tenth of an `$in`, ~1,000 as much. */
const POINT_LOOKUPS_MAX = 200;

/**
 * Cached answers of the model and the LLM (`classification_answers`), keyed by `answerKey(question)`:
 * one per distinct question, so only ever read by `_id`. Corrections are in their own collection
 * (ClassificationCorrectionRepository); a database from before that holds some here as `manual`
 * answers until classification moves them (moveLegacyCorrections), and none is replaced meanwhile.
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
   * Stores the answers (the last one wins within a call), replacing those of the same keys. Inserts
   * first, then delete-and-insert for the keys that existed: no upserts (see RuleRepository.putMany).
   */
  async upsertMany(answers: NewAnswer[]): Promise<void> {
    const now = new Date();
    const byKey = new Map<string, ClassificationAnswer>();
    for (const answer of answers) {
      const question = storedQuestion(answer);
      byKey.set(question._id, {
        ...question,
        categoryId: answer.categoryId,
        source: answer.source,
        confidence: answer.confidence,
        rulesetVersion: answer.rulesetVersion,
        createdAt: now,
        updatedAt: now,
      });
    }
    const existing = await insertReturningExisting(this.model.collection, [...byKey.values()]);
    if (existing.length === 0) return;
    // A correction not moved yet (an inference instance may run before classification moved them) stays.
    await this.model.deleteMany({ _id: { $in: existing.map((a) => a._id) }, source: { $ne: 'manual' } });
    await insertReturningExisting(this.model.collection, existing);
  }

  /**
   * The corrections stored here before they had their own collection: a scan of every answer on
   * FerretDB, so run once per database (RulesetStore.moveLegacyCorrections).
   */
  legacyCorrections(): Promise<ClassificationAnswer[]> {
    return this.model.find({ source: 'manual' }).lean<ClassificationAnswer[]>().exec();
  }

  /** Deletes these legacy corrections (once moved); a cached answer of the same key is not one. */
  async removeLegacyCorrections(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.model.deleteMany({ _id: { $in: keys }, source: 'manual' }).exec();
  }
}
