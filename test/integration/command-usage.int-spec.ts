import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';

const ROOT = join(__dirname, '..', '..');

/** Every `npm run` command that runs a compiled tool (not `build`'s bundling step): its name, node's own flags, the script and the arguments the script adds. */
function compiledCommands(): Array<[string, { nodeFlags: string[]; script: string; args: string[] }]> {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return Object.entries(scripts).flatMap(([name, line]) => {
    if (name === 'build') return [];
    const words = /(?:^|&& )(?:node|bash scripts\/run-tool\.sh) (.*)$/.exec(line)?.[1].split(' ');
    const scriptAt = words?.findIndex((word) => word.startsWith('dist/')) ?? -1;
    if (!words || scriptAt < 0) return [];
    return [[name, { nodeFlags: words.slice(0, scriptAt), script: words[scriptAt], args: words.slice(scriptAt + 1) }]];
  });
}

/**
 * README, "Other commands": every command reads its options with libs/command-line, so `--help`
 * prints its usage and exits 0, and a misspelt flag stops it, naming the flag, with exit 2 before
 * it starts anything. Until 2026-11-25 bench:leaderboard, bench:model and bench:classifier read
 * process.argv themselves: a misspelt flag was ignored (the whole benchmark ran with the
 * defaults), `--help` ran the benchmark, and `--events abc` ended in a stack trace.
 */
