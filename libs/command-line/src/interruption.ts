import { constants } from 'node:os';

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP for a command. Node's default ended it at once: the terminal
 * kept what a progress bar had set (cursor hidden, line wrapping off: every longer line of the
 * shell cut at the terminal's width until `reset`), and what the command had started stayed
 * behind (a benchmark's or chaos's servers' data in /tmp, GBs after a long run). Here the work
 * registered with onInterrupt runs first, synchronously (the command's own async flow, which
 * would go on failing against servers the same Ctrl-C stopped, never runs again), the terminal is
 * restored, then the process ends by the signal as before (exit 130 for Ctrl-C in a shell).
 * A command that handles the signal itself (npm run demo stops streaming and reports) keeps its way.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const workOnInterrupt = new Set<() => void>();
let installed = false;

/** Undoes what a progress bar set on the terminal: cli-progress hides the cursor (`hideCursor`) and turns line wrapping off. */
function restoreTerminal(): void {
  const terminal = [process.stderr, process.stdout].find((stream) => stream.isTTY);
  terminal?.write('\x1b[?25h\x1b[?7h');
}

function interrupted(signal: NodeJS.Signals): void {
  // A command listening for this signal itself stops on its own.
  if (process.listenerCount(signal) > 1) return;
  restoreTerminal();
  for (const work of workOnInterrupt) {
    try {
      work();
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  for (const each of SIGNALS) process.removeListener(each, interrupted);
  process.kill(process.pid, signal);
  // Until the signal arrives: nothing else of this command runs.
  process.exit(128 + constants.signals[signal]);
}

/**
 * Installs the handling above (once; runCommand, runTool and readCommandLine do), and restores the
 * terminal however else the command ends: a failure with a bar drawn left it as a Ctrl-C did.
 */
export function handleInterruption(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, interrupted);
  process.once('exit', restoreTerminal);
}

/**
 * `work` (synchronous: undo what the command started, or say what goes on without it) runs if the
 * command is interrupted before the returned function is called.
 */
export function onInterrupt(work: () => void): () => void {
  handleInterruption();
  workOnInterrupt.add(work);
  return () => workOnInterrupt.delete(work);
}
