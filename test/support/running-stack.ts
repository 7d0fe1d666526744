import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningStack, STACK_SERVERS, StackVariable } from '@lib/config';

/**
 * A working directory whose `.data` holds what `npm start` leaves there for the command-line
 * tools: stack.json naming `servers` (this test process stands in for the stack's, alive) and,
 * when given, a dev-api-key. Run a tool there with `withoutServers(env)` to make it find them.
 */
export function fakeRunningStack(servers: Partial<Record<StackVariable, string>>, devApiKey?: string): { cwd: string; remove(): void } {
  const cwd = mkdtempSync(join(tmpdir(), 'running-stack-'));
  mkdirSync(join(cwd, '.data'));
  const stack: Pick<RunningStack, 'pid' | 'startedAt'> & { env: Partial<RunningStack['env']> } = { pid: process.pid, startedAt: new Date().toISOString(), env: servers };
  writeFileSync(join(cwd, '.data', 'stack.json'), JSON.stringify(stack));
  if (devApiKey !== undefined) writeFileSync(join(cwd, '.data', 'dev-api-key'), `${devApiKey}\n`);
  return { cwd, remove: () => rmSync(cwd, { recursive: true, force: true }) };
}

/** `env` without the server variables a running stack's file provides (and without a key the tool would take first). */
export function withoutServers(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  for (const name of [...Object.keys(STACK_SERVERS), 'AP_API_KEY']) delete rest[name];
  return rest;
}
