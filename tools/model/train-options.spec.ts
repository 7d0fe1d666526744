import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@lib/command-line';
import { readTrainOptions } from './train-options';

describe('model:train options', () => {
  it('gives the defaults, and takes values in range', () => {
    const defaults = readTrainOptions([]);
    expect([defaults.seed, defaults.testFraction, defaults.unseenShare, defaults.hyper, defaults.numBuckets]).toEqual([
      42, 0.2, 0.5, { maxEpochs: 30, patience: 3, learningRate: 0.05, l2: 1e-6, batchSize: 64 }, 65536,
    ]);
    expect(readTrainOptions(['--batch', '256', '--max-epochs', '5', '--test-fraction', '0.3', '--l2', '0']).hyper).toMatchObject({ batchSize: 256, maxEpochs: 5, l2: 0 });
  });

  // Each of these ran: --batch 0 looped for ever, --max-epochs 0 crashed with a TypeError, --buckets 0 failed after training, --test-fraction 0 and 5 wrote a model.
  it.each([
    ['--batch', '0', '--batch must be a whole number from 1 to 100000, got "0"'],
    ['--max-epochs', '0', '--max-epochs must be a whole number from 1 to 1000, got "0"'],
    ['--buckets', '0', '--buckets must be a whole number from 1024 to 1048576, got "0"'],
    ['--test-fraction', '0', '--test-fraction must be a number from 0.01 to 0.9, got "0"'],
    ['--test-fraction', '5', '--test-fraction must be a number from 0.01 to 0.9, got "5"'],
    ['--lr', '0', '--lr must be a number from 1e-9 to 10, got "0"'],
    ['--seed', '1.5', '--seed must be a whole number from 0 to 4294967295, got "1.5"'],
  ])('refuses %s %s before training, naming the flag and its range', (flag, value, message) => {
    expect(() => readTrainOptions([flag, value])).toThrow(new UsageError(message));
  });

  // Before: a stack trace (exit 1), for --out after the whole training.
  it('refuses a --data it cannot read training data from and an --out it cannot write into, before training', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ap-train-options-'));
    try {
      writeFileSync(join(dir, 'file'), 'x');
      expect(() => readTrainOptions(['--data', join(dir, 'none')])).toThrow(new UsageError(`--data: cannot read ${join(dir, 'none')}: there is no such directory`));
      expect(() => readTrainOptions(['--data', dir])).toThrow(new UsageError(`--data: no *.jsonl files in ${dir}`));
      expect(() => readTrainOptions(['--out', join(dir, 'file', 'models')])).toThrow(new UsageError(`--out: cannot write into ${join(dir, 'file', 'models')}: ${join(dir, 'file')} is a file, not a directory`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
