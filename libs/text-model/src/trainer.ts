import { mulberry32, shuffleInPlace } from './dataset';
import { SparseFeatures } from './featurize';

/*
 * Multinomial logistic regression over sparse hashed features, trained with mini-batch Adam.
 * Adam is "lazy" (as TensorFlow's LazyAdam): only the weight rows of buckets present in the
 * mini-batch are updated, so a step costs O(batch nnz x classes) instead of O(D x classes).
 * L2 is added to the gradient of the touched rows.
 */

export interface Dataset {
  x: SparseFeatures[];
  /** Class index per example. */
  y: Int32Array;
}

export interface TrainOptions {
  numBuckets: number;
  numClasses: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  seed: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export interface EpochStats {
  epoch: number;
  trainLoss: number;
  valLoss?: number;
  valAccuracy?: number;
}

/** W [D, C] row-major and b [C]. */
export class SoftmaxRegression {
  readonly weights: Float32Array;
  readonly bias: Float32Array;

  constructor(
    readonly numBuckets: number,
    readonly numClasses: number,
  ) {
    this.weights = new Float32Array(numBuckets * numClasses);
    this.bias = new Float32Array(numClasses);
  }

  /** Softmax probabilities of one example into `out` (length C); returns `out`. */
  probabilities(x: SparseFeatures, out: Float64Array = new Float64Array(this.numClasses)): Float64Array {
    const C = this.numClasses;
    const W = this.weights;
    for (let c = 0; c < C; c++) out[c] = this.bias[c];
    for (let k = 0; k < x.indices.length; k++) {
      const base = x.indices[k] * C;
      const v = x.values[k];
      for (let c = 0; c < C; c++) out[c] += v * W[base + c];
    }
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (out[c] > max) max = out[c];
    let sum = 0;
    for (let c = 0; c < C; c++) {
      out[c] = Math.exp(out[c] - max);
      sum += out[c];
    }
    for (let c = 0; c < C; c++) out[c] /= sum;
    return out;
  }

  /** Arg-max class and mean cross-entropy over a dataset. */
  evaluate(data: Dataset): { predicted: Int32Array; loss: number; accuracy: number } {
    const p = new Float64Array(this.numClasses);
    const predicted = new Int32Array(data.x.length);
    let loss = 0;
    let correct = 0;
    for (let i = 0; i < data.x.length; i++) {
      this.probabilities(data.x[i], p);
      let best = 0;
      for (let c = 1; c < this.numClasses; c++) if (p[c] > p[best]) best = c;
      predicted[i] = best;
      if (best === data.y[i]) correct++;
      loss -= Math.log(Math.max(p[data.y[i]], 1e-12));
    }
    const n = Math.max(1, data.x.length);
    return { predicted, loss: loss / n, accuracy: correct / n };
  }

  clone(): SoftmaxRegression {
    const copy = new SoftmaxRegression(this.numBuckets, this.numClasses);
    copy.weights.set(this.weights);
    copy.bias.set(this.bias);
    return copy;
  }
}

/** Optimizer state for one model; `epoch()` runs one shuffled pass over the data. */
export class AdamTrainer {
  readonly model: SoftmaxRegression;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly mb: Float64Array;
  private readonly vb: Float64Array;
  private readonly grad: Float64Array;
  private readonly gradBias: Float64Array;
  private readonly touched: Int32Array;
  private readonly mark: Uint8Array;
  private step = 0;
  private readonly random: () => number;

  constructor(private readonly options: TrainOptions) {
    const { numBuckets: D, numClasses: C } = options;
    this.model = new SoftmaxRegression(D, C);
    this.m = new Float32Array(D * C);
    this.v = new Float32Array(D * C);
    this.mb = new Float64Array(C);
    this.vb = new Float64Array(C);
    this.grad = new Float64Array(D * C);
    this.gradBias = new Float64Array(C);
    this.touched = new Int32Array(D);
    this.mark = new Uint8Array(D);
    this.random = mulberry32(options.seed);
  }

  /** Number of mini-batches per epoch for `n` examples. */
  batchesPerEpoch(n: number): number {
    return Math.ceil(n / this.options.batchSize);
  }

  /** One epoch; returns the mean training loss. `onBatch` is called after every mini-batch. */
  epoch(data: Dataset, onBatch?: () => void): number {
    const order = shuffleInPlace(Array.from({ length: data.x.length }, (_, i) => i), this.random);
    const { batchSize } = this.options;
    let loss = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      loss += this.batch(data, order, start, Math.min(order.length, start + batchSize));
      onBatch?.();
    }
    return loss / Math.max(1, order.length);
  }

