/**
 * @jest-environment <rootDir>/libs/text-model/test/onnx-jest-environment.js
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DEFAULT_METADATA_PATH,
  DEFAULT_MODEL_PATH,
  MODEL_FILE,
  TAXONOMY_LABELS,
  TextModelInput,
  TextModelMetadata,
  TextModelRunner,
  decodeOnnxModel,
  modelSessionOptions,
  resolveRepoRoot,
} from '@lib/text-model';

/*
 * The model committed in models/ must load from the default paths and classify obvious records of
 * apps and sites that appear nowhere in the training data.
 */
describe('committed model', () => {
  let runner: TextModelRunner;
  beforeAll(async () => {
    runner = await TextModelRunner.load(DEFAULT_MODEL_PATH, DEFAULT_METADATA_PATH);
  });
  afterAll(() => runner?.release());

  it('resolves the repository root from the sources and from the compiled layout (dist/libs/text-model/src)', () => {
    const root = dirname(dirname(DEFAULT_MODEL_PATH));
    expect(DEFAULT_MODEL_PATH).toBe(join(root, MODEL_FILE));
    expect(resolveRepoRoot(join(root, 'libs', 'text-model', 'src'))).toBe(root);
    expect(resolveRepoRoot(join(root, 'dist', 'libs', 'text-model', 'src'))).toBe(root);
  });

  it('is found from the sources via the default paths, is small, and its metadata is consistent', () => {
    expect(existsSync(DEFAULT_MODEL_PATH)).toBe(true);
    expect(DEFAULT_MODEL_PATH.endsWith('models/activity-classifier.onnx')).toBe(true);
    expect(statSync(DEFAULT_MODEL_PATH).size).toBeLessThan(10 * 1024 * 1024);
    const meta: TextModelMetadata = runner.metadata;
    expect(meta.labels.length).toBeGreaterThanOrEqual(15);
    expect(meta.labels.every((l) => (TAXONOMY_LABELS as readonly string[]).includes(l))).toBe(true);
    expect(meta.version).toMatch(/^tm-[0-9a-f]{12}$/);
    expect(meta.metrics.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(meta.metrics.testSize).toBeGreaterThan(1000);
    const onnx = decodeOnnxModel(readFileSync(DEFAULT_MODEL_PATH)) as { metadata_props: Array<{ key: string; value: string }> };
    expect(onnx.metadata_props.find((p) => p.key === 'version')?.value).toBe(meta.version);
    expect(JSON.parse(onnx.metadata_props.find((p) => p.key === 'labels')!.value)).toEqual(meta.labels);
  });

  // None of these app names or hosts occurs in data/training (checked below).
  const unseen: Array<[TextModelInput, string]> = [
    [{ app: 'HyperIDE.exe', title: 'orders.service.ts - shop-api - HyperIDE' }, 'work:programming'],
    [{ app: 'NovaEdit', title: 'main.rs — ray-tracer' }, 'work:programming'],
    [{ app: 'chrome.exe', title: 'Inbox (12) - maria@example.org - Mailoo', url: 'https://mail.mailoo.net/inbox' }, 'communication:email'],
    [{ app: 'firefox.exe', title: 'Buy Sony WH-1000XM5 Wireless Headphones – €299.00 | TechMarkt', url: 'https://www.techmarkt.example/product/123' }, 'shopping'],
    [{ app: 'Google Chrome', title: 'Lecture 4: Linear Regression - Machine Learning | LearnHub', url: 'https://learnhub.example/courses/ml/lecture/4' }, 'learning:courses'],
    [{ app: 'msedge.exe', title: 'Watch Breaking Bad S2E3 | StreamFlix', url: 'https://streamflix.example/watch/123' }, 'entertainment:video'],
    [{ app: 'Safari', title: 'Accounts overview | Northbank Online Banking', url: 'https://online.northbank.example/accounts' }, 'personal:finance'],
    [{ app: 'SuperMeet.exe', title: 'Sprint planning - SuperMeet Meeting' }, 'communication:meetings'],
    [{ app: 'chrome', title: 'Fed raises rates as markets tumble | Daily Planet', url: 'https://dailyplanet.example/news/fed' }, 'entertainment:news'],
    [{ app: 'Quill.exe', title: 'Chapter 3 - Thesis draft.docx - Quill' }, 'work:writing'],
  ];

  it('uses apps and hosts that the training data never contains', () => {
    const data = readFileSync(DEFAULT_MODEL_PATH.replace(/models[/\\]activity-classifier\.onnx$/, 'data/training/examples.jsonl'), 'utf8').toLowerCase();
    for (const [input] of unseen) {
      for (const name of ['hyperide', 'novaedit', 'mailoo', 'techmarkt', 'learnhub', 'streamflix', 'northbank', 'supermeet', 'daily planet', 'quill']) {
        if (`${input.app} ${input.title} ${input.url ?? ''}`.toLowerCase().includes(name)) expect(data.includes(name)).toBe(false);
      }
    }
  });

  it('classifies obvious records of unseen apps and sites', async () => {
    const predictions = await runner.predictBatch(unseen.map(([input]) => input));
    const got = predictions.map((p) => p.categoryId);
    expect(got).toEqual(unseen.map(([, label]) => label));
    for (const p of predictions) {
      expect(p.confidence).toBeGreaterThan(0.5);
      expect(p.alternatives).toHaveLength(3);
      expect(p.alternatives[1].confidence).toBeLessThanOrEqual(p.confidence);
    }
  });

  it('answers the same with one onnxruntime thread (INFERENCE_THREADS=1) as with its default pool', async () => {
    expect(modelSessionOptions(0)).toEqual({});
    const oneThread = await TextModelRunner.load(DEFAULT_MODEL_PATH, DEFAULT_METADATA_PATH, modelSessionOptions(1));
    try {
      const inputs = unseen.map(([input]) => input);
      const [single, pooled] = [await oneThread.probabilities(inputs), await runner.probabilities(inputs)];
      expect(single.length).toBe(pooled.length);
      single.forEach((p, i) => expect(p).toBeCloseTo(pooled[i], 5));
    } finally {
      await oneThread.release();
    }
  });
});
