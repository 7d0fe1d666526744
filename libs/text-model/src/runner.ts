import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { featurize, SparseFeatures } from './featurize';
import { ONNX_INPUT_INDICES, ONNX_INPUT_VALUES, ONNX_OUTPUT, onnxMetadataProps } from './onnx-model';
import { TextModelInput, TextModelMetadata, TextModelPrediction } from './types';

const TOP_K = 3;

/**
 * Packs sparse vectors into the model's padded [N, K] inputs, K = the largest vector in the batch
 * (at least 1). Padding uses bucket `numBuckets`, the all-zero row, with value 0.
 */
export function packBatch(features: SparseFeatures[], numBuckets: number): { indices: Int32Array; values: Float32Array; k: number } {
  let k = 1;
  for (const f of features) if (f.indices.length > k) k = f.indices.length;
  const indices = new Int32Array(features.length * k).fill(numBuckets);
  const values = new Float32Array(features.length * k);
  for (let i = 0; i < features.length; i++) {
    indices.set(features[i].indices, i * k);
    values.set(features[i].values, i * k);
  }
  return { indices, values, k };
}

/** Top-k (index, probability) of one row, best first; ties keep the lower label index first. */
export function topK(probs: Float32Array | number[], offset: number, width: number, k: number): Array<[number, number]> {
  const best: Array<[number, number]> = [];
  for (let c = 0; c < width; c++) {
    const p = probs[offset + c];
    if (best.length < k || p > best[best.length - 1][1]) {
      let pos = best.length < k ? best.length : k - 1;
      if (best.length < k) best.push([c, p]);
      else best[pos] = [c, p];
      while (pos > 0 && best[pos - 1][1] < best[pos][1]) {
        [best[pos - 1], best[pos]] = [best[pos], best[pos - 1]];
        pos--;
      }
    }
  }
  return best;
}

/**
 * Session options for `threads` intra-op threads (0: onnxruntime's default, one per core). The
 * pipeline runs one: with its default pool on 2 cores, a second thread spun while the batch ran
 * and the same work cost twice the CPU at the same rate (`npm run bench:model`, docs/classification.md).
 */
export function modelSessionOptions(threads: number): ort.InferenceSession.SessionOptions {
  return threads > 0 ? { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' } : {};
}

/** Loads the ONNX classifier and runs batches of activity records through it. */
export class TextModelRunner {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly metadata: TextModelMetadata,
  ) {}

  static async load(modelPath: string, metadataPath: string, options: ort.InferenceSession.SessionOptions = {}): Promise<TextModelRunner> {
    const metadata = JSON.parse(await readFile(metadataPath, 'utf8')) as TextModelMetadata;
    if (!Array.isArray(metadata.labels) || metadata.labels.length === 0) throw new Error(`${metadataPath}: metadata has no labels`);
    if (!metadata.featureConfig || !(metadata.featureConfig.numBuckets > 0)) throw new Error(`${metadataPath}: metadata has no featureConfig`);
    const bytes = await readFile(modelPath);
    // model:train renames the two files one after the other: a crash between left a new model beside the old metadata's labels.
    // A file that is no ONNX model at all is left to onnxruntime, whose reason says so.
    const modelVersion = ((): string | undefined => {
      try {
        return onnxMetadataProps(bytes).version;
      } catch {
        return undefined;
      }
    })();
    if (modelVersion !== undefined && modelVersion !== metadata.version) {
      throw new Error(
        `${modelPath} is version ${modelVersion} but ${metadataPath} describes version ${metadata.version}: the two files are from different trainings ` +
          '(a model write cut between them?); train again (npm run model:train) or restore both',
      );
    }
    const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all', ...options });
    for (const name of [ONNX_INPUT_INDICES, ONNX_INPUT_VALUES]) {
      if (!session.inputNames.includes(name)) throw new Error(`${modelPath}: model has no input "${name}" (inputs: ${session.inputNames.join(', ')})`);
    }
    if (!session.outputNames.includes(ONNX_OUTPUT)) throw new Error(`${modelPath}: model has no output "${ONNX_OUTPUT}"`);
    return new TextModelRunner(session, metadata);
  }

  /** Class probabilities [N, C] (row-major) for a batch: one session.run. */
  async probabilities(inputs: TextModelInput[]): Promise<Float32Array> {
    const C = this.metadata.labels.length;
    if (inputs.length === 0) return new Float32Array(0);
    const config = this.metadata.featureConfig;
    const { indices, values, k } = packBatch(
      inputs.map((input) => featurize(input, config)),
      config.numBuckets,
    );
    const dims = [inputs.length, k];
    const result = await this.session.run(
      { [ONNX_INPUT_INDICES]: new ort.Tensor('int32', indices, dims), [ONNX_INPUT_VALUES]: new ort.Tensor('float32', values, dims) },
      [ONNX_OUTPUT],
    );
    const out = result[ONNX_OUTPUT];
    if (out.dims.length !== 2 || out.dims[0] !== inputs.length || out.dims[1] !== C) {
      throw new Error(`model output has shape [${out.dims.join(', ')}], expected [${inputs.length}, ${C}] (labels in metadata: ${C})`);
    }
    return out.data as Float32Array;
  }

  /** Classifies a batch with ONE session.run; results are in input order. */
  async predictBatch(inputs: TextModelInput[]): Promise<TextModelPrediction[]> {
    const probs = await this.probabilities(inputs);
    const labels = this.metadata.labels;
    const C = labels.length;
    const out: TextModelPrediction[] = new Array(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const alternatives = topK(probs, i * C, C, TOP_K).map(([c, p]) => ({ categoryId: labels[c], confidence: p }));
      out[i] = { categoryId: alternatives[0].categoryId, confidence: alternatives[0].confidence, alternatives };
    }
    return out;
  }

  async predict(input: TextModelInput): Promise<TextModelPrediction> {
    return (await this.predictBatch([input]))[0];
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
