import { DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { AppConfig, loadConfig } from '@lib/config';
import { answerKey, NormalizedEvent } from '@lib/contracts';
import { PipelineMetrics } from '@lib/observability';
import { ClassificationAnswer, ClassificationAnswerRepository, LlmQuestionClaimRepository, NewAnswer } from '@lib/persistence';
import { TextModelInput, TextModelPrediction } from '@lib/text-model';
import { InferenceService } from './inference.service';
import { LiveTaxonomy, TaxonomySnapshot } from './live-taxonomy.service';
import { LlmClassifier, LlmReply, NOT_JUDGED } from './llm/llm-classifier.service';
import { LlmAnswer } from './llm/llm-output';
import { TextModel } from './text-model.service';

let seq = 0;
const event = (app: string, title?: string): NormalizedEvent => ({ eventId: `e${++seq}`, userId: 'u', app, title, startedAtMs: 0, durationSec: 10 });
const prediction = (categoryId: string, confidence: number, ...more: string[]): TextModelPrediction => ({
  categoryId,
  confidence,
  alternatives: [{ categoryId, confidence }, ...more.map((id) => ({ categoryId: id, confidence: 0.01 }))],
});

function setup(options: {
  llm?: (title: string | undefined) => LlmReply | Promise<LlmReply>;
  stored?: Array<Partial<ClassificationAnswer> & { _id: string }>;
  predict: (input: TextModelInput) => TextModelPrediction;
  env?: Record<string, string>;
}) {
  const modelCalls: TextModelInput[][] = [];
  const writes: NewAnswer[][] = [];
  const llmQuestions: string[] = [];
  const llmLanes: string[] = [];
  const model = { predictBatch: async (inputs: TextModelInput[]) => (modelCalls.push(inputs), inputs.map(options.predict)) } as unknown as TextModel;
  const llm = {
    enabled: options.llm !== undefined,
    ask: async (_key: string, question: TextModelInput, _choices: unknown, _sendBy: number, lane: string) => (llmQuestions.push(question.title ?? ''), llmLanes.push(lane), await options.llm!(question.title)),
  } as unknown as LlmClassifier;
  const snapshot = new TaxonomySnapshot(7, 7, DEFAULT_TAXONOMY.filter((c) => c.id !== 'entertainment:games'));
  const taxonomy = { latest: async () => snapshot } as unknown as LiveTaxonomy;
  const answers = {
    findMany: async (keys: string[]) => (options.stored ?? []).filter((a) => keys.includes(a._id)),
    upsertMany: async (batch: NewAnswer[]) => void writes.push(batch),
  } as unknown as ClassificationAnswerRepository;
  // This instance alone: it claims every question it asks.
  const claims = { claim: async (keys: string[]) => new Set(keys), release: async () => undefined } as unknown as LlmQuestionClaimRepository;
  const config: AppConfig = loadConfig({ MODEL_CONFIDENCE_THRESHOLD: '0.6', ...options.env });
  const service = new InferenceService(config, model, llm, taxonomy, answers, claims, new PipelineMetrics());
  return { service, modelCalls, writes, llmQuestions, llmLanes };
}

/** Lets pending promise callbacks run until `count` writes happened (or fails after a few turns). */
async function waitForWrites(writes: NewAnswer[][], count: number): Promise<void> {
  for (let turn = 0; turn < 20 && writes.length < count; turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(writes).toHaveLength(count);
}

describe('InferenceService', () => {
  it('runs the model once per batch over the distinct questions of all envelopes and stores their answers in one write', async () => {
    const { service, modelCalls, writes } = setup({ predict: () => prediction('work:programming', 0.9) });
    const result = await service.inferEnvelopes([[event('acme-ide', 'a'), event('Acme-IDE.exe', 'A')], [event('acme-ide', 'b')]]);
    expect(modelCalls).toHaveLength(1);
    expect(modelCalls[0].map((q) => q.title)).toEqual(['a', 'b']);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toEqual([
      expect.objectContaining({ app: 'acme-ide', title: 'a', categoryId: 'work:programming', source: 'model', confidence: 0.9, rulesetVersion: 7 }),
      expect.objectContaining({ app: 'acme-ide', title: 'b', source: 'model' }),
    ]);
    expect(result.map((events) => events.length)).toEqual([2, 1]);
    expect(result[0][1]).toMatchObject({
      app: 'Acme-IDE.exe',
      classification: { categoryId: 'work:programming', source: 'model', confidence: 0.9, rulesetVersion: 7 },
      boards: ['work', 'work:programming', 'productive', 'total'],
    });
  });

  it('asks the LLM only below the threshold, and keeps the model answer when the LLM has none', async () => {
    const { service, llmQuestions, writes } = setup({
      predict: (q) => prediction('work:office', q.title === 'sure' ? 0.95 : 0.3),
      llm: (title) => (title === 'llm knows' ? { categoryId: 'learning:reading', confidence: 0.8 } : null),
    });
    const [events] = await service.inferEnvelopes([[event('x', 'sure'), event('x', 'llm knows'), event('x', 'llm fails')]]);
    expect(llmQuestions.sort()).toEqual(['llm fails', 'llm knows']);
    expect(events.map((e) => [e.classification.source, e.classification.categoryId, e.classification.confidence])).toEqual([
      ['model', 'work:office', 0.95],
      ['llm', 'learning:reading', 0.8],
      ['model', 'work:office', 0.3],
    ]);
    expect(writes[0].map((a) => a.source)).toEqual(['model', 'llm', 'model']);
  });

  it('asks the LLM about every question with MODEL_CONFIDENCE_THRESHOLD=1, a model certainty of 1 included', async () => {
    const { service, llmQuestions } = setup({ predict: () => prediction('work:office', 1), llm: () => ({ categoryId: 'learning:reading', confidence: 0.8 }), env: { MODEL_CONFIDENCE_THRESHOLD: '1' } });
    const [events] = await service.inferEnvelopes([[event('x', 'certain')]]);
    expect(llmQuestions).toEqual(['certain']);
    expect(events[0].classification.source).toBe('llm');
  });

  it('asks the LLM in the lane of the batch (live questions go first)', async () => {
    const { service, llmLanes } = setup({ predict: () => prediction('work:office', 0.3), llm: () => ({ categoryId: 'learning:reading', confidence: 0.8 }) });
    await service.inferEnvelopes([[event('x', 'imported')]], 'bulk');
    await service.inferEnvelopes([[event('x', 'today')]]);
    expect(llmLanes).toEqual(['bulk', 'live']);
  });

  it('stores no answer for a question the LLM was meant to judge but was not asked (open circuit), so a later event asks again', async () => {
    let circuitOpen = true;
    const { service, writes, llmQuestions } = setup({
      predict: () => prediction('work:office', 0.3),
      llm: () => (circuitOpen ? NOT_JUDGED : { categoryId: 'learning:reading', confidence: 0.8 }),
    });
    const [first] = await service.inferEnvelopes([[event('x', 'unsure')]]);
    expect(first.map((e) => [e.classification.source, e.classification.categoryId])).toEqual([['model', 'work:office']]);
    // Stored, the model's answer would have kept the question from the LLM for good.
    expect(writes).toEqual([]);
    circuitOpen = false;
    const [second] = await service.inferEnvelopes([[event('x', 'unsure')]]);
    expect(second.map((e) => [e.classification.source, e.classification.categoryId])).toEqual([['llm', 'learning:reading']]);
    expect(llmQuestions).toEqual(['unsure', 'unsure']);
    expect(writes.map((w) => w.map((a) => a.source))).toEqual([['llm']]);
  });

  it('waits LLM_WAIT_MS at most for the LLM; a question it stopped waiting for is stored when its call ends (the LLM answer, else the model one)', async () => {
    let answerLate!: (answer: LlmReply) => void;
    let failLate!: (answer: LlmReply) => void;
    let dropQueued!: (answer: LlmReply) => void;
    const lateAnswer = new Promise<LlmReply>((resolve) => (answerLate = resolve));
    const lateFailure = new Promise<LlmReply>((resolve) => (failLate = resolve));
    const queued = new Promise<LlmReply>((resolve) => (dropQueued = resolve));
    const { service, writes } = setup({
      predict: () => prediction('work:office', 0.3),
      llm: (title) => (title === 'quick' ? { categoryId: 'learning:reading', confidence: 0.8 } : title === 'slow' ? lateAnswer : title === 'queued' ? queued : lateFailure),
      env: { LLM_WAIT_MS: '100' },
    });
    const [events] = await service.inferEnvelopes([[event('x', 'quick'), event('x', 'slow'), event('x', 'failing'), event('x', 'queued')]]);
    expect(events.map((e) => [e.classification.source, e.classification.categoryId])).toEqual([
      ['llm', 'learning:reading'],
      ['model', 'work:office'],
      ['model', 'work:office'],
      ['model', 'work:office'],
    ]);
    // Still queued at the deadline, so never sent: nothing stored, the next identical event asks.
    dropQueued(NOT_JUDGED);
    // Nothing stored yet for the late ones: a stored answer is never replaced.
    expect(writes.map((w) => w.map((a) => [a.title, a.source]))).toEqual([[['quick', 'llm']]]);

    // Each is stored when its own call ends, not when the slowest one does: an identical event
    // in between finds the answer instead of asking the LLM again.
    answerLate({ categoryId: 'learning:courses', confidence: 0.7 });
    await waitForWrites(writes, 2);
    expect(writes[1]).toEqual([expect.objectContaining({ app: 'x', title: 'slow', categoryId: 'learning:courses', source: 'llm', confidence: 0.7, rulesetVersion: 7 })]);
    failLate(null);
    await service.onModuleDestroy();
    expect(writes[2]).toEqual([expect.objectContaining({ app: 'x', title: 'failing', categoryId: 'work:office', source: 'model', confidence: 0.3, rulesetVersion: 7 })]);
    expect(writes).toHaveLength(3);
  });

  it('keeps an answer stored meanwhile (a redelivery, another instance) without recomputing or rewriting it', async () => {
    const corrected = { app: 'x', title: 'corrected' };
    const { service, modelCalls, writes } = setup({
      predict: () => prediction('work:office', 0.9),
      stored: [{ _id: answerKey(corrected), categoryId: 'learning:courses', source: 'llm', confidence: 0.8, rulesetVersion: 3, updatedAt: new Date(0) }],
    });
    const [events] = await service.inferEnvelopes([[event('x', 'corrected'), event('x', 'new')]]);
    expect(events.map((e) => e.classification.source)).toEqual(['llm', 'model']);
    expect(events[0].classification.categoryId).toBe('learning:courses');
    expect(modelCalls[0].map((q) => q.title)).toEqual(['new']);
    expect(writes[0].map((a) => a.title)).toEqual(['new']);
  });

  it("stores an LLM answer of uncategorized, which keeps its question from the model and the LLM under its ruleset version only", async () => {
    const older = { app: 'x', title: 'older version' };
    const current = { app: 'x', title: 'this version' };
    const fallback = (question: { app: string; title: string }, rulesetVersion: number) => ({
      _id: answerKey(question), categoryId: 'uncategorized', source: 'llm' as const, confidence: 0.7, rulesetVersion, updatedAt: new Date(0),
    });
    const { service, llmQuestions, modelCalls, writes } = setup({
      predict: () => prediction('work:office', 0.3),
      llm: () => ({ categoryId: 'uncategorized', confidence: 0.7 }),
      stored: [fallback(older, 6), fallback(current, 7)],
    });
    const [events] = await service.inferEnvelopes([[event('x', 'older version'), event('x', 'this version'), event('x', 'new')]]);
    expect(events.map((e) => [e.classification.source, e.classification.categoryId])).toEqual(Array(3).fill(['llm', 'uncategorized']));
    expect(modelCalls[0].map((q) => q.title)).toEqual(['older version', 'new']);
    expect(llmQuestions.sort()).toEqual(['new', 'older version']);
    expect(writes[0].map((a) => [a.title, a.categoryId, a.source, a.rulesetVersion])).toEqual([
      ['older version', 'uncategorized', 'llm', 7],
      ['new', 'uncategorized', 'llm', 7],
    ]);
  });

  it('falls back to the next label the live taxonomy knows, or to uncategorized (not stored)', async () => {
    const { service, writes } = setup({ predict: (q) => (q.title === 'next' ? prediction('entertainment:games', 0.7, 'entertainment:video') : prediction('entertainment:games', 0.7, 'gone')) });
    const [events] = await service.inferEnvelopes([[event('x', 'next'), event('x', 'none')]]);
    expect(events.map((e) => [e.classification.source, e.classification.categoryId])).toEqual([
      ['model', 'entertainment:video'],
      ['fallback', 'uncategorized'],
    ]);
    expect(writes[0].map((a) => a.title)).toEqual(['next']);
  });
});
