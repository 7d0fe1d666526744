import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceLifecycle } from '@lib/observability';
import { LocalServer, startFerretDb, startRedis } from '../../tools/infra/src';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';

/**
 * A Mongo and a Redis of its own, which this test freezes (SIGSTOP; the suite's shared servers must
 * never be): the gateway still takes events then, so it must stay in a load balancer's rotation.
 */
describe('gateway readiness while Mongo and Redis hang', () => {
  let dir: string;
  let mongo: LocalServer;
  let redis: LocalServer;
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ap-ready-'));
    [mongo, redis] = await Promise.all([startFerretDb({ dataDir: join(dir, 'mongo') }), startRedis({ dataDir: join(dir, 'redis') })]);
    pipeline = await startPipeline(testConfig({ MONGO_URL: mongo.url, REDIS_URL: redis.url }), ['gateway', 'ingestion']);
  });

  afterAll(async () => {
    for (const server of [mongo, redis]) server?.process.kill('SIGCONT');
    await pipeline?.close();
    await Promise.all([mongo?.stop(), redis?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers ready (200) naming Mongo and Redis as degraded while events are still accepted, and plain ready once they answer again', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest']);
    const event = { userId: 'rita', app: 'code', startedAt: '2026-11-24T08:00:00Z', durationSec: 60 };
    expect((await http('POST', `${pipeline.url}/v1/events`, { key, body: { events: [{ ...event, eventId: 'ready-1' }] } })).status).toBe(202);
    const ready = await http('GET', `${pipeline.url}/health/ready`);
    expect([ready.status, ready.body.status, ready.body.degraded]).toEqual([200, 'ok', undefined]);

    mongo.process.kill('SIGSTOP');
    redis.process.kill('SIGSTOP');
    // After the 1 s a ready answer is reused.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const degraded = await http('GET', `${pipeline.url}/health/ready`);
    // Before: 503, and a load balancer honouring it took every gateway out while they still took events.
    expect([degraded.status, degraded.body.status, degraded.body.info.nats.status]).toEqual([200, 'ok', 'up']);
    expect(degraded.body.degraded).toEqual({
      mongo: { status: 'down', message: expect.stringMatching(/within/) },
      redis: { status: 'down', message: expect.stringMatching(/within/) },
    });
    expect((await http('POST', `${pipeline.url}/v1/events`, { key, body: { events: [{ ...event, eventId: 'ready-2' }] } })).status).toBe(202);

    mongo.process.kill('SIGCONT');
    redis.process.kill('SIGCONT');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const back = await http('GET', `${pipeline.url}/health/ready`);
    expect([back.status, back.body.degraded]).toEqual([200, undefined]);
  });

  it('names a stopped Mongo by what its client meets, and is ready again once it is back on its port, without a restart (before: "no answer to ping within 1500 ms")', async () => {
    const port = mongo.port;
    const ingestionUrl = async () => (await pipeline.apps.ingestion!.getUrl()).replace('[::1]', '127.0.0.1');
    await mongo.stop();
    try {
      const degraded = await waitFor(async () => {
        const ready = await http('GET', `${pipeline.url}/health/ready`);
        return /disconnected/.test(ready.body.degraded?.mongo?.message ?? '') && ready;
      }, 'the gateway naming the stopped Mongo', 20_000, 500);
      expect(degraded.body.degraded.mongo).toEqual({ status: 'down', message: `disconnected from MongoDB (MONGO_URL), reconnecting: connect ECONNREFUSED <address>` });
      const ingestion = await http('GET', `${await ingestionUrl()}/health/ready`);
      expect([ingestion.status, ingestion.body.error.mongo.message]).toEqual([503, `disconnected from MongoDB (MONGO_URL), reconnecting: connect ECONNREFUSED <address>`]);
    } finally {
      mongo = await startFerretDb({ dataDir: join(dir, 'mongo'), port });
    }
    await waitFor(async () => (await http('GET', `${await ingestionUrl()}/health/ready`)).status === 200, 'ingestion ready again', 30_000, 500);
    await waitFor(async () => (await http('GET', `${pipeline.url}/health/ready`)).body.degraded === undefined, 'the gateway plain ready again', 30_000, 500);
  });

  it('answers 503 naming lifecycle from the moment it starts stopping, a ready answer just given notwithstanding, and live 200', async () => {
    expect((await http('GET', `${pipeline.url}/health/ready`)).status).toBe(200);
    // What runService does on SIGTERM or SIGINT, before the drain (graceful-shutdown.int-spec.ts sends the signal to an app).
    pipeline.apps.gateway!.get(ServiceLifecycle).stopping('SIGTERM');
    const stopping = { lifecycle: { status: 'down', message: 'stopping (SIGTERM): finishing in-flight work' } };
    // The gateway's own error shape leaves terminus' answer as every app gives it.
    expect(await http('GET', `${pipeline.url}/health/ready`)).toMatchObject({ status: 503, body: { status: 'error', info: {}, error: stopping, details: stopping } });
    expect((await http('GET', `${pipeline.url}/health/live`)).status).toBe(200);
  });
});
