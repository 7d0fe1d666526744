import { join } from 'node:path';
import { freePort } from '../../tools/infra/src';
import { RunningPipeline, startPipeline } from '../support/pipeline';
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
          `the gateway at ${gateway.url} refused the key: invalid or revoked API key (the key from $AP_API_KEY; it needs the ingest scope)\n`,
      ]);
    } finally {
      stack.remove();
    }
  });

  it('names the gateway it cannot reach', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(CLI, ['--url', url, '--key', 'k']);
    expect([run.status, run.stderr]).toEqual([1, `cannot reach the gateway at ${url}: connect ECONNREFUSED ${url.slice('http://'.length)} (is the stack running? npm start)\n`]);
  });
});
