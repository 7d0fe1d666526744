import { ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isListeningNotice } from '../../../libs/platform/src/listening-notice';
import { appNodeFlags } from '../../bundle/app-node-flags';
import { spawnTied } from './tied-spawn';

export const APP_NAMES = ['ingestion', 'classification', 'inference', 'leaderboard', 'gateway'] as const;
export type AppName = (typeof APP_NAMES)[number];

export interface AppProcess {
  name: string;
  port: number;
  process: ChildProcess;
  /** ms from spawn to /health/ready answering 200. */
  readyMs: number;
}

/**
 * glibc's malloc raises its mmap threshold to the size of each large block freed (up to 32 MB), so
 * after the first message-sized buffer (NATS envelopes, BSON) is freed the next ones come from the
 * heap arena, whose freed pages stay in RSS. A fixed threshold keeps them mmapped and returned on
 * free: peak RSS 5.8 % lower over the five apps at no CPU cost seen (docs/operations.md, "Memory").
 * The image sets the same; a value in the environment wins.
 */
const MALLOC_DEFAULTS = { MALLOC_MMAP_THRESHOLD_: '131072' };

const READY_TIMEOUT_MS = 60_000;
/** Lines of its log a failed start quotes. */
const LOG_TAIL_LINES = 5;

/**
 * Runs an app from its bundle (as deployed: tools/bundle/launch-app.ts) and resolves once it
 * listens on `port` and /health/ready answers 200. Rejects as soon as the app exits before that,
 * with its exit code and the end of its log; a launch that fails leaves no process behind.
 */
export async function launchApp(root: string, app: AppName, env: Record<string, string | undefined>, port: number, logFile?: string, name: string = app): Promise<AppProcess> {
  const started = Date.now();
  // The app writes its log file itself (an inherited descriptor, O_APPEND): through a pipe, its
  // synchronous log writes would wait whenever this process is too busy to drain the pipe.
  const log = logFile ? openSync(logFile, 'a') : undefined;
  const logStart = log !== undefined ? fstatSync(log).size : 0;
  const child = spawnTied(
    process.execPath,
    [...appNodeFlags(env), join(root, 'dist', 'tools', 'bundle', 'launch-app.js'), app],
    // The IPC channel carries the app's ListeningNotice, and is closed once it came.
    { env: { ...MALLOC_DEFAULTS, ...env, PORT: String(port) }, stdio: ['ignore', log ?? 'ignore', log ?? 'inherit', 'ipc'] },
    'SIGTERM', // the app drains, as on Ctrl-C
  );
  if (log !== undefined) closeSync(log);
  try {
    await waitReady(name, port, child);
  } catch (error) {
    await terminate(child);
    throw new Error(`${(error as Error).message}${logFile ? logTail(logFile, logStart) : ''}`);
  } finally {
    if (child.connected) child.disconnect();
  }
  return { name, port, process: child, readyMs: Date.now() - started };
}

/**
 * Ready: the child said it listens on `port` (libs/platform/src/listening-notice.ts), then
 * /health/ready answers 200 there, from this child since it holds the port.
 */
function waitReady(name: string, port: number, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('message', onMessage);
      if (error) reject(error);
      else resolve();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => finish(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready`));
    const onMessage = (message: unknown) => {
      if (!isListeningNotice(message)) return;
      if (message.port !== port) finish(new Error(`${name} listens on port ${message.port}, not on ${port}`));
      else void pollHealth();
    };
    const pollHealth = async () => {
      while (!done) {
        if (await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false)) return finish();
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const timer = setTimeout(() => finish(new Error(`${name} not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    child.once('exit', onExit);
    child.on('message', onMessage);
  });
}

/** What the app wrote to its log since `from`, its last lines, indented under the error. */
function logTail(logFile: string, from: number): string {
  const lines = readFileSync(logFile).subarray(from).toString('utf8').split('\n').filter((line) => line.trim() !== '');
  return `; the end of ${logFile}:\n${lines.slice(-LOG_TAIL_LINES).map((line) => `  ${line}`).join('\n') || '  (empty)'}`;
}

/**
 * SIGTERM (the app drains), SIGKILL after `graceMs`. True when it had to SIGKILL: a child that had
 * already exited, killed by another (the OOM killer), was not.
 */
export function terminate(child: ChildProcess, graceMs = 15_000): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(false);
  return new Promise((resolveExit) => {
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(killed);
    });
    child.kill('SIGTERM');
  });
}
