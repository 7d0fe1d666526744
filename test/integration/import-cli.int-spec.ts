import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../tools/infra/src';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { fakeRunningStack, withoutServers } from '../support/running-stack';
import { testConfig } from '../support/test-config';

const CLI = join(__dirname, '..', '..', 'dist', 'tools', 'import', 'import.cli.js');
const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');

/** Runs the compiled CLI (`npm run build` first, as `npm test` does). */
describe('import CLI (npm run import)', () => {
  let pipeline: RunningPipeline;
  let key: string;

  beforeAll(async () => {
    pipeline = await startPipeline(testConfig(), ['gateway', 'ingestion']);
    key = await createApiKey(pipeline.apps.gateway!, ['ingest', 'read']);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const runExactly = (args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) =>
    promisify(execFile)(process.execPath, [CLI, ...args], options).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const run = (...args: string[]) => runExactly([...args, '--url', pipeline.url, '--key', key]);

  /** A proxy to the gateway whose reads of a job are 503s (a gateway restarting, a database blip) while `refuse()` says so. */
  async function proxyRefusingJobReads(refuse: () => boolean): Promise<{ url: string; close(): Promise<void> }> {
    const upstream = new URL(pipeline.url);
    const proxy = createServer((req, res) => {
      if (req.method === 'GET' && /^\/v1\/imports\/imp_/.test(req.url ?? '') && refuse()) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 503, message: 'the database is unreachable: retry in 5 s' }));
        return;
      }
      req.pipe(httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }));
    });
    await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
    return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, close: () => new Promise((closed) => proxy.close(() => closed())) };
  }

  it('uploads an export, follows the job and prints a summary', async () => {
    const result = await run(join(FIXTURES, 'activitywatch-export.json'), '--user', 'cli-user');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/job imp_[0-9a-f]+: DONE in (\d+ ms|\d+\.\d s) \(\d+ rows\/s\)/);
    expect(result.stdout).toContain('rows 17: 6 accepted, 0 duplicates, 0 rejected');
    // Not a terminal: no progress bars (they printed once at the end, with a literal "{label}").
    expect(result.stderr).toBe('');
  });

  it('lists rejected rows, and exits 1 with the reason when the job fails', async () => {
    const rows = await run(join(FIXTURES, 'activity-with-bad-rows.csv'));
    expect(rows.code).toBe(0);
    expect(rows.stdout).toContain('rows 8: 4 accepted, 0 duplicates, 4 rejected');
    expect(rows.stdout).toContain('row 6 duration_sec: must be > 0');

    const badDir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    const bad = join(badDir, 'bad-header.csv');
    writeFileSync(bad, 'application,start\nCode,now\n');
    const failed = await run(bad, '--user', 'u').finally(() => rmSync(badDir, { recursive: true, force: true }));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAILED');
    expect(failed.stdout).toContain('error: CSV header: unknown columns "application", "start"');

    const refused = await run(join(FIXTURES, 'activitywatch-export.json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('upload refused (400): userId is required for ActivityWatch exports (or use an API key bound to a user) (set with --user)');
  });

  it('waits out a gateway that answers 503 while it follows the job, instead of ending as if the import had failed', async () => {
    // Between the command and the gateway: the first two reads of the job are 503s (a gateway restarting, a database blip).
    let refused = 0;
    const proxy = await proxyRefusingJobReads(() => {
      if (refused === 2) return false;
      refused++;
      return true;
    });
    try {
      const result = await runExactly([join(FIXTURES, 'activitywatch-export.json'), '--user', 'cli-proxy-user', '--url', proxy.url, '--key', key]);
      // Before: exit 1, "cannot read job imp_… (503): the database is unreachable: retry in 5 s", while the job went on.
      expect([result.code, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toMatch(/: DONE in /);
      expect(refused).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('says the job goes on without it when Ctrl-C stops it while it follows the job', async () => {
    // Every read of the job a 503: the command is still following when the signal comes, at its first read.
    let child: ChildProcess | undefined;
    const proxy = await proxyRefusingJobReads(() => {
      child?.kill('SIGINT');
      return true;
    });
    try {
      child = spawn(process.execPath, [CLI, join(FIXTURES, 'activitywatch-export.json'), '--user', 'cli-interrupted-user', '--url', proxy.url, '--key', key], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const signal = await new Promise((ended) => child!.once('exit', (_code, exitSignal) => ended(exitSignal)));
      // Before: it ended without a word, as if the import had been cancelled.
      expect(signal).toBe('SIGINT');
      expect(stderr).toMatch(/^\nimport job (imp_[0-9a-f]+) goes on without this command: GET \/v1\/imports\/\1 follows it\n$/);
    } finally {
      await proxy.close();
    }
  });

  it('refuses bad options before uploading anything, naming the option', async () => {
    const jobCount = async () => (await fetch(`${pipeline.url}/v1/imports`, { headers: { 'x-api-key': key } }).then((r) => r.json() as Promise<{ jobs: unknown[] }>)).jobs.length;
    const jobsBefore = await jobCount();
    const file = join(FIXTURES, 'activity-with-bad-rows.csv');
    const cases: Array<[string[], string]> = [
      [[file, '--format', 'xml'], '--format must be one of csv, activitywatch (got "xml")'],
      // Before: '--format is required … when the file is not .csv or .json', of a .csv file.
      [[file, '--format', ''], '--format must be one of csv, activitywatch (got "")'],
      [[file, '--bogus', 'x'], "Unknown option '--bogus'"],
      [[file, 'second.csv'], 'unexpected argument "second.csv"'],
      // Before: the usage alone, without the reason.
      [[], 'missing FILE'],
      // Before: "EISDIR: illegal operation on a directory, read", exit 1.
      [[FIXTURES, '--format', 'csv'], `${FIXTURES} is a directory`],
      // Before: an empty --user was left out of the upload, and an export's was refused as 'userId is required … (set with --user)'.
      [[join(FIXTURES, 'activitywatch-export.json'), '--user', ''], '--user must not be empty'],
      [[file, '--user', 'ann smith'], '--user may hold only letters, digits and . _ : @ + = / - (found " ")'],
    ];
    // Usage mistakes exit 2, as every command of the project (README, "Other commands").
    for (const [args, message] of cases) {
      const result = await run(...args);
      expect([args, result.code, result.stderr.split('\n')[0]]).toEqual([args, 2, expect.stringContaining(message)]);
    }
    const help = await run('--help');
    expect([help.code, help.stdout.split('\n')[0]]).toEqual([0, expect.stringMatching(/^usage: npm run import -- FILE/)]);
    const noUrl = await runExactly([file, '--url', 'ftp://gateway', '--key', key]);
    expect([noUrl.code, noUrl.stderr]).toEqual([2, expect.stringContaining('--url must be an http:// or https:// address (got "ftp://gateway")')]);
    // Nothing reached the gateway: no import job was made.
    expect(await jobCount()).toBe(jobsBefore);
  });

  // After the tests above: its upload of their CSV would make their rows duplicates.
  it('finds the gateway of the stack npm start runs and takes the key from AP_API_KEY, else .data/dev-api-key, and names the gateway it cannot reach or that refuses the key', async () => {
    const file = join(FIXTURES, 'activity-with-bad-rows.csv');
    const stack = fakeRunningStack({ GATEWAY_URL: pipeline.url }, 'ap_0123456789ab_not-this-stacks-key');
    try {
      const found = `using the stack started by npm start (pid ${process.pid}): gateway ${pipeline.url}\n`;
      const withKey = await runExactly([file], { cwd: stack.cwd, env: { ...withoutServers(process.env), AP_API_KEY: key } });
      expect([withKey.code, withKey.stderr]).toEqual([0, found]);
      expect(withKey.stdout).toContain('rows 8: ');

      const devKey = await runExactly([file], { cwd: stack.cwd, env: withoutServers(process.env) });
      expect([devKey.code, devKey.stderr]).toEqual([
        1,
        `${found}import failed: the gateway at ${pipeline.url} refused the key: invalid or revoked API key (the key from .data/dev-api-key; it needs the ingest and read scopes)\n`,
      ]);
    } finally {
      stack.remove();
    }
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await runExactly([file, '--url', nobody, '--key', key]);
    expect([unreachable.code, unreachable.stderr]).toEqual([1, `import failed: cannot reach the gateway at ${nobody}: connect ECONNREFUSED ${nobody.slice('http://'.length)} (is the stack running? npm start)\n`]);
  });
});
