import { AdamTrainer, Dataset, SoftmaxRegression, fitEpochs, fitWithEarlyStopping, featurize } from '@lib/text-model';

const config = { numBuckets: 1 << 12 };
const texts: Array<[string, number]> = [
  ['main.rs - api - Code', 0], ['index.ts - web - Code', 0], ['server.go - backend - Code', 0], ['utils.py - ml - Code', 0],
  ['Inbox - anna@example.com - Mail', 1], ['Re: budget - Mail', 1], ['Sent Items - Mail', 1], ['Inbox (3) - Mail', 1],
  ['Buy headphones - Shop', 2], ['Cart - Shop', 2], ['Checkout - Shop', 2], ['Buy a sofa - Shop', 2],
];

function dataset(): Dataset {
  const featureConfig = { ...(jest.requireActual('@lib/text-model') as typeof import('@lib/text-model')).DEFAULT_FEATURE_CONFIG, ...config };
  return { x: texts.map(([title]) => featurize({ app: 'app', title }, featureConfig)), y: Int32Array.from(texts, ([, y]) => y) };
}
const options = { numBuckets: config.numBuckets, numClasses: 3, batchSize: 4, learningRate: 0.1, l2: 1e-6, seed: 3 };

describe('softmax regression trainer', () => {
  it('learns a separable problem and the loss goes down', () => {
    const data = dataset();
    const trainer = new AdamTrainer(options);
    const first = trainer.epoch(data);
    let last = first;
    for (let i = 0; i < 20; i++) last = trainer.epoch(data);
    expect(last).toBeLessThan(first / 5);
    expect(trainer.model.evaluate(data).accuracy).toBe(1);
  });

  it('outputs probabilities that sum to 1', () => {
    const model = fitEpochs(dataset(), 5, options);
    const p = model.probabilities(dataset().x[0]);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(Array.from(p).every((x) => x > 0 && x < 1)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = fitEpochs(dataset(), 3, options);
    const b = fitEpochs(dataset(), 3, options);
    const c = fitEpochs(dataset(), 3, { ...options, seed: 4 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(c.weights.buffer))).toBe(false);
  });

  it('early-stops on the validation set and returns the best epoch', () => {
    const data = dataset();
    // A validation set that contradicts the training labels: the more the model fits, the worse
    // its validation loss, so training must stop early and keep an early epoch.
    const val: Dataset = { x: data.x, y: data.y.map((y) => (y + 1) % 3) };
    const stopped = fitWithEarlyStopping(data, val, { ...options, maxEpochs: 50, patience: 2 });
    expect(stopped.history.length).toBeLessThan(10);
    expect(stopped.history.length - stopped.bestEpoch).toBe(2);

    const result = fitWithEarlyStopping(data, data, { ...options, maxEpochs: 8, patience: 2 });
    expect(result.history[result.bestEpoch - 1].valAccuracy).toBe(Math.max(...result.history.map((h) => h.valAccuracy!)));
    expect(result.model).toBeInstanceOf(SoftmaxRegression);
    expect(result.model.evaluate(data).accuracy).toBe(1);
  });
});
