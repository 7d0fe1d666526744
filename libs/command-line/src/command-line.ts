import { parseArgs } from 'node:util';
import { handleInterruption } from './interruption';

/** A mistake on the command line: reported as its message and usage, without a stack trace. */
export class UsageError extends Error {}

/**
 * How every command reports its failure, on one line: `<command> failed: <reason>`, the command as
 * the user typed it (`import`, `leaderboard:verify`, `npm start`). `withStack`: a developer tool's
 * unexpected error adds its type and where it came from, under the same line.
 */
export function failureReport(name: string, error: unknown, withStack = false): string {
  if (!(error instanceof Error)) return `${name} failed: ${String(error)}`;
  if (!withStack || error instanceof UsageError) return `${name} failed: ${error.message}`;
  const stack = error.stack ?? '';
  const frames = stack.indexOf('\n    at ');
  // The type where it says more than "Error" (TypeError, RangeError…).
  return `${name} failed: ${error.name === 'Error' ? '' : `${error.name}: `}${error.message}${frames < 0 ? '' : stack.slice(frames)}`;
}

/** Reports a failed command on stderr, then exits: 2 for a UsageError, as is the convention, else `failureCode`. */
function exitFailed(name: string, error: unknown, failureCode: number, withStack = false): never {
  process.stderr.write(`${failureReport(name, error, withStack)}\n`);
  process.exit(error instanceof UsageError ? 2 : failureCode);
}

/** Runs a developer tool's main: a UsageError prints its message and exits 2, anything else its stack and exits 1 (failureReport); Ctrl-C as interruption.ts says. */
export function runTool(name: string, main: () => void | Promise<void>): void {
  handleInterruption();
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => exitFailed(name, error, 1, true));
}

/**
 * A tool's options read when its module loads (benchmarks keep them as module constants): a
 * UsageError prints its message and exits 2 (as a usage error conventionally does; chaos keeps 1
 * for loss or drift) before anything starts.
 */
export function readCommandLine<T>(name: string, read: () => T): T {
  handleInterruption();
  try {
    return read();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    exitFailed(name, error, 2);
  }
}

/** What a command takes: flags with a value, boolean flags, and how many positional arguments. */
export interface CommandSpec {
  values: string[];
  booleans?: string[];
  /** `names`: what each positional argument is (`FILE`), for the reason when one is missing. */
  positionals?: { min: number; max: number; names?: string[] };
}

/** A parsed command line: flag values by name (booleans present as 'true') and the positional arguments. */
export interface ParsedCommand {
  flags: Map<string, string>;
  positionals: string[];
}

/**
 * The command line through node:util's parseArgs, strict: an unknown or misspelt flag, one
 * without its value, or a wrong number of positional arguments stops the command with the reason
 * and its usage instead of being ignored. `--help` (or `-h`) prints the usage and exits 0.
 */
/**
 * Node's reason, with its hint for a command that takes arguments rewritten: it ends `as in '-- "--x"`,
 * a quote never closed.
 */
function parseArgsReason(error: Error): string {
  const unknown = /^(Unknown option '[^']*')\. To specify a positional argument starting with a '-'.* as in '-- "(.*)"$/s.exec(error.message);
  return unknown ? `${unknown[1]} (an argument that starts with '-' goes after '--', as in: -- "${unknown[2]}")` : error.message;
}

export function parseCommand(argv: string[], spec: CommandSpec, usage: string): ParsedCommand {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const name of spec.values) options[name] = { type: 'string' };
  for (const name of spec.booleans ?? []) options[name] = { type: 'boolean' };
  const { min, max, names = [] } = spec.positionals ?? { min: 0, max: 0 };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: max > 0 });
  } catch (error) {
    throw new UsageError(`${parseArgsReason(error as Error)}\n${usage}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const count = parsed.positionals.length;
  if (count < min) throw new UsageError(`missing ${names[count] ?? `argument ${count + 1}`}\n${usage}`);
  if (count > max) throw new UsageError(`unexpected argument "${parsed.positionals[max]}"\n${usage}`);
  const flags = new Map(Object.entries(parsed.values).flatMap(([name, value]) => (value === undefined || value === false ? [] : [[name, String(value)]])));
  return { flags, positionals: parsed.positionals };
}

/** The flags of a command without positional arguments (parseCommand). */
export function parseFlags(argv: string[], flags: { values: string[]; booleans?: string[] }, usage: string): Map<string, string> {
  return parseCommand(argv, flags, usage).flags;
}

/**
 * Runs a user-facing command's main and exits with the code it returns (else process.exitCode). A
 * UsageError prints its message and exits 2, as a usage error conventionally does; any other
 * failure prints its message (what went wrong, not where in the code) and exits `failureCode`;
 * both as failureReport says, under `name`.
 */
export function runCommand(name: string, main: () => Promise<number | void>, failureCode = 1): void {
  handleInterruption();
  main().then(
    // process.exit(undefined) exits 0, whatever process.exitCode says.
    (code) => process.exit(code ?? process.exitCode),
    (error: unknown) => exitFailed(name, error, failureCode),
  );
}

/** What a numeric flag accepts; unbounded and fractional unless said. */
export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * A `--seed`: the seeds the project's generators (mulberry32, which takes `seed >>> 0`) tell apart.
 * Any number was taken: 1.5 gave seed 1's data, -3 and 2^32 + 5 others' without a word.
 */
export const SEED_RANGE: NumberRange = { min: 0, max: 2 ** 32 - 1, integer: true };

/** "a number", "a whole number from 1 to 10", "a number ≥ 0.1"… */
function describeRange({ min, max, integer }: NumberRange): string {
  const kind = integer ? 'a whole number' : 'a number';
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} ≥ ${min}`;
  return max !== undefined ? `${kind} ≤ ${max}` : kind;
}

/**
 * Whether `raw` is a number `range` accepts, written in decimal (a whole number in digits alone, as
 * the API's parseInteger takes them): Number() also reads '0x10' as 16, '0b11' as 3, ' 7' as 7
 * and '1e3' as the whole number 1000.
 */
function accepts(raw: string, { min = -Infinity, max = Infinity, integer = false }: NumberRange): boolean {
  const written = integer ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  const n = Number(raw);
  return written.test(raw) && Number.isFinite(n) && n >= min && n <= max;
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
