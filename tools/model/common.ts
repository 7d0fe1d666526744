import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
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
  /** Examples dropped because their label is not in the taxonomy. */
  dropped: number;
}

/** Loads `dataDir/*.jsonl` (sorted by name) plus optional corrections; extra examples override same-input base examples. */
export function loadTrainingData(dataDir: string, extraFile?: string): TrainingData {
  if (!existsSync(dataDir)) throw new Error(`training data directory not found: ${dataDir}`);
  const files = readdirSync(dataDir).filter((f) => f.endsWith('.jsonl')).sort();
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
  return { examples, sources, dropped: merged.length - examples.length };
}

/** A mistake on the command line: reported as its message and usage, without a stack trace. */
export class UsageError extends Error {}

/** Runs a tool's main: a UsageError prints its message, anything else its stack; both exit 1. */
export function runTool(name: string, main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      const text = err instanceof UsageError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err);
      process.stderr.write(`${name} failed: ${text}\n`);
      process.exit(1);
    });
}

/**
 * The command line through node:util's parseArgs, strict: an unknown or misspelt flag, or one
 * without its value, stops the tool with the reason and its usage instead of being ignored.
 * Values by flag name (booleans present as 'true'); `--help` prints the usage and exits.
 */
export function parseFlags(argv: string[], flags: { values: string[]; booleans?: string[] }, usage: string): Map<string, string> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const name of flags.values) options[name] = { type: 'string' };
  for (const name of flags.booleans ?? []) options[name] = { type: 'boolean' };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options, strict: true }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return new Map(Object.entries(values).flatMap(([name, value]) => (value === undefined || value === false ? [] : [[name, String(value)]])));
}

/** A numeric flag's value, or `fallback` when absent; anything but a finite number is an error naming the flag. */
export function numberFlag(flags: Map<string, string>, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got ${JSON.stringify(raw)}`);
  return n;
}

export const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
