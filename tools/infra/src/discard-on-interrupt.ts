import { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { onInterrupt } from '../../../libs/command-line/src/interruption';

/**
 * For a run on throwaway servers in a temp directory (benches, chaos): if the command is
 * interrupted (Ctrl-C), its servers and apps are SIGKILLed and `dataDir` removed, saying so. The
 * directory stayed behind (36 MB 25 s into `npm run bench`, GBs after a full run). Returns the
 * function to call once the run stops them itself.
 */
export function discardOnInterrupt(dataDir: string, processes: () => ChildProcess[]): () => void {
  return onInterrupt(() => {
    for (const child of processes()) child.kill('SIGKILL');
    // Retried while a killed server's last files go.
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    process.stderr.write(`\ninterrupted: its servers and apps stopped, ${dataDir} removed\n`);
  });
}
