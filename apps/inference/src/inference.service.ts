import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FALLBACK_CATEGORY_ID } from '@lib/classifier-engine';
import { AnswerQuestion, answerKey, answersItsQuestion, ClassificationSource, ClassifiedEvent, classifiedAs, Lane, NormalizedEvent } from '@lib/contracts';
import { AppConfig } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { orAfter } from '@lib/platform';
import { ClassificationAnswerRepository, LlmQuestionClaimRepository, NewAnswer } from '@lib/persistence';
import { TextModelPrediction } from '@lib/text-model';
import { LiveTaxonomy, TaxonomySnapshot } from './live-taxonomy.service';
import { LlmClassifier, LlmReply, NOT_JUDGED } from './llm/llm-classifier.service';
import { MAX_RETRY_AFTER_MS } from './llm/llm-retry';
import { TextModel } from './text-model.service';

interface Answer {
  categoryId: string;
  source: ClassificationSource;
  confidence: number;
}

/** A question whose LLM answer its batch stopped waiting for (LLM_WAIT_MS). */
interface LateAnswer {
  key: string;
  question: AnswerQuestion;
  byModel: Answer;
  byLlm: Promise<LlmReply>;
}

/** How often a batch looks for the answer to a question another instance is asking the LLM. */
const CLAIMED_ELSEWHERE_POLL_MS = 200;

/**
 * Answers what no rule knows, for a whole handler batch at once: each distinct question
 * (same answerKey) is answered once. A question answered before (a redelivery, or a race with
 * a correction) keeps its stored answer; the others get ONE text model run, and those below
 * MODEL_CONFIDENCE_THRESHOLD a second opinion from the LLM when one is configured. New answers
 * are stored in ONE write before anything is published, so classification (and a redelivery)
 * finds them. A batch waits LLM_WAIT_MS at most for the LLM and goes on with the model's answers;
 * a question it stopped waiting for is stored once its call ends (the LLM's answer, else the
 * model's), so a stored answer is never replaced and caches of known answers stay right.
 * Instances claim the questions they ask the LLM (`llm_question_claims`): one that another
 * instance is asking waits, within LLM_WAIT_MS, for the answer that instance stores, so a question
 * is paid once however many instances get it at once.
 */
@Injectable()
export class InferenceService implements OnModuleDestroy {
  private readonly logger = new Logger('InferenceService');
  private readonly lateWrites = new Set<Promise<void>>();
  /** Whose claims are this instance's. */
  private readonly claimHolder = randomUUID();
  /**
   * How long a claim holds: the longest an asked question can take (every attempt timing out,
   * each retry after the longest Retry-After waited for). A holder that dies keeps its questions
   * from the LLM that long (the model answers them meanwhile, unstored).
   */
  private readonly claimMs: number;
  constructor(
    private readonly config: AppConfig,
    private readonly model: TextModel,
    private readonly llm: LlmClassifier,
    private readonly taxonomy: LiveTaxonomy,
    private readonly answers: ClassificationAnswerRepository,
    private readonly claims: LlmQuestionClaimRepository,
    private readonly metrics: PipelineMetrics,
  ) {
    this.claimMs = config.LLM_WAIT_MS + (config.LLM_MAX_RETRIES + 1) * config.LLM_TIMEOUT_MS + config.LLM_MAX_RETRIES * MAX_RETRY_AFTER_MS;
  }

  /** Classifies the events of several envelopes of one lane; the result is aligned with the input. */
  async inferEnvelopes(envelopes: NormalizedEvent[][], lane: Lane = 'live'): Promise<ClassifiedEvent[][]> {
    const taxonomy = await this.taxonomy.latest();
    const questions = new Map<string, AnswerQuestion>();
    const keysOf = envelopes.map((events) =>
      events.map((event) => {
        const key = answerKey(event);
        if (!questions.has(key)) questions.set(key, { app: event.app, title: event.title, url: event.url });
        return key;
      }),
    );

    const decided = await this.storedAnswers([...questions.keys()], taxonomy);
    const open = [...questions.keys()].filter((key) => !decided.has(key));
    const { answers: fresh, late, notJudged, storedElsewhere, claimed } = await this.answer(open.map((key) => [key, questions.get(key)!]), taxonomy, lane);
    const toStore: NewAnswer[] = [];
    for (const [key, answer] of fresh) {
      decided.set(key, answer);
      const stored = late.has(key) || notJudged.has(key) || storedElsewhere.has(key) ? null : storable(questions.get(key)!, answer, taxonomy.version);
      if (stored) toStore.push(stored);
    }
    try {
      if (toStore.length > 0) await this.storeAnswers(toStore);
    } finally {
      // Stored, or not to be: the other instances may ask. A late question's claim ends with its write.
      await this.releaseClaims(claimed.filter((key) => !late.has(key)));
    }
    this.storeLate([...late.values()], taxonomy.version);

    return envelopes.map((events, e) =>
      events.map((event, i) => {
        const answer = decided.get(keysOf[e][i])!;
        return classifiedAs(event, { ...answer, rulesetVersion: taxonomy.version }, taxonomy.view);
      }),
    );
  }

