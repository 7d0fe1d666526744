/**
 * @jest-environment <rootDir>/libs/text-model/test/onnx-jest-environment.js
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  DEFAULT_FEATURE_CONFIG,
  ONNX_IR_VERSION,
  ONNX_OPSET,
  TextModelMetadata,
  TextModelRunner,
  buildLinearSoftmaxOnnx,
  decodeOnnxModel,
  featurize,
  packBatch,
  topK,
} from '@lib/text-model';

// A tiny model with known weights: D = 4 buckets, C = 3 classes; W[d][c] row-major.
const D = 4;
const C = 3;
const W = [
  [1, 0, 0],
  [0, 2, 0],
  [0, 0, 3],
  [-1, 1, 0.5],
];
const b = [0.1, -0.2, 0.3];

/** Softmax(b + sum_k v_k W[i_k]) computed by hand, padding (index D) contributing nothing. */
function reference(indices: number[], values: number[]): number[] {
  const z = [...b];
  indices.forEach((i, k) => {
    if (i < D) for (let c = 0; c < C; c++) z[c] += values[k] * W[i][c];
  });
  const max = Math.max(...z);
  const e = z.map((x) => Math.exp(x - max));
  const s = e.reduce((a, x) => a + x, 0);
  return e.map((x) => x / s);
}

describe('ONNX linear softmax graph', () => {
  let dir: string;
  let modelPath: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'text-model-onnx-'));
    modelPath = join(dir, 'tiny.onnx');
    writeFileSync(modelPath, buildLinearSoftmaxOnnx({ numBuckets: D, numClasses: C, weights: Float32Array.from(W.flat()), bias: Float32Array.from(b), metadata: { version: 'test' } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a ModelProto with opset 13, IR 8 and the expected nodes', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const model = decodeOnnxModel(readFileSync(modelPath)) as {
      ir_version: number;
      opset_import: Array<{ version: number }>;
      graph: { node: Array<{ op_type: string }>; initializer: Array<{ name: string; dims: number[] }>; input: Array<{ name: string }>; output: Array<{ name: string }> };
      metadata_props: Array<{ key: string; value: string }>;
    };
    expect(model.ir_version).toBe(ONNX_IR_VERSION);
    expect(model.opset_import[0].version).toBe(ONNX_OPSET);
    expect(model.graph.node.map((n) => n.op_type)).toEqual(['Gather', 'Unsqueeze', 'MatMul', 'Squeeze', 'Add', 'Softmax']);
    expect(model.graph.input.map((i) => i.name)).toEqual(['indices', 'values']);
    expect(model.graph.output.map((o) => o.name)).toEqual(['probabilities']);
    expect(model.graph.initializer.find((t) => t.name === 'W')?.dims).toEqual([D + 1, C]); // + the zero padding row
    expect(model.metadata_props).toEqual([{ key: 'version', value: 'test' }]);
  });

  it('gives the probabilities of a hand computation through onnxruntime-node', async () => {
    const session = await ort.InferenceSession.create(modelPath);
    const rows = [
      { indices: [0, 2, D], values: [0.5, 0.25, 0] },
      { indices: [1, D, D], values: [1, 0, 0] },
      { indices: [3, 0, 1], values: [0.6, 0.8, -0.4] },
      { indices: [D, D, D], values: [0, 0, 0] }, // empty row: softmax(b)
    ];
    const out = await session.run({
      indices: new ort.Tensor('int32', Int32Array.from(rows.flatMap((r) => r.indices)), [rows.length, 3]),
      values: new ort.Tensor('float32', Float32Array.from(rows.flatMap((r) => r.values)), [rows.length, 3]),
    });
    const probs = out.probabilities;
    expect(probs.dims).toEqual([rows.length, C]);
    rows.forEach((r, n) => {
      const expected = reference(r.indices, r.values);
      for (let c = 0; c < C; c++) expect((probs.data as Float32Array)[n * C + c]).toBeCloseTo(expected[c], 6);
    });
    // The padding row really is zero: padding with index D or with value 0 changes nothing.
    const padded = await session.run({
      indices: new ort.Tensor('int32', Int32Array.from([1, D, D, D]), [1, 4]),
      values: new ort.Tensor('float32', Float32Array.from([1, 5, 5, 5]), [1, 4]),
    });
    expect(Array.from(padded.probabilities.data as Float32Array).map((x) => +x.toFixed(6))).toEqual(reference([1], [1]).map((x) => +x.toFixed(6)));
    await session.release();
  });

  it('rejects weights or biases of the wrong size', () => {
    expect(() => buildLinearSoftmaxOnnx({ numBuckets: D, numClasses: C, weights: new Float32Array(5), bias: new Float32Array(C) })).toThrow(/weights/);
    expect(() => buildLinearSoftmaxOnnx({ numBuckets: D, numClasses: C, weights: new Float32Array(D * C), bias: new Float32Array(2) })).toThrow(/bias/);
  });
});

