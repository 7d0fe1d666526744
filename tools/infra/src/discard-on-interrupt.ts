import { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { onInterrupt } from '../../../libs/command-line/src/interruption';

/** SIGKILLs the run's servers and apps and removes `dataDir`. */
function discard(dataDir: string, processes: () => ChildProcess[]): void {
  for (const child of processes()) child.kill('SIGKILL');
  // Retried while a killed server's last files go.
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
}

/**
 * For a run on throwaway servers in a temp directory (benches, chaos): if the command is
 * interrupted (Ctrl-C), its servers and apps are SIGKILLed and `dataDir` removed, saying so. The
 * directory stayed behind (36 MB 25 s into `npm run bench`, GBs after a full run). Returns the
 * function to call once the run stops them itself.
 */
export function discardOnInterrupt(dataDir: string, processes: () => ChildProcess[]): () => void {
  return onInterrupt(() => {
    discard(dataDir, processes);
    process.stderr.write(`\ninterrupted: its servers and apps stopped, ${dataDir} removed\n`);
  });
}

/**
 * discardOnInterrupt, and the same when an error escapes the run past every `finally` (thrown in a
 * server client's callback): its stack is printed and the command exits 1. Node's default ended
 * the command there, and the servers with it (their parent-death signal), their data left in /tmp.
 * For the benches: chaos keeps a failed run's directory for its logs.
 */
export function discardOnInterruptOrCrash(dataDir: string, processes: () => ChildProcess[]): () => void {
  const keepOnInterrupt = discardOnInterrupt(dataDir, processes);
  const crashed = (error: Error) => {
    process.stderr.write(`${error.stack ?? String(error)}\n`);
    discard(dataDir, processes);
    process.stderr.write(`its servers and apps stopped, ${dataDir} removed\n`);
    process.exit(1);
  };
  process.once('uncaughtException', crashed);
  return () => {
    keepOnInterrupt();
    process.off('uncaughtException', crashed);
  };
}
