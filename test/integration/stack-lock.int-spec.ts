import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LOCK_MODULE = join(resolve(__dirname, '..', '..'), 'dist/tools/stack/stack-lock.js');

interface Start {
  process: ChildProcess;
  /** Its first line: 'locked', or the refusal. */
  said: Promise<string>;
}

/** What `npm start` does first, in a process of its own: takes the lock (then holds it until killed) or prints the refusal and exits 1. */
function start(dataDir: string): Start {
  const script = `
    try {
      require(${JSON.stringify(LOCK_MODULE)}).acquireStackLock(${JSON.stringify(dataDir)});
      console.log('locked');
      setInterval(() => {}, 1 << 30);
    } catch (error) {
      console.log(error.message);
      process.exit(1);
    }`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const said = new Promise<string>((resolveLine) => child.stdout!.once('data', (chunk: Buffer) => resolveLine(chunk.toString().trim())));
  return { process: child, said };
}

/**
 * Two `npm start` in one checkout ran two nats-servers on one JetStream store, which lost events
 * the first had acknowledged. The lock (tools/stack/stack-lock.ts, unit-tested beside it) across
 * real processes, from the build.
 */
describe('stack lock across processes', () => {
  let dataDir: string;
  const starts: Start[] = [];

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ap-stack-lock-'))));
  afterEach(() => {
    for (const s of starts.splice(0)) s.process.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second start while the first runs, and not after the first was SIGKILLed', async () => {
    const first = start(dataDir);
    starts.push(first);
    expect(await first.said).toBe('locked');

    const second = start(dataDir);
    starts.push(second);
    expect(await second.said).toBe(`another npm start (pid ${first.process.pid}) is using ${dataDir}; stop it (Ctrl-C) first`);

    first.process.kill('SIGKILL');
    await new Promise((r) => first.process.once('exit', r));
    const third = start(dataDir);
    starts.push(third);
    expect(await third.said).toBe('locked');
  });

  it('gives a stale lock to exactly one of two starts racing for it', async () => {
    for (let round = 0; round < 5; round++) {
      const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
      await new Promise((r) => dead.once('exit', r));
      writeFileSync(join(dataDir, 'stack.lock'), `${dead.pid}\n`);

      const racing = [start(dataDir), start(dataDir)];
      starts.push(...racing);
      const said = await Promise.all(racing.map((s) => s.said));
      const winner = racing[said.indexOf('locked')];
      expect(said.filter((line) => line === 'locked')).toHaveLength(1);
      expect(said).toContain(`another npm start (pid ${winner.process.pid}) is using ${dataDir}; stop it (Ctrl-C) first`);
      winner.process.kill('SIGKILL');
      await new Promise((r) => winner.process.once('exit', r));
    }
  });
});
