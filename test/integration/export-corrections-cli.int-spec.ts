import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configEnv, testConfig } from '../support/test-config';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'classification', 'src', 'cli', 'export-corrections.cli.js');

/** `npm run model:export-corrections`: its options are checked before it connects to Mongo. */
describe('export-corrections CLI', () => {
  // Nothing listens on port 1: a connection attempt would retry until the timeout.
  const env = { ...process.env, ...configEnv(testConfig()), MONGO_URL: 'mongodb://127.0.0.1:1' };
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 30_000 });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'export-corrections-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a missing or unknown option and an output it cannot write, naming it', () => {
    expect(cli()).toMatchObject({ status: 2, stderr: expect.stringMatching(/^model:export-corrections failed: --out is required\nusage: npm run model:export-corrections -- --out FILE.jsonl/) });
    expect(cli('--out', 'x.jsonl', '--since', 'monday')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^model:export-corrections failed: Unknown option '--since'/) });
    expect(cli('--help')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^usage: npm run model:export-corrections -- --out FILE.jsonl/), stderr: '' });
    const notADirectory = join(dir, 'a-file');
    writeFileSync(notADirectory, '');
    expect(cli('--out', join(notADirectory, 'out.jsonl'))).toMatchObject({ status: 2, stderr: `model:export-corrections failed: --out: cannot write ${join(notADirectory, 'out.jsonl')}: ${notADirectory} is a file, not a directory\n` });
    // Before: past the check of its directory, then an unhandled EISDIR with a stack after the scan.
    expect(cli('--out', dir)).toMatchObject({ status: 2, stderr: `model:export-corrections failed: --out: cannot write ${dir}: it is a directory\n` });
  });

  it('warns of a variable that looks like a misspelt setting, naming the one meant', () => {
    const run = spawnSync(process.execPath, [CLI, '--out', join(dir, 'out.jsonl')], { env: { ...env, MONGO_URI: 'mongodb://db.example' }, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toMatch(/^warning: MONGO_URI is not a setting \(ignored\): did you mean MONGO_URL\?\n/);
  });

  it('fails within seconds with one line naming MONGO_URL when Mongo does not answer', () => {
    const started = Date.now();
    expect(cli('--out', join(dir, 'out.jsonl'))).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'model:export-corrections failed: cannot reach MongoDB at MONGO_URL=mongodb://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1\n',
    });
    // the command's own 5 s limit, not the app's wait (10 s per try, 9 tries): starting node takes seconds on a loaded machine
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
