import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '@lib/config';
import { AnswerStanding } from '@lib/contracts';
import { AnswerSource, ClassificationAnswerRepository } from '@lib/persistence';
import { PipelineMetrics } from '@lib/observability';
import { ClassificationMetrics } from './classification.metrics';

export interface KnownAnswer extends AnswerStanding {
  source: AnswerSource;
  confidence: number;
}

/**
 * Known answers of the model and the LLM (`classification_answers`) behind a bounded in-process
 * LRU, never "unknown" (an answer inference stores later must be found on the next event).
 * Corrections are not among them: the ruleset holds them (RulesetStore.load).
 */
@Injectable()
export class AnswerCache {
  private readonly lru: LRUCache<string, KnownAnswer>;

  constructor(
    config: AppConfig,
    private readonly answers: ClassificationAnswerRepository,
    private readonly metrics: ClassificationMetrics,
    private readonly pipelineMetrics: PipelineMetrics,
  ) {
    this.lru = new LRUCache({ max: config.CLASSIFIER_CACHE_SIZE });
  }

  /**
   * The usable answers by key; whatever the LRU lacks, or holds but `usable` refuses, is fetched in
   * one `$in` query, and a fetched answer `usable` refuses is neither returned nor cached (cached,
   * it was fetched again on every event of its question). `usable` says whether the ruleset still
   * knows an answer's category and whether the answer still answers (answersItsQuestion: a
   * fallback answer stands until the categories change, so it is tested on every hit): inference replaces
   * an answer whose category was deleted, and a cached copy of the old one would otherwise send
   * every event of its question back to inference until the LRU dropped it.
   */
  async lookup(keys: string[], usable: (answer: KnownAnswer) => boolean): Promise<Map<string, KnownAnswer>> {
    const found = new Map<string, KnownAnswer>();
    const missing = new Set<string>();
    let lruHits = 0;
    for (const key of keys) {
      const cached = this.lru.get(key);
      if (cached && usable(cached)) {
        found.set(key, cached);
        lruHits++;
      } else missing.add(key);
    }
    let dbHits = 0;
    if (missing.size > 0) {
      const stored = await this.pipelineMetrics.timeStore('mongo', 'classification_answers.findMany', () => this.answers.findMany([...missing]));
      for (const answer of stored) {
        const known: KnownAnswer = { categoryId: answer.categoryId, source: answer.source, confidence: answer.confidence, rulesetVersion: answer.rulesetVersion };
        if (!usable(known)) continue;
        this.lru.set(answer._id, known);
        found.set(answer._id, known);
        dbHits++;
      }
    }
    this.metrics.cacheLookups.inc({ result: 'lru_hit' }, lruHits);
    this.metrics.cacheLookups.inc({ result: 'db_hit' }, dbHits);
    this.metrics.cacheLookups.inc({ result: 'miss' }, missing.size - dbHits);
    return found;
  }
}
