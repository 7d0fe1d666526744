import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningStack, STACK_SERVERS, StackVariable, writeRunningStack } from '@lib/config';

/** What the file names for the servers a test leaves out: nothing listens there. */
const UNUSED: Record<StackVariable, string> = { NATS_URL: 'nats://127.0.0.1:1', MONGO_URL: 'mongodb://127.0.0.1:1', REDIS_URL: 'redis://127.0.0.1:1', GATEWAY_URL: 'http://127.0.0.1:1' };

/**
 * A working directory whose `.data` holds what `npm start` leaves there for the command-line
 * tools: stack.json naming `servers` (the others at a port nobody listens on; this test process
 * stands in for the stack's, alive), the `settings` its apps run with, and, when given, a dev-api-key. Run a tool there with `withoutServers(env)` to make it find them.
 */
export function fakeRunningStack(servers: Partial<Record<StackVariable, string>>, devApiKey?: string, settings?: RunningStack['settings']): { cwd: string; remove(): void } {
  const cwd = mkdtempSync(join(tmpdir(), 'running-stack-'));
  mkdirSync(join(cwd, '.data'));
  writeRunningStack(join(cwd, '.data'), { pid: process.pid, startedAt: new Date().toISOString(), env: { ...UNUSED, ...servers }, settings });
  if (devApiKey !== undefined) writeFileSync(join(cwd, '.data', 'dev-api-key'), `${devApiKey}\n`);
  return { cwd, remove: () => rmSync(cwd, { recursive: true, force: true }) };
}

/** `env` without the server variables a running stack's file provides (and without a key the tool would take first). */
export function withoutServers(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  for (const name of [...Object.keys(STACK_SERVERS), 'AP_API_KEY']) delete rest[name];
  return rest;
}
