import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `.data/stack.json`: what `npm start` (tools/stack/start.ts) writes once its stack is up and
 * removes when it stops cleanly, so that other commands find the servers it started (their ports
 * may be fallbacks when the usual ones were taken). Plain Node on purpose: tools import this file
 * without loading Nest.
 */
export interface RunningStack {
  /** The `npm start` process. */
  pid: number;
  /** ISO 8601. */
  startedAt: string;
  /** processStartTicks of the `npm start` process: another process given its pid later is not it. */
  startTicks?: string;
  env: Record<StackVariable, string>;
  /** The settings given to `npm start` that its apps keep their data by (absent: the defaults). */
  settings?: Partial<Record<StackSetting, string>>;
}

export const RUNNING_STACK_FILE = 'stack.json';

export const RUNNING_STACK_VARIABLES = ['NATS_URL', 'MONGO_URL', 'REDIS_URL', 'GATEWAY_URL'] as const;
/** A server a running stack records, by the variable that names it. */
export type StackVariable = (typeof RUNNING_STACK_VARIABLES)[number];

/**
 * The settings a tool must share with the stack's apps to find their data, by the server they apply
 * to: with another MONGO_DB or REDIS_PREFIX leaderboard:verify read other, empty boards ("no
 * drift"), with another TIME_ZONE it was refused.
 */
export const RUNNING_STACK_SETTINGS = { MONGO_DB: 'MONGO_URL', PIPELINE_PREFIX: 'NATS_URL', REDIS_PREFIX: 'REDIS_URL', TIME_ZONE: 'REDIS_URL' } as const satisfies Record<string, StackVariable>;
export type StackSetting = keyof typeof RUNNING_STACK_SETTINGS;

/**
 * The stack described in `<dataDir>/stack.json`, or undefined when there is none or its process is
 * gone (a SIGKILLed stack leaves the file behind). Throws on a file that describes no stack.
 */
export function readRunningStack(dataDir: string): RunningStack | undefined {
  const file = join(dataDir, RUNNING_STACK_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const remedy = `remove it, or set ${RUNNING_STACK_VARIABLES.join(', ')}`;
  let stack: Partial<RunningStack> | null;
  try {
    stack = JSON.parse(text) as Partial<RunningStack> | null;
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message}): ${remedy}`);
  }
  const env = (stack?.env ?? {}) as Record<string, unknown>;
  if (!Number.isInteger(stack?.pid) || typeof stack?.startedAt !== 'string' || !RUNNING_STACK_VARIABLES.every((name) => typeof env[name] === 'string')) {
    throw new Error(`${file} does not describe a running stack (pid, startedAt, env.${RUNNING_STACK_VARIABLES.join(', env.')}): ${remedy}`);
  }
  return isProcessAlive(stack.pid!, typeof stack.startTicks === 'string' ? stack.startTicks : undefined) ? (stack as RunningStack) : undefined;
}

/** Written whole (renamed into place): a reader never sees half a file. */
export function writeRunningStack(dataDir: string, stack: RunningStack): void {
  const file = join(dataDir, RUNNING_STACK_FILE);
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(stack, null, 2)}\n`);
  renameSync(temporary, file);
}

export function removeRunningStack(dataDir: string): void {
  rmSync(join(dataDir, RUNNING_STACK_FILE), { force: true });
}

/**
 * Signal 0 checks the process exists; EPERM: it does, under another user. With `startTicks` (what
 * processStartTicks read when it was recorded), a process that has the pid but started at another
 * time is another process: after a reboot, pids are handed out again.
 */
export function isProcessAlive(pid: number, startTicks?: string): boolean {
  // 0 and negative numbers would address process groups.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTicks === undefined ? undefined : processStartTicks(pid);
  return now === undefined || now === startTicks;
}

/** When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat); undefined where there is no /proc. */
export function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name in parentheses (which may hold spaces) come fields 3, 4, …
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
  } catch {
    return undefined;
  }
}
