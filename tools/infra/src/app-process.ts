import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { appNodeFlags } from '../../bundle/app-node-flags';

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

/** Runs an app from its bundle (as deployed: tools/bundle/launch-app.ts) and resolves once /health/ready answers. */
export async function launchApp(root: string, app: AppName, env: Record<string, string | undefined>, port: number, logFile?: string, name: string = app): Promise<AppProcess> {
  const started = Date.now();
  // The app writes its log file itself (an inherited descriptor, O_APPEND): through a pipe, its
  // synchronous log writes would wait whenever this process is too busy to drain the pipe.
  const log = logFile ? openSync(logFile, 'a') : undefined;
  const child = spawn(process.execPath, [...appNodeFlags(env), join(root, 'dist', 'tools', 'bundle', 'launch-app.js'), app], {
    env: { ...MALLOC_DEFAULTS, ...env, PORT: String(port) },
    stdio: ['ignore', log ?? 'ignore', log ?? 'inherit'],
  });
  if (log !== undefined) closeSync(log);
  await waitReady(name, port, child, logFile);
  return { name, port, process: child, readyMs: Date.now() - started };
}

async function waitReady(name: string, port: number, child: ChildProcess, logFile?: string): Promise<void> {
  const where = logFile ? `; see ${logFile}` : '';
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up (code ${child.exitCode})${where}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} not ready after 60 s${where}`);
}

/** SIGTERM (the app drains), SIGKILL after `graceMs`. */
export function terminate(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit();
    });
    child.kill('SIGTERM');
  });
}
