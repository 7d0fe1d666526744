import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const MODEL_FILE = join('models', 'activity-classifier.onnx');
export const METADATA_FILE = join('models', 'activity-classifier.meta.json');

/** First ancestor of `start` (inclusive) for which `test` holds, or undefined. */
export function findUp(start: string, test: (dir: string) => boolean): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (test(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The repository root: the nearest ancestor of this file holding the committed model; else the
 * nearest one holding `data/training` (before the first training run); else the working directory.
 * Works from the sources (libs/text-model/src, jest) and from the build (dist/libs/text-model/src).
 */
export function resolveRepoRoot(start: string = __dirname): string {
  return (
    findUp(start, (d) => existsSync(join(d, MODEL_FILE))) ??
    findUp(start, (d) => existsSync(join(d, 'data', 'training')) && existsSync(join(d, 'package.json'))) ??
    process.cwd()
  );
}

export const DEFAULT_MODEL_PATH = join(resolveRepoRoot(), MODEL_FILE);
export const DEFAULT_METADATA_PATH = join(resolveRepoRoot(), METADATA_FILE);
