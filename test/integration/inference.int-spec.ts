/**
 * @jest-environment <rootDir>/libs/text-model/test/onnx-jest-environment.js
 */
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { answerKey } from '@lib/contracts';
import { PipelineMetrics } from '@lib/observability';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { http } from '../support/http';
import { testConfig, waitFor } from '../support/test-config';

/** Events no rule knows go through our text model; its answers become known answers. */
describe('inference: the text model', () => {
  let pipeline: RunningPipeline;
  let key: string;
  let mongo: Connection;
  const taxonomyIds = DEFAULT_TAXONOMY.map((c) => c.id);
  const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();

  async function post(eventId: string, event: { app: string; title?: string; url?: string }) {
    const posted = await http('POST', `${pipeline.url}/v1/events`, { key, body: { events: [{ userId: 'ivy', startedAt: anHourAgo, durationSec: 60, ...event, eventId }] } });
    expect(posted.status).toBe(202);
    return waitFor(async () => mongo.collection('usage_logs').findOne({ _id: eventId as never }), `stored event ${eventId}`);
  }

  beforeAll(async () => {
    // No LLM configured: the model's answer is final whatever its confidence.
    pipeline = await startPipeline(testConfig(), ['gateway', 'ingestion', 'classification', 'inference', 'leaderboard']);
    key = await createApiKey(pipeline.apps.gateway!, ['ingest', 'admin']);
    mongo = pipeline.apps.leaderboard!.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('answers an unknown app with the model, stores the answer, and classification then answers from it (cache)', async () => {
    // (`refactor billing.ts - TypeScript` would match the source-file title rule.)
    const question = { app: 'acme-secret-ide', title: 'refactor billing module' };
    const classify = await http('POST', `${pipeline.url}/v1/classify`, { key, body: { items: [question] } });
    expect(classify.body.results[0].source).toBe('none');

    const first = await post('inference-evt-1', question);
    expect(first!.classification).toMatchObject({ source: 'model', rulesetVersion: expect.any(Number) });
    const { categoryId } = first!;
    const { confidence } = first!.classification;
    expect(taxonomyIds).toContain(categoryId);
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThanOrEqual(1);
    expect(first!.boards).toEqual(expect.arrayContaining([categoryId, 'total']));

    const answer = await mongo.collection('classification_answers').findOne({ _id: answerKey(question) as never });
    expect(answer).toMatchObject({ categoryId, source: 'model', confidence, rulesetVersion: first!.classification.rulesetVersion, sample: question });

    const inferenceRuns = (await pipeline.apps.inference!.get(PipelineMetrics).modelInferenceSeconds.get()).values.find((v) => v.metricName === 'ap_model_inference_seconds_count')?.value;
    expect(inferenceRuns).toBeGreaterThanOrEqual(1);

    // Another spelling of the same question: classification knows it now.
    const second = await post('inference-evt-2', { app: 'Acme-Secret-IDE.exe', title: 'Refactor  billing module' });
    expect(second).toMatchObject({ categoryId, classification: { source: 'cache', confidence } });
    expect(second!.boards).toEqual(first!.boards);
  });

  it('counts an event it answers on the boards of the taxonomy as the API last answered it', async () => {
    const question = { app: 'quillmark-studio', title: 'quarterly ledger draft' };
    const first = await post('inference-taxonomy-1', question);
    const { categoryId } = first!;
    const category = (await http('GET', `${pipeline.url}/v1/categories`, { key })).body.items.find((c: { id: string }) => c.id === categoryId);
    // Asked afresh (no stored answer), the model gives the same answer under the changed flag.
    await mongo.collection('classification_answers').deleteOne({ _id: answerKey(question) as never });
    const patched = await http('PATCH', `${pipeline.url}/v1/categories/${encodeURIComponent(categoryId)}`, { key, body: { productive: !category.productive } });
    expect(patched.status).toBe(200);

    const second = await post('inference-taxonomy-2', question);
    expect(second).toMatchObject({ categoryId, classification: { source: 'model', rulesetVersion: patched.body.rulesetVersion } });
    expect(second!.boards.includes('productive')).toBe(!category.productive);
  });

  it('answers identical questions of one request once and classifies every event', async () => {
    const question = { app: 'zorbix-notes', title: 'meeting notes draft' };
    const events = [1, 2, 3].map((n) => ({ userId: 'ivy', startedAt: anHourAgo, durationSec: 30, ...question, eventId: `inference-dup-${n}` }));
    const posted = await http('POST', `${pipeline.url}/v1/events`, { key, body: { events } });
    expect(posted.status).toBe(202);
    const stored = await waitFor(async () => {
      const docs = await mongo.collection('usage_logs').find({ _id: { $in: events.map((e) => e.eventId) as never[] } }).toArray();
      return docs.length === 3 && docs;
    }, 'three stored events');
    expect(new Set(stored.map((d) => `${d.classification.source}:${d.categoryId}`)).size).toBe(1);
    expect(stored[0].classification.source).toBe('model');
    expect(await mongo.collection('classification_answers').countDocuments({ _id: answerKey(question) as never })).toBe(1);
  });
});
