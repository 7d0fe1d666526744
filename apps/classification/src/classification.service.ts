import { Injectable } from '@nestjs/common';
import { ClassifyInput } from '@lib/classifier-engine';
import { answerKey, answersItsQuestion, Classification, ClassifiedEvent, classifiedAs, ClassifyItemResult, ClassifyResponse, NormalizedEvent } from '@lib/contracts';
import { ActiveRuleset } from './active-ruleset';
import { AnswerCache } from './answer-cache';
import { ClassificationMetrics } from './classification.metrics';
import { LiveRuleset } from './live-ruleset.service';

export interface ClassifiedSplit {
  classified: ClassifiedEvent[];
  /** Nothing knows these: they go on to inference. */
  unknown: NormalizedEvent[];
}

/**
 * Classifying is synchronous: a title regex runs in time linear in the title, but a large one
 * costs tens of milliseconds on a 2,048-character title, so a batch of them was seconds without a
 * break. The consumer's heartbeats could not go out: the batch outlived ACK_WAIT_SEC and was
 * delivered again while its first attempt ran (3 deliveries of one envelope at ACK_WAIT_SEC=3),
 * and this instance answered no RPC meanwhile. Past this much work the loop lets them run.
 */
const WORK_BETWEEN_BREAKS_MS = 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Decisions {
  ruleset: ActiveRuleset;
  /** Aligned with the inputs; null where nothing knows the input. */
  decisions: Array<Classification | null>;
}

/**
 * Decides categories, in this order: a correction of exactly this question (manual), the
 * rules, a known answer from the model or LLM (cache). What none of them knows is left for
 * inference. One ruleset snapshot serves a whole call, so its events share one version.
 */
@Injectable()
export class ClassificationService {
  constructor(private readonly live: LiveRuleset, private readonly cache: AnswerCache, private readonly metrics: ClassificationMetrics) {}

  /** For the consumer: one known-answer query for all envelopes of a fetched batch. */
  async classifyEnvelopes(envelopes: NormalizedEvent[][]): Promise<ClassifiedSplit[]> {
    const { ruleset, decisions } = await this.decide(envelopes.flat(), await this.live.forBatch());
    let next = 0;
    return envelopes.map((events) => {
      const split: ClassifiedSplit = { classified: [], unknown: [] };
      for (const event of events) {
        const classification = decisions[next++];
        if (classification === null) split.unknown.push(event);
        else split.classified.push(classifiedAs(event, classification, ruleset.engine));
      }
      return split;
    });
  }

  /**
   * Dry run: what the pipeline would decide now, without inference; unknown items answer `none`.
   * It catches up with Mongo first (one small query when nothing changed), like the writers: a
   * rule whose POST has been answered is in it even on an instance its announcement has not
   * reached yet (1 of 90 dry runs right after a POST /v1/rules missed it with two instances).
   */
  async classifyItems(items: ClassifyInput[]): Promise<ClassifyResponse> {
    const { ruleset, decisions } = await this.decide(items, await this.live.latestActive());
    const results = decisions.map((d): ClassifyItemResult => {
      if (d === null) return { category: null, path: [], source: 'none', confidence: 0 };
      return { category: d.categoryId, path: ruleset.path(d.categoryId), source: d.source, confidence: d.confidence, ...(d.ruleId ? { ruleId: d.ruleId } : {}) };
    });
    return { rulesetVersion: ruleset.version, results };
  }

  private async decide(inputs: ClassifyInput[], ruleset: ActiveRuleset): Promise<Decisions> {
    const rulesetVersion = ruleset.version;
    const decisions: Array<Classification | null> = new Array(inputs.length).fill(null);
    const unknown: number[] = [];
    let manual = 0;
    let breakAt = performance.now() + WORK_BETWEEN_BREAKS_MS;
    for (let i = 0; i < inputs.length; i++) {
      if (performance.now() > breakAt) {
        await nextTurn();
        breakAt = performance.now() + WORK_BETWEEN_BREAKS_MS;
      }
      const input = inputs[i];
      const corrected = ruleset.correctionFor(input);
      if (corrected !== undefined) {
        decisions[i] = { categoryId: corrected, source: 'manual', confidence: 1, rulesetVersion };
        manual++;
        continue;
      }
      const result = ruleset.engine.classify(input);
      if (result) decisions[i] = { categoryId: result.categoryId, source: 'rule', confidence: result.confidence, ruleId: result.ruleId, rulesetVersion };
      else unknown.push(i);
    }

    let cached = 0;
    if (unknown.length > 0) {
      const keys = unknown.map((i) => answerKey(inputs[i]));
      const answers = await this.cache.lookup(keys, (answer) => ruleset.knows(answer.categoryId) && answersItsQuestion(answer, ruleset.taxonomyVersion));
      unknown.forEach((inputIndex, k) => {
        // Only usable answers come back: one naming a category deleted since then is no answer.
        const answer = answers.get(keys[k]);
        if (!answer) return;
        decisions[inputIndex] = { categoryId: answer.categoryId, source: 'cache', confidence: answer.confidence, rulesetVersion };
        cached++;
      });
    }
    const byRule = inputs.length - manual - unknown.length;
    if (manual > 0) this.metrics.decisions.inc({ source: 'manual' }, manual);
    if (byRule > 0) this.metrics.decisions.inc({ source: 'rule' }, byRule);
    if (cached > 0) this.metrics.decisions.inc({ source: 'cache' }, cached);
    if (unknown.length > cached) this.metrics.decisions.inc({ source: 'none' }, unknown.length - cached);
    return { ruleset, decisions };
  }
}
