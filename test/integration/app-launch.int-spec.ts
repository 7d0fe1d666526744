import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, launchApp, terminate } from '../../tools/infra/src';
import { configEnv, testConfig } from '../support/test-config';

const ROOT = resolve(__dirname, '..', '..');

/**
 * launchApp (npm start, chaos, the benches, spawnApp) runs an app from its bundle. It took any 200
 * on the port for the app's readiness: two stacks started at once, the second printed "is up"
 * with URLs pointing at the first's apps while its own had all exited with EADDRINUSE.
 */
describe('launchApp', () => {
  let logDir: string;
  let other: Server | undefined;

  beforeAll(() => {
    logDir = mkdtempSync(join(tmpdir(), 'ap-launch-'));
  });

  afterAll(async () => {
    await new Promise((r) => (other ? other.close(r) : r(undefined)));
    rmSync(logDir, { recursive: true, force: true });
  });

  it('fails with the app EADDRINUSE when another process holds its port, even one answering /health/ready with 200', async () => {
    const port = await freePort();
    other = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
    await new Promise<void>((r) => other!.listen(port, '127.0.0.1', r));
    const log = join(logDir, 'ingestion-taken.log');
    const started = Date.now();
    const launch = launchApp(ROOT, 'ingestion', { ...process.env, ...configEnv(testConfig()) }, port, log);
    await expect(launch).rejects.toThrow(
      new RegExp(`^ingestion exited \\(code 1\\) before it was ready; the end of ${log}:\\n(.*\\n)*  ingestion failed to start: listen EADDRINUSE: address already in use 127\\.0\\.0\\.1:${port}$`),
    );
    // At once, not after the 60 s start-up limit.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('resolves once its own app is ready, and closes the channel the app reported on', async () => {
    const port = await freePort();
    const app = await launchApp(ROOT, 'ingestion', { ...process.env, ...configEnv(testConfig()) }, port, join(logDir, 'ingestion.log'));
    try {
      expect(app.process.connected).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    } finally {
      await terminate(app.process);
    }
  });
});

