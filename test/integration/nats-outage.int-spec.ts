import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { NatsConnectionService } from '@lib/messaging';
import { whatAnswersAt } from '../../libs/messaging/src/nats-server-probe';
import { freePort, LocalServer, startNats } from '../../tools/infra/src';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';

/**
 * A nats-server of the test's own, stopped and started again on the same port and store: what the
 * gateway answers meanwhile. Before, `POST /v1/events` waited RPC_TIMEOUT_MS for a 504 blaming
 * ingestion, without Retry-After; `/v1/ops/pipeline` was a 500, then a 503 after 5 s, as were the
 * dead-letter routes; readiness took 5 s to say "NatsError: TIMEOUT".
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

    // Before, each of these waited out the JetStream API's 5 s timeout for "NATS did not answer".
    for (const path of ['/v1/ops/pipeline', '/v1/dead-letters', '/v1/dead-letters/1']) {
      const routeStarted = Date.now();
      const answer = await http('GET', `${pipeline.url}${path}`, { key });
      expect({ path, ms: Date.now() - routeStarted < 2_000 }).toEqual({ path, ms: true });
      expect({ path, status: answer.status, message: answer.body.message }).toEqual({ path, status: 503, message: expect.stringMatching(/NATS is unreachable/) });
      expect(answer.headers.get('retry-after')).toBe('5');
    }

    const readyStarted = Date.now();
    const ready = await http('GET', `${pipeline.url}/health/ready`);
    expect(Date.now() - readyStarted).toBeLessThan(2_000);
    expect(ready.body.error.nats).toEqual({ status: 'down', message: 'disconnected from NATS (NATS_URL), reconnecting' });

    nats = await startNats({ dataDir, port });
    await waitFor(async () => (await http('POST', `${pipeline.url}/v1/events`, { key, body: events('after') })).status === 202, 'events accepted again', 30_000, 250);
  });
});

describe('an app whose NATS does not answer at start', () => {
  let dataDir: string;
  let nats: LocalServer | undefined;
  let service: NatsConnectionService | undefined;

  afterAll(async () => {
    await service?.onApplicationShutdown();
    await nats?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says it is waiting, naming NATS_URL, until NATS comes up (before: nothing at all)', async () => {
    const port = await freePort();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      service = new NatsConnectionService(testConfig({ NATS_URL: `nats://127.0.0.1:${port}` }));
      service.waitingLogIntervalMs = 100;
      const connecting = service.connect('waiting-test');
      await waitFor(async () => warn.mock.calls.length >= 2, 'a waiting line');
      expect(warn.mock.calls[0][0]).toMatchObject({ msg: `waiting for NATS at NATS_URL=nats://127.0.0.1:${port}: nothing answers at 127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}); still trying` });
      dataDir = mkdtempSync(join(tmpdir(), 'ap-nats-late-'));
      nats = await startNats({ dataDir, port });
      await connecting;
      const lines = warn.mock.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(warn.mock.calls.length).toBe(lines);
    } finally {
      warn.mockRestore();
    }
  });

  it('says when another server answers at NATS_URL (Redis\' port here): before, "no answer yet" as if nothing listened', async () => {
    // The probe alone: the client itself would wait for ever on that port.
    const redis = new URL(process.env.REDIS_URL!);
    expect(await whatAnswersAt(`nats://${redis.host}`)).toBe(`${redis.host} takes connections but says nothing, where a NATS server greets first: is it another server's port?`);
    expect(await whatAnswersAt(process.env.NATS_URL!)).toBe(`a NATS server answers at ${new URL(process.env.NATS_URL!).host}, yet the client could not connect`);
  });
});