  /** Answers stored since classification looked (a redelivery of this batch, another instance's answer). */
  private async storedAnswers(keys: string[], taxonomy: TaxonomySnapshot): Promise<Map<string, Answer>> {
    const stored = await this.metrics.timeStore('mongo', 'classification_answers.findMany', () => this.answers.findMany(keys));
    const known = new Map<string, Answer>();
    for (const answer of stored) {
      if (taxonomy.knows(answer.categoryId) && answersItsQuestion(answer, taxonomy.taxonomyVersion)) known.set(answer._id, { categoryId: answer.categoryId, source: answer.source, confidence: answer.confidence });
    }
    return known;
  }

  /** Waits for the late answers' write, which ends quickly: the LLM client aborts its calls meanwhile. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.lateWrites]);
  }

  private storeAnswers(answers: NewAnswer[]): Promise<void> {
    return this.metrics.timeStore('mongo', 'classification_answers.upsertMany', () => this.answers.upsertMany(answers));
  }

  /** The questions this instance may ask the LLM: those no other instance is asking (for an import, when `lane` is live). */
  private async claim(keys: string[], lane: Lane): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    return this.metrics.timeStore('mongo', 'llm_question_claims.claim', () => this.claims.claim(keys, this.claimHolder, new Date(Date.now() + this.claimMs), lane === 'live'));
  }

  /** Unreleased claims expire; a failed release only keeps other instances waiting longer. */
  private releaseClaims(keys: string[]): Promise<void> {
    return this.metrics
      .timeStore('mongo', 'llm_question_claims.release', () => this.claims.release(keys, this.claimHolder))
      .catch((error: unknown) => this.logger.warn({ msg: 'LLM question claims not released; they expire', questions: keys.length, err: String(error) }));
  }

  /**
   * The answers another instance stores for these questions (it claimed them to ask the LLM),
   * looked for until `until`; those not there by then are left out.
   */
  private async answersStoredElsewhere(keys: string[], taxonomy: TaxonomySnapshot, until: number): Promise<Map<string, Answer>> {
    const found = new Map<string, Answer>();
    let waiting = keys;
    for (;;) {
      for (const [key, answer] of await this.storedAnswers(waiting, taxonomy)) found.set(key, answer);
      waiting = waiting.filter((key) => !found.has(key));
      const left = until - Date.now();
      if (waiting.length === 0 || left <= 0) return found;
      await sleep(Math.min(CLAIMED_ELSEWHERE_POLL_MS, left));
    }
  }

  /**
   * The model answers every question; those it is unsure of also go to the LLM, whose answers
   * count if they come within LLM_WAIT_MS (the others are returned as `late`, by key). `notJudged`:
   * the questions the LLM was meant to judge but did not (open circuit, an HTTP error), or that
   * another instance asks and whose answer did not come in time, whose model answer is not stored.
   * `storedElsewhere`: answers another instance asked for and stored. `claimed`: the questions
   * this instance asks, to release once their answers are stored.
   */
  private async answer(
    questions: Array<[string, AnswerQuestion]>,
    taxonomy: TaxonomySnapshot,
    lane: Lane,
  ): Promise<{ answers: Map<string, Answer>; late: Map<string, LateAnswer>; notJudged: Set<string>; storedElsewhere: Set<string>; claimed: string[] }> {
    const predictions = await this.model.predictBatch(questions.map(([, question]) => question));
    const threshold = this.config.MODEL_CONFIDENCE_THRESHOLD;
    const waitUntil = Date.now() + this.config.LLM_WAIT_MS;
    const answers = new Map<string, Answer>();
    const late = new Map<string, LateAnswer>();
    const notJudged = new Set<string>();
    const storedElsewhere = new Set<string>();
    const unsure: Array<[string, AnswerQuestion]> = [];
    questions.forEach(([key, question], i) => {
      const byModel = modelAnswer(predictions[i], taxonomy);
      answers.set(key, byModel);
      // 1 means every question (docs): a float32 softmax can round to exactly 1.
      if (this.llm.enabled && (byModel.confidence < threshold || threshold >= 1)) unsure.push([key, question]);
    });
    const claimed = await this.claim(unsure.map(([key]) => key), lane);
    // A holder stores its answer before it releases the claim: one released since this batch
    // looked for stored answers left its answer, which is not asked for again.
    const answeredMeanwhile = await this.storedAnswers([...claimed], taxonomy);
    for (const [key, answer] of answeredMeanwhile) (answers.set(key, answer), storedElsewhere.add(key));
    const askedElsewhere = unsure.filter(([key]) => !claimed.has(key)).map(([key]) => key);
    await Promise.all([
      ...unsure
        .filter(([key]) => claimed.has(key) && !answeredMeanwhile.has(key))
        .map(async ([key, question]) => {
          const asked = this.llm.ask(key, question, taxonomy.choices, waitUntil, lane);
          const byLlm = await orAfter(asked, waitUntil - Date.now(), () => (late.set(key, { key, question, byModel: answers.get(key)!, byLlm: asked }), null));
          if (byLlm === NOT_JUDGED) notJudged.add(key);
          else if (byLlm) answers.set(key, { ...byLlm, source: 'llm' });
        }),
      (async () => {
        if (askedElsewhere.length === 0) return;
        const found = await this.answersStoredElsewhere(askedElsewhere, taxonomy, waitUntil);
        for (const key of askedElsewhere) {
          const answer = found.get(key);
          if (answer) (answers.set(key, answer), storedElsewhere.add(key));
          else notJudged.add(key);
        }
      })(),
    ]);
    return { answers, late, notJudged, storedElsewhere, claimed: [...claimed] };
  }

  /**
   * Stores each late question's answer as soon as its call ends: the LLM's answer, or the model's
   * where the LLM failed. Until then the question has no stored answer and an identical event
   * comes back here, sharing the call while it is in flight; from then on the stored answer
   * serves it, so the LLM is not asked again (one write per late question: at most
   * LLM_CONCURRENCY of a batch's questions are in flight when it stops waiting). A question the
   * LLM did not judge (still queued at the deadline, an HTTP error) stores nothing: storing the model's answer would
   * keep it from the LLM for good (a burst of 40 questions against a 1 s LLM had 28 never asked,
   * ever), so the next identical event asks again.
   */
  private storeLate(late: LateAnswer[], rulesetVersion: number): void {
    for (const { key, question, byModel, byLlm } of late) {
      const write = byLlm
        .then(async (answer) => {
          if (answer === NOT_JUDGED) return;
          const stored = storable(question, answer ? { ...answer, source: 'llm' } : byModel, rulesetVersion);
          if (stored) await this.storeAnswers([stored]);
        })
        .catch((error: unknown) => this.logger.warn({ msg: 'late answer not stored; the question will be asked again', err: String(error) }))
        .then(() => this.releaseClaims([key]))
        .finally(() => this.lateWrites.delete(write));
      this.lateWrites.add(write);
    }
  }
}

/**
 * The answer as a known answer to store; null for the labelled fallback (source `fallback`: the
 * model has no label the taxonomy knows). A model's or an LLM's `uncategorized` is stored: it
 * answers its question until the categories change (answersItsQuestion), and meanwhile every reader of the
 * store, classification first, finds it instead of paying the model and the LLM per event.
 */
function storable(question: AnswerQuestion, answer: Answer, rulesetVersion: number): NewAnswer | null {
  if (answer.source !== 'model' && answer.source !== 'llm') return null;
  return { ...question, categoryId: answer.categoryId, source: answer.source, confidence: answer.confidence, rulesetVersion };
}

/**
 * The model's best label that the live taxonomy still has (its labels are default-taxonomy
 * ids; a category may have been deleted since training), else the labelled fallback.
 */
function modelAnswer(prediction: TextModelPrediction, taxonomy: TaxonomySnapshot): Answer {
  const best = prediction.alternatives.find((alternative) => taxonomy.knows(alternative.categoryId));
  if (best) return { categoryId: best.categoryId, source: 'model', confidence: best.confidence };
  return { categoryId: FALLBACK_CATEGORY_ID, source: 'fallback', confidence: 0 };
}
