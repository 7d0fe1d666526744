import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertManyNew } from '../mongo-errors';
import { byId } from '../mongo-filters';
import { LlmQuestionClaim } from './llm-question-claim.schema';

/**
 * Which inference instance asks the LLM a question (`llm_question_claims`). Claims are inserts
 * under the question's key: the unique `_id` lets one instance through, on FerretDB too (which
 * applies no conditional update atomically).
 */
@Injectable()
export class LlmQuestionClaimRepository {
  constructor(@InjectModel(LlmQuestionClaim.name) private readonly model: Model<LlmQuestionClaim>) {}

  /**
   * Claims these questions for `holder` until `expiresAt`; returns those it holds now: claimed
   * now, held by it already (another batch of the same instance, which shares the call), or taken
   * over from a holder whose claim expired (an instance that died asking) or, for a `live`
   * question, from an import's: queued behind the import questions of its instance, it would not
   * be sent before the live batch stops waiting (both instances then ask, as before claims).
   */
  async claim(keys: string[], holder: string, expiresAt: Date, live: boolean, now = new Date()): Promise<Set<string>> {
    const claim = (ids: string[]) => insertManyNew(this.model.collection, ids.map((id) => ({ _id: id, holder, expiresAt, live })));
    const refused = await claim(keys);
    const held = new Set(keys.filter((_, i) => !refused.has(i)));
    const contested = keys.filter((_, i) => refused.has(i));
    // One point lookup each (`byId`): FerretDB reads every document for any other filter.
    const claims = await Promise.all(contested.map((key) => this.model.findOne(byId(key)).lean<LlmQuestionClaim>().exec()));
    const free: string[] = [];
    await Promise.all(
      contested.map(async (key, i) => {
        const current = claims[i];
        if (current?.holder === holder) held.add(key);
        else if (!current) free.push(key);
        // Removed as read (its holder and expiry in the filter), so a claim taken over meanwhile stays.
        else if (!stands(current, live, now) && (await this.model.deleteOne({ ...byId(key), holder: { $eq: current.holder }, expiresAt: { $eq: current.expiresAt } }).exec()).deletedCount === 1) free.push(key);
      }),
    );
    const refusedAgain = await claim(free);
    free.forEach((key, i) => refusedAgain.has(i) || held.add(key));
    return held;
  }

  /** Ends `holder`'s claims on these questions (their answers are stored, or none will be). */
  async release(keys: string[], holder: string): Promise<void> {
    if (keys.length === 0) return;
    await this.model.deleteMany({ _id: { $in: keys }, holder: { $eq: holder } }).exec();
  }
}

/** Whether another holder's claim keeps a question from being asked: unexpired, and not an import's against a live question. */
function stands(claim: LlmQuestionClaim, live: boolean, now: Date): boolean {
  return claim.expiresAt > now && (claim.live || !live);
}