  private batch(data: Dataset, order: number[], from: number, to: number): number {
    const { numClasses: C, learningRate, l2 } = this.options;
    const beta1 = this.options.beta1 ?? 0.9;
    const beta2 = this.options.beta2 ?? 0.999;
    const eps = this.options.epsilon ?? 1e-8;
    const { model, grad, gradBias, touched, mark } = this;
    const W = model.weights;
    const p = new Float64Array(C);
    let nTouched = 0;
    let loss = 0;
    gradBias.fill(0);
    for (let j = from; j < to; j++) {
      const i = order[j];
      const y = data.y[i];
      const x = data.x[i];
      model.probabilities(x, p);
      loss -= Math.log(Math.max(p[y], 1e-12));
      p[y] -= 1; // dLoss/dlogits
      for (let c = 0; c < C; c++) gradBias[c] += p[c];
      for (let k = 0; k < x.indices.length; k++) {
        const row = x.indices[k];
        if (mark[row] === 0) {
          mark[row] = 1;
          touched[nTouched++] = row;
        }
        const base = row * C;
        const v = x.values[k];
        for (let c = 0; c < C; c++) grad[base + c] += v * p[c];
      }
    }
    this.step++;
    const scale = 1 / (to - from);
    const lr = (learningRate * Math.sqrt(1 - beta2 ** this.step)) / (1 - beta1 ** this.step);
    const { m, v } = this;
    for (let t = 0; t < nTouched; t++) {
      const row = touched[t];
      mark[row] = 0;
      const base = row * C;
      for (let c = 0; c < C; c++) {
        const idx = base + c;
        const g = grad[idx] * scale + l2 * W[idx];
        grad[idx] = 0;
        m[idx] = beta1 * m[idx] + (1 - beta1) * g;
        v[idx] = beta2 * v[idx] + (1 - beta2) * g * g;
        W[idx] -= (lr * m[idx]) / (Math.sqrt(v[idx]) + eps);
      }
    }
    for (let c = 0; c < C; c++) {
      const g = gradBias[c] * scale;
      this.mb[c] = beta1 * this.mb[c] + (1 - beta1) * g;
      this.vb[c] = beta2 * this.vb[c] + (1 - beta2) * g * g;
      model.bias[c] -= (lr * this.mb[c]) / (Math.sqrt(this.vb[c]) + eps);
    }
    return loss;
  }
}

export interface FitOptions extends TrainOptions {
  maxEpochs: number;
  /** Stop after this many epochs without a better validation score. */
  patience: number;
  onBatch?: () => void;
  onEpoch?: (stats: EpochStats) => void;
}

/**
 * Trains with early stopping on `val` (best validation accuracy, ties broken by lower loss) and
 * returns the best model seen and its epoch.
 */
export function fitWithEarlyStopping(train: Dataset, val: Dataset, options: FitOptions): { model: SoftmaxRegression; bestEpoch: number; history: EpochStats[] } {
  const trainer = new AdamTrainer(options);
  const history: EpochStats[] = [];
  let best: { model: SoftmaxRegression; epoch: number; accuracy: number; loss: number } | undefined;
  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    const trainLoss = trainer.epoch(train, options.onBatch);
    const { loss, accuracy } = trainer.model.evaluate(val);
    const stats = { epoch, trainLoss, valLoss: loss, valAccuracy: accuracy };
    history.push(stats);
    options.onEpoch?.(stats);
    if (!best || accuracy > best.accuracy + 1e-9 || (Math.abs(accuracy - best.accuracy) <= 1e-9 && loss < best.loss)) {
      best = { model: trainer.model.clone(), epoch, accuracy, loss };
    } else if (epoch - best.epoch >= options.patience) {
      break;
    }
  }
  return { model: best!.model, bestEpoch: best!.epoch, history };
}

/** Trains for a fixed number of epochs (the refit on all training data after early stopping). */
export function fitEpochs(train: Dataset, epochs: number, options: TrainOptions & { onBatch?: () => void; onEpoch?: (stats: EpochStats) => void }): SoftmaxRegression {
  const trainer = new AdamTrainer(options);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const trainLoss = trainer.epoch(train, options.onBatch);
    options.onEpoch?.({ epoch, trainLoss });
  }
  return trainer.model;
}
