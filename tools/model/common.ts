import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { inputDirectory, UsageError } from '@lib/command-line';
import { LabelledExample, SplitInfo, TAXONOMY_LABELS, mergeExamples, parseJsonl, resolveRepoRoot } from '@lib/text-model';

export const REPO_ROOT = resolveRepoRoot();
export const DEFAULT_DATA_DIR = join(REPO_ROOT, 'data', 'training');
export const DEFAULT_OUT_DIR = join(REPO_ROOT, 'models');
export const DEFAULT_SEED = 42;
export const DEFAULT_TEST_FRACTION = 0.2;
/** Half of the held-out examples come from apps/sites never seen in training. */
export const DEFAULT_UNSEEN_SHARE = 0.5;

export interface TrainingData {
  examples: LabelledExample[];
  sources: SplitInfo['sources'];
  /** Examples dropped because the model does not predict their label (not one of TAXONOMY_LABELS), by label. */
  dropped: Record<string, number>;
}

const jsonlFiles = (dataDir: string): string[] => readdirSync(dataDir).filter((f) => f.endsWith('.jsonl')).sort();

/**
 * `--data`, checked before anything loads or trains: a missing directory, a file, or a directory
 * without *.jsonl ended model:train and model:eval in a stack trace (exit 1). Returns the absolute path.
 */
export function trainingDataDirectory(argument: string, path: string): string {
  const dataDir = inputDirectory(argument, path);
  if (jsonlFiles(dataDir).length === 0) throw new UsageError(`${argument}: no *.jsonl files in ${dataDir}`);
  return dataDir;
}

/** Loads `dataDir/*.jsonl` (sorted by name) plus optional corrections; extra examples override same-input base examples. */
export function loadTrainingData(dataDir: string, extraFile?: string): TrainingData {
  if (!existsSync(dataDir)) throw new Error(`training data directory not found: ${dataDir}`);
  const files = jsonlFiles(dataDir);
  if (files.length === 0) throw new Error(`no *.jsonl files in ${dataDir}`);
  const sources: SplitInfo['sources'] = [];
  const base: LabelledExample[] = [];
  const read = (path: string): LabelledExample[] => {
    const text = readFileSync(path, 'utf8');
    const rows = parseJsonl(text, path);
    sources.push({ file: relative(REPO_ROOT, resolve(path)) || path, sha256: createHash('sha256').update(text).digest('hex'), examples: rows.length });
    return rows;
  };
  for (const f of files) base.push(...read(join(dataDir, f)));
  const extra = extraFile ? read(resolve(extraFile)) : [];
  const known = new Set<string>(TAXONOMY_LABELS);
  const merged = mergeExamples(base, extra);
  const examples = merged.filter((e) => known.has(e.categoryId));
  const dropped: Record<string, number> = {};
  for (const e of merged) if (!known.has(e.categoryId)) dropped[e.categoryId] = (dropped[e.categoryId] ?? 0) + 1;
  return { examples, sources, dropped };
}

/**
 * The warning for examples the model cannot learn: categories of the taxonomy it has no output for
 * (corrections to work:project-management, system:files…) as well as unknown ones. Said as
 * "not in the taxonomy" before, which the correction API had just accepted.
 */
export function droppedWarning(dropped: Record<string, number>): string | undefined {
  const labels = Object.entries(dropped).sort(([a], [b]) => a.localeCompare(b));
  if (labels.length === 0) return undefined;
  const count = labels.reduce((n, [, k]) => n + k, 0);
  return `warning: dropped ${count} ${count === 1 ? 'example' : 'examples'} whose categoryId the model does not predict (${labels.map(([label, k]) => `${label}: ${k}`).join(', ')}); it predicts the ${TAXONOMY_LABELS.length} TAXONOMY_LABELS of libs/text-model/src/dataset.ts`;
}

export const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
