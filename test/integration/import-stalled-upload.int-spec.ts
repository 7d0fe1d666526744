import { ChildProcess } from 'node:child_process';
import { request, Server } from 'node:http';
import { Readable } from 'node:stream';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { AppConfig } from '@lib/config';
import { UPLOAD_CHUNK_BYTES, UPLOAD_END_HEADER } from '@lib/contracts';
import { JetStreamPublisher, NatsConnectionService, toHeaders } from '@lib/messaging';
import { ImportJobRepository } from '@lib/persistence';
import { freePort } from '../../tools/infra/src';
import { ImportUploadService } from '../../apps/gateway/src/imports/import-upload.service';
import { QUEUE_GRACE_MS } from '../../apps/gateway/src/imports/stalled-upload';
import { StalledUploadSweeper } from '../../apps/gateway/src/imports/stalled-upload.sweeper';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, spawnApp, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';

const STALL_SEC = 1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What a gateway that stops mid-upload leaves behind, and the sweeper that finishes it: a killed
 * gateway process (SIGKILL while a client streams a CSV), a client that pauses past the stall
 * timeout, and a file stored whole whose gateway stopped before queueing it.
 */
describe('stalled import uploads', () => {
  let config: AppConfig;
  let front: RunningPipeline;
  let back: RunningPipeline | undefined;
  let child: ChildProcess | undefined;
  let admin: string;
  let sweeper: StalledUploadSweeper;
  let uploadsInStream: (jobId: string) => Promise<number>;

  beforeAll(async () => {
    config = testConfig({ IMPORT_UPLOAD_STALL_SEC: String(STALL_SEC) });
    front = await startPipeline(config, ['gateway']);
    admin = await createApiKey(front.apps.gateway!, ['admin']);
    sweeper = front.apps.gateway!.get(StalledUploadSweeper);
    // The test runs every sweep itself (with the clock it needs), so the minute timer is stopped.
    await sweeper.onModuleDestroy();
    const nats = front.apps.gateway!.get(NatsConnectionService);
    uploadsInStream = async (jobId) => {
      const subject = nats.names.subjects.importUpload(jobId);
      return (await nats.jsm.streams.info(nats.names.streams.imports, { subjects_filter: subject })).state.subjects?.[subject] ?? 0;
    };
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await back?.close();
    await front?.close();
  });

  const job = async (jobId: string) => (await http('GET', `${front.url}/v1/imports/${jobId}`, { key: admin })).body;
  const csv = (user: string, rows: number) => {
    const start = Date.parse('2026-11-21T00:00:00Z') / 1000;
    const lines = ['user_id,app,title,started_at,duration_sec'];
    for (let i = 0; i < rows; i++) lines.push(`${user},Code,file-${i}.ts,${start + i * 2},1`);
    return `${lines.join('\n')}\n`;
  };

  it("gives an upload HTTP_REQUEST_TIMEOUT_SEC (default 1 h), not Node's 300 s, to arrive", () => {
    expect(config.HTTP_REQUEST_TIMEOUT_SEC).toBe(3600);
    expect((front.apps.gateway!.getHttpServer() as Server).requestTimeout).toBe(3_600_000);
  });

  it('fails an upload whose gateway was killed mid-file, with the reason, and removes its stored chunks', async () => {
    const port = await freePort();
    child = await spawnApp('gateway', config, port);
    const body = Buffer.from(csv('killed-upload', 20_000));
    expect(body.length).toBeGreaterThan(2 * UPLOAD_CHUNK_BYTES);
    const upload = request({ host: '127.0.0.1', port, path: '/v1/imports?format=csv', method: 'POST', headers: { 'x-api-key': admin, 'content-type': 'text/csv', 'content-length': body.length } });
    const answered = new Promise<string>((resolve) => {
      upload.on('response', (res) => resolve(`HTTP ${res.statusCode}`));
      upload.on('error', (error) => resolve(error.message));
    });
    // Two chunks' worth, then the client waits: the gateway stores them and holds the request open.
    upload.write(body.subarray(0, 2 * UPLOAD_CHUNK_BYTES + 1000));
    const jobs = front.apps.gateway!.get<Connection>(getConnectionToken()).collection('import_jobs');
    const pending = await waitFor(async () => jobs.findOne({ status: 'PENDING', fileName: { $exists: false } }), 'the job of the upload');
    const jobId = String(pending._id);
    await waitFor(async () => (await uploadsInStream(jobId)) >= 2, 'two stored chunks');
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;
    expect(await answered).not.toBe('HTTP 202');

    expect(await sweeper.sweep()).toEqual({ failed: 0, queued: 0 }); // its last chunk is fresh
    await sleep(STALL_SEC * 1000 + 200);
    expect(await sweeper.sweep()).toEqual({ failed: 1, queued: 0 });
    const failed = await job(jobId);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/^the upload stopped before its end and nothing more came for \d+ s .*upload the file again$/);
    expect(await uploadsInStream(jobId)).toBe(0);
    expect(await sweeper.sweep()).toEqual({ failed: 0, queued: 0 });
  });

  it('answers a client that paused past the stall timeout with 408 and keeps the job failed', async () => {
    const service = front.apps.gateway!.get(ImportUploadService);
    let resume!: () => void;
    const paused = new Promise<void>((r) => (resume = r));
    const body = csv('paused-upload', 100);
    async function* slowClient() {
      yield body.slice(0, 40);
      await paused;
      yield body.slice(40);
    }
    const received = service.receive(slowClient(), { format: 'csv', keyId: 'k', fileName: 'paused.csv' }).then(
      () => 'accepted',
      (error: { getStatus?: () => number; message: string }) => `${error.getStatus?.()} ${error.message}`,
    );
    const jobs = front.apps.gateway!.get<Connection>(getConnectionToken()).collection('import_jobs');
    const jobId = String((await waitFor(async () => jobs.findOne({ fileName: 'paused.csv' }), 'the paused job'))._id);
    await sleep(STALL_SEC * 1000 + 200);
    expect(await sweeper.sweep()).toEqual({ failed: 1, queued: 0 });
    resume();
    expect(await received).toBe('408 the upload paused for longer than 1 s (IMPORT_UPLOAD_STALL_SEC) and was cancelled; upload the file again');
    expect((await job(jobId)).status).toBe('FAILED');
    expect(await uploadsInStream(jobId)).toBe(0);
  });

  it('cuts an upload off at its first piece after the stall timeout failed its job, instead of storing the rest of the file for nothing', async () => {
    const service = front.apps.gateway!.get(ImportUploadService);
    let resume!: () => void;
    const paused = new Promise<void>((r) => (resume = r));
    let piecesRead = 0;
    // A failed job frees its key's place (IMPORT_JOBS_PER_KEY): the rest of the file, 10 MiB here (4 GiB may
    // come), was stored all the same in the imports stream until its end, uncounted.
    async function* pausedThenFast() {
      yield csv('stalled-then-fast', 10);
      await paused;
      for (let i = 0; i < 40; i++, piecesRead++) yield Buffer.alloc(256 * 1024, 'x');
    }
    const received = service.receive(pausedThenFast(), { format: 'csv', keyId: 'k', fileName: 'stalled-then-fast.csv' }).then(
      () => 'accepted',
      (error: { getStatus?: () => number; message: string }) => `${error.getStatus?.()} ${error.message}`,
    );
    const jobs = front.apps.gateway!.get<Connection>(getConnectionToken()).collection('import_jobs');
    const jobId = String((await waitFor(async () => jobs.findOne({ fileName: 'stalled-then-fast.csv' }), 'the paused job'))._id);
    await sleep(STALL_SEC * 1000 + 200);
    expect(await sweeper.sweep()).toEqual({ failed: 1, queued: 0 });
    resume();
    expect(await received).toBe('408 the upload paused for longer than 1 s (IMPORT_UPLOAD_STALL_SEC) and was cancelled; upload the file again');
    expect(piecesRead).toBeLessThanOrEqual(2);
    expect(await uploadsInStream(jobId)).toBe(0);
  });

  it('queues files stored whole whose gateway stopped before queueing them, once, and they run; a queued one is left to wait', async () => {
    const repository = front.apps.gateway!.get(ImportJobRepository);
    const publisher = front.apps.gateway!.get(JetStreamPublisher);
    const nats = front.apps.gateway!.get(NatsConnectionService);
    // What a gateway leaves when it dies after the end marker (a), or after recording the upload (b).
    const stored = async (jobId: string, user: string, recordUpload: boolean) => {
      const data = Buffer.from(csv(user, 1500));
      await repository.create({ id: jobId, format: 'csv', keyId: 'k' });
      await publisher.publishRaw(nats.names.subjects.importUpload(jobId), data, `${jobId}:0`);
      await publisher.publishRaw(nats.names.subjects.importUpload(jobId), new Uint8Array(0), `${jobId}:end`, toHeaders({ [UPLOAD_END_HEADER]: String(data.length) }));
      if (recordUpload) expect(await repository.markUploaded(jobId, data.length)).toBe(true);
      return data.length;
    };
    const bytesA = await stored('imp_0000000000000000000000a1', 'stored-a', false);
    await stored('imp_0000000000000000000000b2', 'stored-b', true);
    // And one its gateway queued as usual, waiting its turn: the sweeper's copy is a duplicate.
    const queuedId = await front.apps.gateway!.get(ImportUploadService).receive(Readable.from([csv('stored-c', 1500)]), { format: 'csv', keyId: 'k' });

    expect(await sweeper.sweep()).toEqual({ failed: 0, queued: 0 }); // within the gateway's grace
    const later = new Date(Date.now() + QUEUE_GRACE_MS + 1000);
    expect(await sweeper.sweep(later)).toEqual({ failed: 0, queued: 2 });
    expect(await sweeper.sweep(later)).toEqual({ failed: 0, queued: 0 });
    expect(await job('imp_0000000000000000000000a1')).toMatchObject({ status: 'PENDING', bytesTotal: bytesA });

    back = await startPipeline(config, ['ingestion', 'classification', 'inference', 'leaderboard']);
    for (const [jobId, user] of [['imp_0000000000000000000000a1', 'stored-a'], ['imp_0000000000000000000000b2', 'stored-b'], [queuedId, 'stored-c']]) {
      const done = await waitFor(async () => ((await job(jobId)).status === 'DONE' ? job(jobId) : undefined), `job ${jobId} done`, 60_000, 100);
      expect(done).toMatchObject({ rowsTotal: 1500, accepted: 1500, duplicates: 0, rejectedCount: 0 });
      const score = async () => (await http('GET', `${front.url}/v1/leaderboards/total/users/${user}?period=day&date=2026-11-21`, { key: admin })).body.score;
      await waitFor(async () => (await score()) === 1500, `${user}'s rows on the boards`);
    }
    // The whole file's sweeps on the gateway's /metrics: three failed uploads, two queued by the sweeper.
    const metrics = await (await fetch(`${front.url}/metrics`)).text();
    expect(metrics).toContain('ap_import_uploads_swept_total{outcome="failed"} 3');
    expect(metrics).toContain('ap_import_uploads_swept_total{outcome="queued"} 2');
  });

  it('queues stored files to an idle ingestion that starts each at once, and its start is never undone by the sweeper', async () => {
    const repository = front.apps.gateway!.get(ImportJobRepository);
    const publisher = front.apps.gateway!.get(JetStreamPublisher);
    const nats = front.apps.gateway!.get(NatsConnectionService);
    back ??= await startPipeline(config, ['ingestion', 'classification', 'inference', 'leaderboard']);
    for (let i = 0; i < 20; i++) {
      const jobId = `imp_00000000000000000000${String(i).padStart(4, '0')}c3`;
      const data = Buffer.from(csv(`idle-${i}`, 10));
      await repository.create({ id: jobId, format: 'csv', keyId: 'k' });
      await publisher.publishRaw(nats.names.subjects.importUpload(jobId), data, `${jobId}:0`);
      await publisher.publishRaw(nats.names.subjects.importUpload(jobId), new Uint8Array(0), `${jobId}:end`, toHeaders({ [UPLOAD_END_HEADER]: String(data.length) }));
      expect(await sweeper.sweep(new Date(Date.now() + QUEUE_GRACE_MS + 1000))).toEqual({ failed: 0, queued: 1 });
      // Before 2026-11-24 the sweeper recorded the requeue after sending: on FerretDB that write could put the started job back to PENDING for good.
      await waitFor(async () => (await job(jobId)).status === 'DONE', `job ${jobId} done`, 20_000, 50);
    }
  });
});
