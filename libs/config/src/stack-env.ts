import { resolve } from 'node:path';
import { maskedUrl } from './masked-url';
import { misspeltVariables, misspeltVariableWarning } from './misspelt-variables';
import { readRunningStack, RUNNING_STACK_SETTINGS, RUNNING_STACK_VARIABLES, StackSetting, StackVariable } from './running-stack';

/** The servers a stack started by `npm start` records for the command-line tools, by the variable that names each. */
export const STACK_SERVERS: Record<StackVariable, string> = { NATS_URL: 'NATS', MONGO_URL: 'MongoDB', REDIS_URL: 'Redis', GATEWAY_URL: 'gateway' };

/** A process environment completed from a running stack's file. */
export interface StackEnvironment {
  env: NodeJS.ProcessEnv;
  /** The stack the variables the environment lacked came from, and which ones (servers, and the settings of those servers). */
  stack?: { pid: number; filled: StackVariable[]; settings: StackSetting[] };
}

/**
 * The `.data` directory `npm start` keeps its state in: the working directory's, as `npm run`
 * runs every script in the repository's root (the dev key's place too).
 */
export function localDataDir(): string {
  return resolve('.data');
}

/**
 * `env` with each server variable it leaves unset taken from the stack running from `dataDir`:
 * a tool finds the servers `npm start` moved to free ports when the defaults were taken, instead
 * of whatever else listens on the defaults; and, for each server taken so, the settings the
 * stack's apps keep their data there by (RUNNING_STACK_SETTINGS). Variables set in `env` win.
 */
export function withRunningStack(env: NodeJS.ProcessEnv, dataDir: string): StackEnvironment {
  const unset = RUNNING_STACK_VARIABLES.filter((name) => !env[name]);
  const stack = unset.length > 0 ? readRunningStack(dataDir) : undefined;
  const filled = unset.filter((name) => typeof stack?.env[name] === 'string' && stack.env[name] !== '');
  if (!stack || filled.length === 0) return { env };
  const stackSettings = stack.settings ?? {};
  const settings = (Object.keys(RUNNING_STACK_SETTINGS) as StackSetting[]).filter(
    (name) => filled.includes(RUNNING_STACK_SETTINGS[name]) && !env[name] && typeof stackSettings[name] === 'string' && stackSettings[name] !== '',
  );
  const taken = [...filled.map((name) => [name, stack.env[name]]), ...settings.map((name) => [name, stackSettings[name]])];
  return { env: { ...env, ...Object.fromEntries(taken) }, stack: { pid: stack.pid, filled, settings } };
}

/** "using the stack started by npm start (pid 4242): gateway http://127.0.0.1:3010", for the servers among `used` that came from the stack's file (passwords masked), and "; its TIME_ZONE=…" for their settings taken from it. */
export function describeStackUse({ env, stack }: StackEnvironment, used: readonly StackVariable[]): string | undefined {
  const fromStack = used.filter((name) => stack?.filled.includes(name));
  if (!stack || fromStack.length === 0) return undefined;
  const settings = stack.settings.filter((name) => fromStack.includes(RUNNING_STACK_SETTINGS[name])).map((name) => `${name}=${env[name]}`);
  return `using the stack started by npm start (pid ${stack.pid}): ${fromStack.map((name) => `${STACK_SERVERS[name]} ${maskedUrl(env[name] ?? '')}`).join(', ')}${settings.length > 0 ? `; its ${settings.join(', ')}` : ''}`;
}

/** The process's environment completed from the local running stack, after saying on stderr which of the `used` servers came from it (and which variables look like misspelt settings). */
export function commandLineEnv(used: readonly StackVariable[]): NodeJS.ProcessEnv {
  for (const misspelt of misspeltVariables(process.env)) process.stderr.write(`warning: ${misspeltVariableWarning(misspelt)}\n`);
  // Every server it uses is set (as when npm start runs `apikey ensure-dev`): the file is not read.
  if (used.every((name) => process.env[name])) return process.env;
  const completed = withRunningStack(process.env, localDataDir());
  const notice = describeStackUse(completed, used);
  if (notice) process.stderr.write(`${notice}\n`);
  return completed.env;
}