describe('TextModelRunner', () => {
  let dir: string;
  let runner: TextModelRunner;
  const labels = ['a', 'b', 'c'];
  // Real featurizer, random-but-fixed weights over the real bucket space.
  const config = { ...DEFAULT_FEATURE_CONFIG, numBuckets: 1024 };
  const weights = Float32Array.from({ length: config.numBuckets * labels.length }, (_, i) => Math.sin(i * 12.9898) * 2);
  const bias = Float32Array.from([0, 0.5, -0.5]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'text-model-runner-'));
    writeFileSync(join(dir, 'm.onnx'), buildLinearSoftmaxOnnx({ numBuckets: config.numBuckets, numClasses: labels.length, weights, bias }));
    const meta: TextModelMetadata = { labels, featureConfig: config, metrics: { accuracy: 1, macroF1: 1, trainSize: 1, testSize: 1 }, trainedAt: new Date(0).toISOString(), version: 'tm-test' };
    writeFileSync(join(dir, 'm.meta.json'), JSON.stringify(meta));
    runner = await TextModelRunner.load(join(dir, 'm.onnx'), join(dir, 'm.meta.json'));
  });
  afterAll(async () => {
    await runner.release();
    rmSync(dir, { recursive: true, force: true });
  });

  const inputs = [
    { app: 'Code.exe', title: 'main.rs - myproject - Visual Studio Code' },
    { app: 'chrome.exe', title: 'Inbox (3) - Gmail', url: 'https://mail.google.com/mail/u/0/' },
    { app: 'Spotify', title: '' },
  ];

  it('runs a whole batch with ONE session.run and matches the in-process computation', async () => {
    const session = (runner as unknown as { session: ort.InferenceSession }).session;
    const run = jest.spyOn(session, 'run');
    const predictions = await runner.predictBatch(inputs);
    expect(run).toHaveBeenCalledTimes(1);
    run.mockRestore();

    expect(predictions).toHaveLength(inputs.length);
    inputs.forEach((input, n) => {
      const f = featurize(input, config);
      const z = [...bias];
      f.indices.forEach((i, k) => {
        for (let c = 0; c < labels.length; c++) z[c] += f.values[k] * weights[i * labels.length + c];
      });
      const e = z.map((x) => Math.exp(x - Math.max(...z)));
      const p = e.map((x) => x / e.reduce((s, y) => s + y, 0));
      const best = p.indexOf(Math.max(...p));
      expect(predictions[n].categoryId).toBe(labels[best]);
      expect(predictions[n].confidence).toBeCloseTo(p[best], 5);
      expect(predictions[n].alternatives.map((a) => a.categoryId)).toEqual([...labels].sort((x, y) => p[labels.indexOf(y)] - p[labels.indexOf(x)]));
      expect(predictions[n].alternatives[0]).toEqual({ categoryId: predictions[n].categoryId, confidence: predictions[n].confidence });
    });
  });

  it('returns [] for an empty batch without calling onnxruntime', async () => {
    const session = (runner as unknown as { session: ort.InferenceSession }).session;
    const run = jest.spyOn(session, 'run');
    await expect(runner.predictBatch([])).resolves.toEqual([]);
    expect(run).not.toHaveBeenCalled();
    run.mockRestore();
  });

  it('refuses metadata whose labels do not match the model outputs', async () => {
    const meta = { labels: ['a', 'b'], featureConfig: config, metrics: { accuracy: 0, macroF1: 0, trainSize: 0, testSize: 0 }, trainedAt: '', version: 'x' };
    writeFileSync(join(dir, 'bad.meta.json'), JSON.stringify(meta));
    const bad = await TextModelRunner.load(join(dir, 'm.onnx'), join(dir, 'bad.meta.json'));
    await expect(bad.predictBatch(inputs)).rejects.toThrow(/expected \[3, 2\]/);
    await bad.release();
  });
});

/**
 * model:train writes the model and its metadata in two renames; a crash between them left the new
 * model beside the old metadata (labels, feature config), which loaded without a word and
 * classified with another model's labels. The two name their training's version: they must agree.
 */
describe('TextModelRunner.load with a model and metadata of two trainings', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'text-model-pair-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the pair, naming both files, both versions and what to do', async () => {
    const config = { ...DEFAULT_FEATURE_CONFIG, numBuckets: 64 };
    const model = join(dir, 'm.onnx');
    const metadata = join(dir, 'm.meta.json');
    writeFileSync(model, buildLinearSoftmaxOnnx({ numBuckets: 64, numClasses: 2, weights: new Float32Array(128), bias: new Float32Array(2), metadata: { version: 'tm-new' } }));
    const meta: TextModelMetadata = { labels: ['a', 'b'], featureConfig: config, metrics: { accuracy: 1, macroF1: 1, trainSize: 1, testSize: 1 }, trainedAt: new Date(0).toISOString(), version: 'tm-old' };
    writeFileSync(metadata, JSON.stringify(meta));
    await expect(TextModelRunner.load(model, metadata)).rejects.toThrow(
      `${model} is version tm-new but ${metadata} describes version tm-old: the two files are from different trainings (a model write cut between them?); train again (npm run model:train) or restore both`,
    );
    writeFileSync(metadata, JSON.stringify({ ...meta, version: 'tm-new' }));
    await (await TextModelRunner.load(model, metadata)).release();
  });
});

describe('packBatch and topK', () => {
  it('pads to the longest row with the zero-row index and value 0', () => {
    const packed = packBatch(
      [
        { indices: Int32Array.from([3, 7]), values: Float32Array.from([0.6, 0.8]) },
        { indices: Int32Array.from([5]), values: Float32Array.from([1]) },
        { indices: new Int32Array(0), values: new Float32Array(0) },
      ],
      10,
    );
    expect(packed.k).toBe(2);
    expect(Array.from(packed.indices)).toEqual([3, 7, 5, 10, 10, 10]);
    expect(Array.from(packed.values)).toEqual([Math.fround(0.6), Math.fround(0.8), 1, 0, 0, 0]);
  });

  it('returns the k best of a row, best first, lower index first on ties', () => {
    const probs = Float32Array.from([9, 9, 0.1, 0.5, 0.2, 0.5, 0.3, 9, 9]);
    expect(topK(probs, 2, 5, 3).map(([c]) => c)).toEqual([1, 3, 4]);
    expect(topK([0.2, 0.2, 0.6], 0, 3, 2)).toEqual([[2, 0.6], [0, 0.2]]);
    expect(topK([1], 0, 1, 3)).toEqual([[0, 1]]);
  });
});
