import { inputFile, numberFlag, outputDirectory, parseFlags, SEED_RANGE } from '@lib/command-line';
import { DEFAULT_FEATURE_CONFIG } from '@lib/text-model';
import { DEFAULT_DATA_DIR, DEFAULT_OUT_DIR, DEFAULT_SEED, DEFAULT_TEST_FRACTION, DEFAULT_UNSEEN_SHARE, trainingDataDirectory } from './common';

export const TRAIN_USAGE = `usage: npm run model:train -- [options]   (writes models/activity-classifier.onnx and .meta.json unless --out)
  --extra FILE.jsonl      corrections (npm run model:export-corrections); they override same-input examples
  --data DIR              training data (default data/training)
  --out DIR               where the model goes (default models)
  --seed N                whole number ≥ 0 (default ${DEFAULT_SEED})
  --test-fraction F       held out for testing, 0.01 to 0.9 (default ${DEFAULT_TEST_FRACTION})
  --unseen-share F        share of the test set from apps/sites never seen in training, 0 to 1 (default ${DEFAULT_UNSEEN_SHARE})
  --max-epochs N          1 to 1000 (default 30)
  --patience N            epochs without improvement before stopping, 1 to 1000 (default 3)
  --lr X                  learning rate, 1e-9 to 10 (default 0.05)
  --l2 X                  L2 penalty, 0 to 1 (default 1e-6)
  --batch N               examples per step, 1 to 100000 (default 64)
  --buckets N             feature hash buckets, 1024 to 1048576 (default ${DEFAULT_FEATURE_CONFIG.numBuckets})
  --no-progress           no progress bars`;

export interface TrainOptions {
  dataDir: string;
  outDir: string;
  extra?: string;
  seed: number;
  testFraction: number;
  unseenShare: number;
  hyper: { maxEpochs: number; patience: number; learningRate: number; l2: number; batchSize: number };
  numBuckets: number;
  showProgress: boolean;
}

/**
 * The training options, each checked against what the trainer can use before anything runs: a
 * batch of 0 looped for ever, 0 epochs crashed in the trainer, 0 buckets after training, and a
 * test fraction of 0 or 5 wrote a model with nothing held out.
 */
export function readTrainOptions(argv: string[]): TrainOptions {
  const flags = parseFlags(
    argv,
    { values: ['extra', 'data', 'out', 'seed', 'test-fraction', 'unseen-share', 'max-epochs', 'patience', 'lr', 'l2', 'batch', 'buckets'], booleans: ['no-progress'] },
    TRAIN_USAGE,
  );
  return {
    dataDir: trainingDataDirectory('--data', flags.get('data') ?? DEFAULT_DATA_DIR),
    outDir: outputDirectory('--out', flags.get('out') ?? DEFAULT_OUT_DIR),
    extra: flags.has('extra') ? inputFile('--extra', flags.get('extra')!) : undefined,
    seed: numberFlag(flags, 'seed', DEFAULT_SEED, SEED_RANGE),
    testFraction: numberFlag(flags, 'test-fraction', DEFAULT_TEST_FRACTION, { min: 0.01, max: 0.9 }),
    unseenShare: numberFlag(flags, 'unseen-share', DEFAULT_UNSEEN_SHARE, { min: 0, max: 1 }),
    hyper: {
      maxEpochs: numberFlag(flags, 'max-epochs', 30, { min: 1, max: 1000, integer: true }),
      patience: numberFlag(flags, 'patience', 3, { min: 1, max: 1000, integer: true }),
      learningRate: numberFlag(flags, 'lr', 0.05, { min: 1e-9, max: 10 }),
      l2: numberFlag(flags, 'l2', 1e-6, { min: 0, max: 1 }),
      batchSize: numberFlag(flags, 'batch', 64, { min: 1, max: 100_000, integer: true }),
    },
    numBuckets: numberFlag(flags, 'buckets', DEFAULT_FEATURE_CONFIG.numBuckets, { min: 1024, max: 1 << 20, integer: true }),
    showProgress: !flags.has('no-progress'),
  };
}
