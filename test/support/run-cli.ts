import { execFile } from 'node:child_process';

export interface CliRun {
  /** Exit code; null when killed (the 30 s bound). */
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs a compiled command-line tool (`npm run build` first) without blocking this process, so
 * apps started in it keep answering the tool (and their idle keep-alive sockets stay usable).
 * `nodeFlags` go to node before the script (`--expose-gc`, as package.json gives some).
 */
export function runCli(script: string, args: string[], { nodeFlags = [], ...options }: { env?: NodeJS.ProcessEnv; cwd?: string; nodeFlags?: string[] } = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeFlags, script, ...args], { ...options, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}