describe('npm run commands: --help and an unknown flag', () => {
  const commands = compiledCommands();

  it('finds every compiled command of package.json', () => {
    expect(commands.map(([name]) => name)).toEqual(expect.arrayContaining(['apikey', 'import', 'demo', 'chaos', 'bench', 'bench:leaderboard', 'bench:model', 'bench:classifier', 'leaderboard:verify', 'model:train', 'model:export-corrections']));
  });

  it('takes every flag README.md and docs/ give it (its --help names each)', async () => {
    const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md') && name !== 'performance-history.md').map((name) => `docs/${name}`)];
    const named = new Map<string, Set<string>>();
    for (const page of pages) {
      for (const m of readFileSync(join(ROOT, page), 'utf8').matchAll(/npm run ([a-z][\w:-]*) -- ([^`\n|]*)/g)) {
        for (const flag of m[2].matchAll(/--[a-z][a-z-]*/g)) named.set(m[1], (named.get(m[1]) ?? new Set()).add(`${page}: ${flag[0]}`));
      }
    }
    expect(named.size).toBeGreaterThan(5);
    const unknown: string[] = [];
    for (const [name, flags] of named) {
      const command = commands.find(([commandName]) => commandName === name)?.[1];
      if (!command) {
        unknown.push(`${name}: no such compiled command`);
        continue;
      }
      const usage = (await runCli(join(ROOT, command.script), [...command.args, '--help'], { cwd: ROOT, nodeFlags: command.nodeFlags })).stdout;
      for (const flag of flags) if (!new RegExp(`${flag.slice(flag.indexOf(': ') + 2)}\\b`).test(usage)) unknown.push(`${name} ${flag}`);
    }
    expect(unknown).toEqual([]);
  }, 120_000);

  it('npm start answers --help and a misspelt option before it installs or builds anything', async () => {
    // Until 2026-11-25 scripts/start.sh ran the install and the build first (~40 s here, dist/ rewritten): "bundle …" lines came before the answer.
    const run = (arg: string) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolveRun) =>
      execFile('bash', [join(ROOT, 'scripts', 'start.sh'), arg], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) =>
        resolveRun({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      ),
    );
    const help = await run('--help');
    expect({ status: help.status, stdout: help.stdout.split('\n')[0], stderr: help.stderr }).toEqual({ status: 0, stdout: expect.stringMatching(/^usage: npm start -- /), stderr: '' });
    expect(help.stdout.match(/usage:/g)).toHaveLength(1);
    const misspelt = await run('--no-such-flag');
    expect({ status: misspelt.status, stdout: misspelt.stdout }).toEqual({ status: 2, stdout: '' });
    expect(misspelt.stderr).toMatch(/^npm start failed: Unknown option '--no-such-flag'/);
  }, 240_000);

  it.each(commands)('%s', async (_name, { nodeFlags, script, args }) => {
    // No server is reached: both answers come before anything starts. MONGO_URL: a tool that got this far would fail fast, not hang.
    const env = { ...process.env, MONGO_URL: 'mongodb://127.0.0.1:1', NATS_URL: 'nats://127.0.0.1:1', REDIS_URL: 'redis://127.0.0.1:1' };
    const run = (extra: string) => runCli(join(ROOT, script), [...args, extra], { env, cwd: ROOT, nodeFlags });
    const help = await run('--help');
    expect({ status: help.status, stdout: help.stdout.slice(0, 6), stderr: help.stderr }).toEqual({ status: 0, stdout: 'usage:', stderr: '' });
    const misspelt = await run('--no-such-flag');
    expect({ status: misspelt.status, stdout: misspelt.stdout }).toEqual({ status: 2, stdout: '' });
    expect(misspelt.stderr).toMatch(/Unknown option '--no-such-flag'[^]*\nusage:/);
  }, 60_000);
});

/**
 * scripts/start.sh with a stale build: it installs and builds before the stack's start answers.
 * Until 2026-11-25 npm's "added N packages" and the build's "bundle …" lines went to stdout, before
 * `npm start --help`'s usage. Here in a throwaway checkout whose install and build say so on stdout.
 */
it('npm start with a stale build: the install and the build write on stderr, stdout is the answer alone', async () => {
  const checkout = mkdtempSync(join(tmpdir(), 'ap-start-sh-'));
  try {
    for (const dir of ['scripts', 'dist/tools/stack']) mkdirSync(join(checkout, dir), { recursive: true });
    copyFileSync(join(ROOT, 'scripts', 'start.sh'), join(checkout, 'scripts', 'start.sh'));
    writeFileSync(join(checkout, 'scripts', 'bootstrap.sh'), 'echo "added 903 packages in 2m"\n');
    const build = "require('fs').mkdirSync('dist/bundles',{recursive:true});require('fs').writeFileSync('dist/bundles/gateway.js','');console.log('bundle gateway')";
    writeFileSync(join(checkout, 'package.json'), JSON.stringify({ name: 'start-sh-check', private: true, scripts: { build: `node -e "${build}"` } }));
    writeFileSync(join(checkout, 'dist/tools/stack/start.js'), "process.stdout.write('usage: npm start -- [--gateway N]\\n');\n");
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolveRun) =>
      execFile('bash', [join(checkout, 'scripts', 'start.sh'), '--help'], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
        resolveRun({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      ),
    );
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: 'usage: npm start -- [--gateway N]\n' });
    expect(run.stderr).toMatch(/added 903 packages[^]*bundle gateway/);
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
});

/**
 * libs/command-line's inputFile, as a user who may not read the file (the tests run as root, who
 * may read any). Before: model:eval loaded the model anyway and failed in onnxruntime with
 * 'failed:system error number 13' and a stack trace, exit 1.
 */
it('a file the user may not read is refused before any work, naming the argument', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ap-unreadable-'));
  try {
    const model = join(dir, 'model.onnx');
    writeFileSync(model, 'x', { mode: 0o000 });
    chmodSync(dir, 0o755);
    const run = await new Promise<{ status: number | null; stderr: string }>((resolveRun) =>
      execFile('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(ROOT, 'dist/tools/model/eval.js'), '--model', model], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 }, (error, _stdout, stderr) =>
        resolveRun({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
      ),
    );
    expect(run).toEqual({ status: 2, stderr: `model:eval failed: --model: cannot read ${model}: permission denied\n` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The benches' *_BENCH_OUT: a relative path is from where the user ran npm (INIT_CWD), as every
 * tool's path arguments are (libs/command-line/src/file-arguments.ts), and checked before the run.
 * Before: resolved from the repository's root, where npm runs a script, and found unwritable only
 * when the results were written, after the whole run, in a stack trace.
 */
it.each([
  ['bench:classifier', 'CLASSIFIER_BENCH_OUT', 'bench/classifier/engine.bench.js'],
  ['bench:leaderboard', 'LEADERBOARD_BENCH_OUT', 'bench/leaderboard/leaderboard.bench.js'],
])('%s takes its %s from the directory npm was run in, and refuses one it cannot write before it runs', async (name, variable, script) => {
  const where = mkdtempSync(join(tmpdir(), 'ap-bench-out-'));
  try {
    writeFileSync(join(where, 'a-file'), '');
    const run = await runCli(join(ROOT, 'dist', script), [], { cwd: ROOT, nodeFlags: ['--expose-gc'], env: { ...process.env, INIT_CWD: where, [variable]: 'a-file/results.json' } });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: `${name} failed: ${variable}: cannot write ${join(where, 'a-file', 'results.json')}: ${join(where, 'a-file')} is a file, not a directory\n` });
  } finally {
    rmSync(where, { recursive: true, force: true });
  }
}, 60_000);

/**
 * scripts/run-tool.sh, the package.json commands' way to a compiled tool: until 2026-11-25 they ran
 * `npm run --silent build && node dist/…` , a build (15 s, 90 s on a busy machine) before --help or
 * a misspelt flag was answered, and its "bundle …" lines on stdout before the tool's answer
 * (`npm run -s model:eval -- --json > report.json` was no JSON). Here in a throwaway checkout whose
 * build says "built" and writes the stamp the script compares with the sources.
 */
describe('scripts/run-tool.sh', () => {
  let checkout: string;
  beforeAll(() => {
    checkout = mkdtempSync(join(tmpdir(), 'ap-run-tool-'));
    for (const dir of ['scripts', 'libs/x/src', 'dist/tools']) mkdirSync(join(checkout, dir), { recursive: true });
    copyFileSync(join(ROOT, 'scripts', 'run-tool.sh'), join(checkout, 'scripts', 'run-tool.sh'));
    const build = "require('fs').mkdirSync('dist/bundles',{recursive:true});require('fs').writeFileSync('dist/bundles/gateway.js','');console.log('built')";
    writeFileSync(join(checkout, 'package.json'), JSON.stringify({ name: 'run-tool-check', private: true, scripts: { build: `node -e "${build}"` } }));
    writeFileSync(join(checkout, 'libs/x/src/x.ts'), 'export const x = 1;\n');
    writeFileSync(join(checkout, 'dist/tools/answer.js'), "process.stdout.write(JSON.stringify(process.argv.slice(2)) + '\\n');\n");
  });
  afterAll(() => rmSync(checkout, { recursive: true, force: true }));

  const run = () => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolveRun) =>
    execFile('bash', [join(checkout, 'scripts', 'run-tool.sh'), 'dist/tools/answer.js', '--json'], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      resolveRun({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    ),
  );

  it('builds when there is no build, its lines on stderr; the tool alone on stdout', async () => {
    const first = await run();
    expect({ status: first.status, stdout: first.stdout }).toEqual({ status: 0, stdout: '["--json"]\n' });
    expect(first.stderr).toMatch(/npm run build first[^]*built/);
  });

  it('runs the tool without a build while no source is newer than the last build, and builds again once one is', async () => {
    await run();
    // The stamp an hour old, the sources two: up to date.
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    for (const file of ['package.json', 'libs/x/src/x.ts']) utimesSync(join(checkout, file), hoursAgo(2), hoursAgo(2));
    utimesSync(join(checkout, 'dist/bundles/gateway.js'), hoursAgo(1), hoursAgo(1));
    // A tool's own output is no source: the benches write bench/results/*.json.
    mkdirSync(join(checkout, 'bench', 'results'), { recursive: true });
    writeFileSync(join(checkout, 'bench', 'results', 'e2e-latest.json'), '{}');
    expect(await run()).toEqual({ status: 0, stdout: '["--json"]\n', stderr: '' });
    writeFileSync(join(checkout, 'libs/x/src/x.ts'), 'export const x = 2;\n');
    const rebuilt = await run();
    expect({ status: rebuilt.status, stdout: rebuilt.stdout }).toEqual({ status: 0, stdout: '["--json"]\n' });
    expect(rebuilt.stderr).toMatch(/built/);
  });

  it('run by hand, names where it was run in INIT_CWD, as npm run does: the tools take relative paths from there', async () => {
    writeFileSync(join(checkout, 'dist/tools/where.js'), "process.stdout.write(process.env.INIT_CWD + '\\n');\n");
    const env = { ...process.env };
    delete env.INIT_CWD;
    const where = await new Promise<string>((resolveRun) =>
      execFile('bash', [join(checkout, 'scripts', 'run-tool.sh'), 'dist/tools/where.js'], { cwd: tmpdir(), env, encoding: 'utf8', timeout: 60_000 }, (_error, stdout) => resolveRun(stdout)),
    );
    expect(where).toBe(`${tmpdir()}\n`);
  });
});
