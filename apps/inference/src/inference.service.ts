import { Injectable } from '@nestjs/common';
import { AnswerQuestion, answerKey, ClassificationSource, ClassifiedEvent, classifiedAs, NormalizedEvent } from '@lib/contracts';
import { AppConfig } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { ClassificationAnswerRepository, NewAnswer } from '@lib/persistence';
import { TextModelPrediction } from '@lib/text-model';
import { LiveTaxonomy, TaxonomySnapshot } from './live-taxonomy.service';
import { LlmClassifier } from './llm/llm-classifier.service';
import { TextModel } from './text-model.service';

export const FALLBACK_CATEGORY = 'uncategorized';

interface Answer {
  categoryId: string;
  source: ClassificationSource;
  confidence: number;
}

/**
 * Answers what no rule knows, for a whole handler batch at once: each distinct question
 * (same answerKey) is answered once. A question answered before (a redelivery, or a race with
 * a correction) keeps its stored answer; the others get ONE text model run, and those below
 * MODEL_CONFIDENCE_THRESHOLD a second opinion from the LLM when one is configured. New answers
 * are stored in ONE write before anything is published, so classification (and a redelivery)
 * finds them.
 */
@Injectable()
export class InferenceService {
  constructor(
    private readonly config: AppConfig,
    private readonly model: TextModel,
    private readonly llm: LlmClassifier,
    private readonly taxonomy: LiveTaxonomy,
    private readonly answers: ClassificationAnswerRepository,
    private readonly metrics: PipelineMetrics,
  ) {}

  /** Classifies the events of several envelopes; the result is aligned with the input. */
  async inferEnvelopes(envelopes: NormalizedEvent[][]): Promise<ClassifiedEvent[][]> {
    const taxonomy = this.taxonomy.current;
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
    const fresh = await this.answer(open.map((key) => [key, questions.get(key)!]), taxonomy);
    const toStore: NewAnswer[] = [];
    for (const [key, answer] of fresh) {
      decided.set(key, answer);
      if (answer.source === 'model' || answer.source === 'llm') {
        toStore.push({ ...questions.get(key)!, categoryId: answer.categoryId, source: answer.source, confidence: answer.confidence, rulesetVersion: taxonomy.version });
      }
    }
    if (toStore.length > 0) await this.metrics.timeStore('mongo', 'classification_answers.upsertMany', () => this.answers.upsertMany(toStore));

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
      if (taxonomy.knows(answer.categoryId)) known.set(answer._id, { categoryId: answer.categoryId, source: answer.source, confidence: answer.confidence });
    }
    return known;
  }

  private async answer(questions: Array<[string, AnswerQuestion]>, taxonomy: TaxonomySnapshot): Promise<Map<string, Answer>> {
    const predictions = await this.model.predictBatch(questions.map(([, question]) => question));
    const threshold = this.config.MODEL_CONFIDENCE_THRESHOLD;
    const answers = new Map<string, Answer>();
    await Promise.all(
      questions.map(async ([key, question], i) => {
        const byModel = modelAnswer(predictions[i], taxonomy);
        if (this.llm.enabled && byModel.confidence < threshold) {
          const byLlm = await this.llm.ask(key, question, taxonomy.choices);
          if (byLlm) {
            answers.set(key, { ...byLlm, source: 'llm' });
            return;
          }
        }
        answers.set(key, byModel);
      }),
    );
    return answers;
  }
}

/**
 * The model's best label that the live taxonomy still has (its labels are default-taxonomy
 * ids; a category may have been deleted since training), else the labelled fallback.
 */
function modelAnswer(prediction: TextModelPrediction, taxonomy: TaxonomySnapshot): Answer {
  const best = prediction.alternatives.find((alternative) => taxonomy.knows(alternative.categoryId));
  if (best) return { categoryId: best.categoryId, source: 'model', confidence: best.confidence };
  return { categoryId: FALLBACK_CATEGORY, source: 'fallback', confidence: 0 };
}
