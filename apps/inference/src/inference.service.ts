import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { FALLBACK_CATEGORY_ID } from '@lib/classifier-engine';
import { AnswerQuestion, answerKey, answersItsQuestion, ClassificationSource, ClassifiedEvent, classifiedAs, Lane, NormalizedEvent } from '@lib/contracts';
import { AppConfig } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { orAfter } from '@lib/platform';
import { ClassificationAnswerRepository, NewAnswer } from '@lib/persistence';
import { TextModelPrediction } from '@lib/text-model';
import { LiveTaxonomy, TaxonomySnapshot } from './live-taxonomy.service';
import { LlmClassifier, LlmReply, NOT_JUDGED } from './llm/llm-classifier.service';
import { TextModel } from './text-model.service';

interface Answer {
  categoryId: string;
  source: ClassificationSource;
  confidence: number;
}

/** A question whose LLM answer its batch stopped waiting for (LLM_WAIT_MS). */
interface LateAnswer {
  question: AnswerQuestion;
  byModel: Answer;
  byLlm: Promise<LlmReply>;
}

/**
 * Answers what no rule knows, for a whole handler batch at once: each distinct question
 * (same answerKey) is answered once. A question answered before (a redelivery, or a race with
 * a correction) keeps its stored answer; the others get ONE text model run, and those below
 * MODEL_CONFIDENCE_THRESHOLD a second opinion from the LLM when one is configured. New answers
 * are stored in ONE write before anything is published, so classification (and a redelivery)
 * finds them. A batch waits LLM_WAIT_MS at most for the LLM and goes on with the model's answers;
 * a question it stopped waiting for is stored once its call ends (the LLM's answer, else the
 * model's), so a stored answer is never replaced and caches of known answers stay right.
 */
@Injectable()
export class InferenceService implements OnModuleDestroy {
  private readonly logger = new Logger('InferenceService');
  private readonly lateWrites = new Set<Promise<void>>();
  constructor(
    private readonly config: AppConfig,
    private readonly model: TextModel,
    private readonly llm: LlmClassifier,
    private readonly taxonomy: LiveTaxonomy,
    private readonly answers: ClassificationAnswerRepository,
    private readonly metrics: PipelineMetrics,
  ) {}

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
    const { answers: fresh, late, notJudged } = await this.answer(open.map((key) => [key, questions.get(key)!]), taxonomy, lane);
    const toStore: NewAnswer[] = [];
    for (const [key, answer] of fresh) {
      decided.set(key, answer);
      const stored = late.has(key) || notJudged.has(key) ? null : storable(questions.get(key)!, answer, taxonomy.version);
      if (stored) toStore.push(stored);
    }
    if (toStore.length > 0) await this.storeAnswers(toStore);
    this.storeLate([...late.values()], taxonomy.version);

    return envelopes.map((events, e) =>
      events.map((event, i) => {
        const answer = decided.get(keysOf[e][i])!;
        return classifiedAs(event, { ...answer, rulesetVersion: taxonomy.version }, taxonomy.view);
      }),
    );
  }

  /** Answers stored since classification looked (a redelivery of this batch, a new correction). */
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

  /**
   * The model answers every question; those it is unsure of also go to the LLM, whose answers
   * count if they come within LLM_WAIT_MS (the others are returned as `late`, by key). `notJudged`:
   * the questions the LLM was meant to judge but did not (open circuit, an HTTP error), whose
   * model answer is not stored.
   */
  private async answer(
    questions: Array<[string, AnswerQuestion]>,
    taxonomy: TaxonomySnapshot,
    lane: Lane,
  ): Promise<{ answers: Map<string, Answer>; late: Map<string, LateAnswer>; notJudged: Set<string> }> {
    const predictions = await this.model.predictBatch(questions.map(([, question]) => question));
    const threshold = this.config.MODEL_CONFIDENCE_THRESHOLD;
    const waitUntil = Date.now() + this.config.LLM_WAIT_MS;
    const answers = new Map<string, Answer>();
    const late = new Map<string, LateAnswer>();
    const notJudged = new Set<string>();
    await Promise.all(
      questions.map(async ([key, question], i) => {
        const byModel = modelAnswer(predictions[i], taxonomy);
        answers.set(key, byModel);
        // 1 means every question (docs): a float32 softmax can round to exactly 1.
        if (!this.llm.enabled || (byModel.confidence >= threshold && threshold < 1)) return;
        const asked = this.llm.ask(key, question, taxonomy.choices, waitUntil, lane);
        const byLlm = await orAfter(asked, waitUntil - Date.now(), () => (late.set(key, { question, byModel, byLlm: asked }), null));
        if (byLlm === NOT_JUDGED) notJudged.add(key);
        else if (byLlm) answers.set(key, { ...byLlm, source: 'llm' });
      }),
    );
    return { answers, late, notJudged };
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
    for (const { question, byModel, byLlm } of late) {
      const write = byLlm
        .then(async (answer) => {
          if (answer === NOT_JUDGED) return;
          const stored = storable(question, answer ? { ...answer, source: 'llm' } : byModel, rulesetVersion);
          if (stored) await this.storeAnswers([stored]);
        })
        .catch((error: unknown) => this.logger.warn({ msg: 'late answer not stored; the question will be asked again', err: String(error) }))
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
