import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@lib/config';
import { LocalServer, startNats } from '../../tools/infra/src';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';

/**
 * A nats-server of the test's own, stopped and started again on the same port and store: what the
 * gateway answers meanwhile. Before, `POST /v1/events` waited RPC_TIMEOUT_MS for a 504 blaming
 * ingestion, without Retry-After; `/v1/ops/pipeline` was a 500; readiness took 5 s to say
 * "NatsError: TIMEOUT".
 */
describe('while NATS is down', () => {
  let dataDir: string;
  let nats: LocalServer;
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let key: string;
  const events = (id: string) => ({ events: [{ eventId: id, userId: 'natsdown', app: 'Code', startedAt: '2026-11-24T10:00:00Z', durationSec: 60 }] });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ap-nats-outage-'));
    nats = await startNats({ dataDir });
    config = testConfig({ NATS_URL: nats.url, RPC_TIMEOUT_MS: '5000' });
    pipeline = await startPipeline(config, ['gateway', 'ingestion']);
    key = await createApiKey(pipeline.apps.gateway!, ['admin']);
  });

  afterAll(async () => {
    await pipeline?.close();
    await nats?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers at once with 503 naming NATS and Retry-After, and accepts again once it is back', async () => {
    expect((await http('POST', `${pipeline.url}/v1/events`, { key, body: events('before') })).status).toBe(202);
    const port = nats.port;
    await nats.stop();
    await waitFor(async () => (await http('GET', `${pipeline.url}/health/ready`)).status === 503, 'the gateway to notice NATS is gone');

    const started = Date.now();
    const post = await http('POST', `${pipeline.url}/v1/events`, { key, body: events('during') });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(post.status).toBe(503);
    expect(post.body.message).toMatch(/NATS is unreachable/);
    expect(post.headers.get('retry-after')).toBe('5');

    const ops = await http('GET', `${pipeline.url}/v1/ops/pipeline`, { key });
    expect(ops.status).toBe(503);
    expect(ops.body.message).toMatch(/NATS/);
    expect(ops.headers.get('retry-after')).toBe('5');

    const readyStarted = Date.now();
    const ready = await http('GET', `${pipeline.url}/health/ready`);
    expect(Date.now() - readyStarted).toBeLessThan(2_000);
    expect(ready.body.error.nats).toEqual({ status: 'down', message: 'disconnected from NATS (NATS_URL), reconnecting' });

    nats = await startNats({ dataDir, port });
    await waitFor(async () => (await http('POST', `${pipeline.url}/v1/events`, { key, body: events('after') })).status === 202, 'events accepted again', 30_000, 250);
  });
});
