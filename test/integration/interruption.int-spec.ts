import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');

/** Runs `source` in a compiled-code node child (`npm run build` first); resolves with its first stdout line. */
function startChild(source: string): { child: ChildProcess; firstLine: Promise<string>; ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, ['-e', source], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    child.once('exit', () => reject(new Error(`exited before a line: ${stderr}`)));
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, firstLine, ended };
}

/** Running: a zombie (state Z, killed but not yet reaped by its new parent) is not. */
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
  } catch {
    return false;
  }
};

/**
 * libs/command-line/src/interruption.ts. Until 2026-11-25 Ctrl-C ended a command at Node's
 * default: a bench or chaos left its servers' data in /tmp (72 MB 25 s into `npm run bench`, GBs
 * after a full run), and a progress bar's hidden cursor stayed hidden in the terminal.
 */
describe('a command interrupted', () => {
  it("a bench's servers are stopped and their temp directory removed; the command still ends by the signal", async () => {
    const { child, firstLine, ended } = startChild(`
      require(${JSON.stringify(join(DIST, 'bench/support/bench-stack.js'))}).startBenchStack().then((stack) => {
        const pids = Object.values(stack.servers).map((server) => server.process.pid);
        process.stdout.write(JSON.stringify({ dataDir: stack.dataDir, pids }) + '\\n');
      });`);
    const { dataDir, pids } = JSON.parse(await firstLine) as { dataDir: string; pids: number[] };
    expect(existsSync(dataDir)).toBe(true);
    // To this process alone: a terminal's Ctrl-C reaches the servers too, a kill of its pid does not.
    child.kill('SIGINT');
    const end = await ended;
    expect({ signal: end.signal, dataDirLeft: existsSync(dataDir), serversAlive: pids.filter(alive) }).toEqual({ signal: 'SIGINT', dataDirLeft: false, serversAlive: [] });
    expect(end.stderr).toContain(`interrupted: its servers and apps stopped, ${dataDir} removed`);
  });

  it("a bench's run that throws past every finally (in a client's callback) still stops its servers and removes their temp directory", async () => {
    const { firstLine, ended } = startChild(`
      require(${JSON.stringify(join(DIST, 'bench/support/bench-stack.js'))}).startBenchStack().then((stack) => {
        const pids = Object.values(stack.servers).map((server) => server.process.pid);
        process.stdout.write(JSON.stringify({ dataDir: stack.dataDir, pids }) + '\\n');
        setTimeout(() => { throw new Error('thrown in a callback'); }, 100);
      });`);
    const { dataDir, pids } = JSON.parse(await firstLine) as { dataDir: string; pids: number[] };
    const end = await ended;
    // Before: Node's default ended it, the servers died with it (their parent-death signal), their data stayed in /tmp.
    expect({ code: end.code, dataDirLeft: existsSync(dataDir), serversAlive: pids.filter(alive) }).toEqual({ code: 1, dataDirLeft: false, serversAlive: [] });
    expect(end.stderr).toContain('Error: thrown in a callback');
  });

  it('bench:leaderboard that throws past every finally removes its temp directory', async () => {
    // Its own TMPDIR, to find the run's directory; the error thrown once its servers have their data directories.
    const tmp = mkdtempSync(join(tmpdir(), 'ap-bench-tmp-'));
    try {
      const thrower = join(tmp, 'throw-once-started.js');
      writeFileSync(
        thrower,
        `const fs = require('fs'), path = require('path');
         const timer = setInterval(() => {
           const run = fs.readdirSync(${JSON.stringify(tmp)}).find((name) => name.startsWith('ap-bench-leaderboard-'));
           if (run && ['nats', 'redis', 'mongo'].every((dir) => fs.existsSync(path.join(${JSON.stringify(tmp)}, run, dir)))) {
             clearInterval(timer);
             setTimeout(() => { throw new Error('thrown in a callback'); }, 500);
           }
         }, 20);`,
      );
      const child = spawn(process.execPath, ['--expose-gc', '--require', thrower, join(DIST, 'bench/leaderboard/leaderboard.bench.js'), '--events', '1000', '--users', '1000'], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: tmp, LEADERBOARD_BENCH_OUT: join(tmp, 'leaderboard.json') },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise((exited) => child.once('exit', exited));
      // Before: its handler stopped the servers and exited, ap-bench-leaderboard-* left behind.
      expect({ code, left: readdirSync(tmp).filter((name) => name.startsWith('ap-bench-leaderboard-')) }).toEqual({ code: 1, left: [] });
      expect(stderr).toContain('Error: thrown in a callback');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);

  it.each([
    ['interrupted', "process.kill(process.pid, 'SIGINT')"],
    ['failing', "process.exitCode = 1; throw new Error('failed')"],
  ])('the terminal gets back what a progress bar set, the cursor shown and line wrapping on, when the command ends %s', async (_how, end) => {
    // `script` gives the command a terminal; the bar hides the cursor (ESC[?25l) and turns wrapping off (ESC[?7l): the shell's longer lines were cut at its width.
    const source = `
      require(${JSON.stringify(join(DIST, 'libs/command-line/src/interruption.js'))}).handleInterruption();
      const { SingleBar } = require('cli-progress');
      new SingleBar({ hideCursor: true }).start(10, 1);
      setTimeout(() => { ${end}; }, 300);`;
    const output = await new Promise<string>((resolve) =>
      execFile('script', ['-qec', `${process.execPath} -e "${source.replace(/"/g, '\\"')}"`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 }, (_error, stdout) => resolve(stdout)),
    );
    expect(output).toContain('\x1b[?25l');
    expect(output).toContain('\x1b[?7l');
    const afterBar = output.slice(Math.max(output.lastIndexOf('\x1b[?25l'), output.lastIndexOf('\x1b[?7l')));
    expect(afterBar).toContain('\x1b[?25h');
    expect(afterBar).toContain('\x1b[?7h');
  });

  it('model:train interrupted while it writes the model leaves no temporary files beside it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ap-train-out-'));
    try {
      const child = spawn(process.execPath, [join(DIST, 'tools/model/train.js'), '--out', out, '--max-epochs', '1', '--patience', '1', '--no-progress'], { cwd: ROOT, stdio: 'ignore' });
      // Interrupted as soon as the first temporary file appears: its check against onnxruntime follows, then the renames.
      const watcher = watch(out, (_event, name) => {
        if (String(name).includes('.tmp-')) child.kill('SIGINT');
      });
      const signal = await new Promise((ended) => child.once('exit', (_code, exitSignal) => ended(exitSignal))).finally(() => watcher.close());
      // Before: activity-classifier.onnx.tmp-<pid> (and .meta.json's) stayed.
      expect({ signal, left: readdirSync(out).filter((name) => name.includes('.tmp-')) }).toEqual({ signal: 'SIGINT', left: [] });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('a command that listens for the signal itself stops its own way (npm run demo reports what it sent)', async () => {
    const { child, firstLine, ended } = startChild(`
      const { handleInterruption, onInterrupt } = require(${JSON.stringify(join(DIST, 'libs/command-line/src/interruption.js'))});
      handleInterruption();
      onInterrupt(() => process.stderr.write('undone\\n'));
      process.once('SIGINT', () => { process.stderr.write('stopping by itself\\n'); setTimeout(() => process.exit(0), 50); });
      setInterval(() => undefined, 1000);
      process.stdout.write('ready\\n');`);
    await firstLine;
    child.kill('SIGINT');
    expect(await ended).toEqual({ code: 0, signal: null, stderr: 'stopping by itself\n' });
  });
});
