import { inputFile, numberFlag, parseFlags } from '@lib/command-line';
import { DEFAULT_METADATA_PATH, DEFAULT_MODEL_PATH } from '@lib/text-model';
import { DEFAULT_DATA_DIR, trainingDataDirectory } from './common';

export const EVAL_USAGE = `usage: npm run model:eval -- [options]   (the model through onnxruntime, on the held-out split its training recorded)
  --model FILE            default models/activity-classifier.onnx
  --meta FILE             default models/activity-classifier.meta.json
  --data DIR              training data (default data/training)
  --extra FILE.jsonl      corrections (default: those the model was trained with)
  --errors N              list the first N misclassified examples (default 0)
  --min-accuracy X        fail (exit 1) when the held-out accuracy is below X, a fraction from 0 to 1 (0.9: 90 %)
  --json                  the report as JSON`;

export interface EvalOptions {
  modelPath: string;
  metaPath: string;
  dataDir: string;
  extra?: string;
  errorsShown: number;
  minAccuracy: number;
  json: boolean;
}

/** Read before the evaluation runs: a bad value fails at once (exit 2), not after it; `--min-accuracy 95` (a percentage) could never be met. */
export function readEvalOptions(argv: string[]): EvalOptions {
  const flags = parseFlags(argv, { values: ['model', 'meta', 'data', 'extra', 'errors', 'min-accuracy'], booleans: ['json'] }, EVAL_USAGE);
  return {
    modelPath: inputFile('--model', flags.get('model') ?? DEFAULT_MODEL_PATH),
    metaPath: inputFile('--meta', flags.get('meta') ?? DEFAULT_METADATA_PATH),
    dataDir: trainingDataDirectory('--data', flags.get('data') ?? DEFAULT_DATA_DIR),
    extra: flags.has('extra') ? inputFile('--extra', flags.get('extra')!) : undefined,
    errorsShown: numberFlag(flags, 'errors', 0, { min: 0, max: 100_000, integer: true }),
    minAccuracy: numberFlag(flags, 'min-accuracy', 0, { min: 0, max: 1 }),
    json: flags.has('json'),
  };
}
