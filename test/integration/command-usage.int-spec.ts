import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';

const ROOT = join(__dirname, '..', '..');

/** Every `npm run` command that runs a compiled tool (not `build`'s bundling step): its name, node's own flags, the script and the arguments the script adds. */
function compiledCommands(): Array<[string, { nodeFlags: string[]; script: string; args: string[] }]> {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return Object.entries(scripts).flatMap(([name, line]) => {
    if (name === 'build') return [];
    const words = /(?:^|&& )node (.*)$/.exec(line)?.[1].split(' ');
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
