import { Injectable } from '@nestjs/common';
import { CorrectionListQuery, CorrectionResult, CorrectionsPage, Deletion, invalidInput, normalizedAnswerKey, normalizeQuestion, parseInteger, RpcError } from '@lib/contracts';
import { ClassificationCorrectionRepository } from '@lib/persistence';
import { parseCategoryFilter, parseCorrection } from './input-validation';
import { LiveRuleset } from './live-ruleset.service';
import { RulesetStore } from './ruleset.store';

/**
 * A person's answer to one exact question (app, title, url after normalization). It is stored
 * in `classification_corrections`, beats rules from the next ruleset version on (corrections are part
 * of the ruleset, so every instance reloads them), and is training data for the text model.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly corrections: ClassificationCorrectionRepository,
    private readonly store: RulesetStore,
    private readonly live: LiveRuleset,
  ) {}

  async correct(body: unknown): Promise<CorrectionResult> {
    // eventId: null is how a client says "by app, title and url" (the gateway resolves a real one).
    const { categoryId, ...question } = parseCorrection(body, '', ['eventId']);
    const current = await this.live.latest();
    if (!current.categories.some((c) => c.id === categoryId)) throw new RpcError(400, `categoryId "${categoryId}" is not a known category`, { field: 'categoryId' });
    const normalized = normalizeQuestion(question);
    const key = normalizedAnswerKey(normalized);
    // The correction as it stands (a second click, a sync script) is no new version, as a PATCH that
    // changes nothing: every instance would rebuild its ruleset, and clients see a change that is not one.
    if (current.manual.some((m) => m.key === key && m.categoryId === categoryId)) return { rulesetVersion: current.version, key, categoryId, ...question };

    await this.corrections.upsertMany([{ ...question, categoryId, rulesetVersion: current.version }]);
    return { ...(await this.store.commit({ corrections: [{ key, app: normalized.app, categoryId }] })), key, categoryId, ...question };
  }

  /**
   * The corrections by key, a page at a time: the question as first given, its category, and the
   * key DELETE takes. Without it a correction could be undone only by whoever kept PUT's answer.
   */
  async list(query: CorrectionListQuery = {}): Promise<CorrectionsPage> {
    const limit = parseInteger(query.limit, 'limit', { min: 1, max: 500, fallback: 100 });
    const offset = parseInteger(query.offset, 'offset', { min: 0, max: 10_000_000, fallback: 0 });
    const current = await this.live.latest();
    const categoryId = parseCategoryFilter(query.categoryId, current.categories);
    const { total, items } = await this.corrections.page(categoryId, offset, limit);
    return {
      rulesetVersion: current.version,
      total,
      items: items.map((correction) => ({
        key: correction._id,
        categoryId: correction.categoryId,
        ...correction.sample,
        createdAt: correction.createdAt.toISOString(),
        updatedAt: correction.updatedAt.toISOString(),
      })),
    };
  }

  /**
   * Undoes a correction (its `key`, as PUT answered it): the question goes back to the rules and
   * known answers from the next event on. Without it a wrong correction could only be replaced,
   * and a category a correction uses never deleted.
   */
  async remove(key: unknown): Promise<Deletion> {
    if (typeof key !== 'string' || !ANSWER_KEY.test(key)) throw invalidInput('key', 'must be the key of a correction: 64 hex characters, as PUT /v1/classifications answers it');
    if (!(await this.corrections.remove(key))) throw new RpcError(404, `correction ${key} not found`, { field: 'key' });
    return { ...(await this.store.commit({ correctionsRemoved: [key] })), deleted: key };
  }
}

const ANSWER_KEY = /^[0-9a-f]{64}$/;
