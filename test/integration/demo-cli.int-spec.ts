import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../tools/infra/src';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { runCli } from '../support/run-cli';
import { fakeRunningStack, withoutServers } from '../support/running-stack';
import { testConfig } from '../support/test-config';

const CLI = join(__dirname, '..', '..', 'dist', 'tools', 'demo', 'demo.js');

/** `npm run demo`: it checks the gateway and the key before streaming, and names both when either fails. */
describe('demo CLI (npm run demo)', () => {
  let gateway: RunningPipeline;

  beforeAll(async () => {
    gateway = await startPipeline(testConfig(), ['gateway']);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it("names the gateway it found in the running stack's file and the key's source when the key is refused", async () => {
    const stack = fakeRunningStack({ GATEWAY_URL: gateway.url });
    try {
      const run = await runCli(CLI, ['--users', '1'], { cwd: stack.cwd, env: { ...withoutServers(process.env), AP_API_KEY: 'ap_0123456789ab_revoked' } });
      expect([run.status, run.stderr]).toEqual([
        1,
        `using the stack started by npm start (pid ${process.pid}): gateway ${gateway.url}\n` +
          `demo failed: the gateway at ${gateway.url} refused the key: invalid or revoked API key (the key from $AP_API_KEY; it needs the ingest scope)\n`,
      ]);
    } finally {
      stack.remove();
    }
  });

  it('stops at once, naming the refusal, when the key is refused while it streams (revoked meanwhile)', async () => {
    // The empty batch of the start-up check answers as the gateway does (400), every batch after it 401.
    let refusedBatches = 0;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const empty = (JSON.parse(body) as { events: unknown[] }).events.length === 0;
        if (!empty) refusedBatches++;
        res.writeHead(empty ? 400 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: empty ? 'events must be an array of 1 to 1000 events' : 'invalid or revoked API key' }));
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const run = await runCli(CLI, ['--users', '3', '--minutes', '0.2', '--url', url, '--key', 'ap_0123456789ab_revoked']);
      // Before: each batch tried four times for the whole 12 s, then 'Sent … 0 accepted, … N failed', the reason never said.
      expect([run.status, run.stderr]).toEqual([1, `demo failed: the gateway at ${url} refused the key: invalid or revoked API key (the key from --key; it needs the ingest scope)\n`]);
      expect(run.stdout).toMatch(/^Sent \d+ events for 3 users in .*: 0 accepted, 0 duplicates, 0 rejected, \d+ failed$/m);
      expect(refusedBatches).toBeGreaterThan(0);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  });

  it('stopped by Ctrl-C, says where the events it sent lie: the simulated day up to then, not to its end', async () => {
    const key = await createApiKey(gateway.apps.gateway!, ['ingest']);
    // Over an hour, the simulated day's end is an hour away: the events sent by the Ctrl-C lie hours before now.
    const child = spawn(process.execPath, [CLI, '--users', '1', '--minutes', '60', '--url', gateway.url, '--key', key], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('Streaming')) child.kill('SIGINT');
    });
    const code = await new Promise((ended) => child.once('exit', (exitCode) => ended(exitCode)));
    const ran = /the simulated day ran (\d{4}-\d\d-\d\d) (\d\d:\d\d)(?:–| – (\d{4}-\d\d-\d\d) )(\d\d:\d\d) UTC/.exec(stdout);
    expect([code, ran !== null]).toEqual([0, true]);
    const end = Date.parse(`${ran![3] ?? ran![1]}T${ran![4]}:00Z`);
    // Before: the whole day's end, an hour after the Ctrl-C.
    expect(end).toBeLessThan(Date.now());
  });

  it('names the gateway it cannot reach', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(CLI, ['--url', url, '--key', 'k']);
    expect([run.status, run.stderr]).toEqual([1, `demo failed: cannot reach the gateway at ${url}: connect ECONNREFUSED ${url.slice('http://'.length)} (is the stack running? npm start)\n`]);
  });
});
