import { parseArgs } from 'node:util';

/** A mistake on the command line: reported as its message and usage, without a stack trace. */
export class UsageError extends Error {}

/** How a failed tool reports: a UsageError by its message, anything else by its stack. */
function failureText(error: unknown): string {
  return error instanceof UsageError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error);
}

/** Runs a tool's main: a UsageError prints its message, anything else its stack; both exit 1. */
export function runTool(name: string, main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      process.stderr.write(`${name} failed: ${failureText(error)}\n`);
      process.exit(1);
    });
}

/**
 * A tool's options read when its module loads (benchmarks keep them as module constants): a
 * UsageError prints its message and exits 2 (as a usage error conventionally does; chaos keeps 1
 * for loss or drift) before anything starts.
 */
export function readCommandLine<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${name} failed: ${failureText(error)}\n`);
    process.exit(2);
  }
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

/** What a numeric flag accepts; unbounded and fractional unless said. */
export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** "a number", "a whole number from 1 to 10", "a number ≥ 0.1"… */
function describeRange({ min, max, integer }: NumberRange): string {
  const kind = integer ? 'a whole number' : 'a number';
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} ≥ ${min}`;
  return max !== undefined ? `${kind} ≤ ${max}` : kind;
}

/** Whether `raw` is a number `range` accepts. */
function accepts(raw: string, { min = -Infinity, max = Infinity, integer = false }: NumberRange): boolean {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
}

/** A numeric flag's value, or `fallback` when absent; anything else out of `range` is an error naming the flag. */
export function numberFlag(flags: Map<string, string>, name: string, fallback: number, range: NumberRange = {}): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  if (!accepts(raw, range)) throw new UsageError(`--${name} must be ${describeRange(range)}, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** A comma-separated list of numbers (`--rates 5000,2000`), each in `range`, or `fallback` when absent. */
export function numberListFlag(flags: Map<string, string>, name: string, fallback: number[], range: NumberRange = {}): number[] {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const items = raw.split(',');
  if (!items.every((item) => accepts(item, range))) throw new UsageError(`--${name} must be a comma-separated list, each ${describeRange(range)}, got ${JSON.stringify(raw)}`);
  return items.map(Number);
}
