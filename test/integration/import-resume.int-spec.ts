import { ChildProcess } from 'node:child_process';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { AppConfig } from '@lib/config';
import { UPLOAD_END_HEADER } from '@lib/contracts';
import { discardImportUpload, JetStreamPublisher, NatsConnectionService, toHeaders } from '@lib/messaging';
import { ImportJobRunner } from '../../apps/ingestion/src/imports/import-job.runner';
import { freePort } from '../../tools/infra/src';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, spawnApp, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';

describe('import jobs resume after a crash', () => {
  let config: AppConfig;
  let front: RunningPipeline;
  let back: RunningPipeline | undefined;

  beforeAll(async () => {
    config = testConfig();
    front = await startPipeline(config, ['gateway']);
  });

  afterAll(async () => {
    await back?.close();
    await front?.close();
  });

  it('skips the chunks an earlier run committed and counts the rest once', async () => {
    const admin = await createApiKey(front.apps.gateway!, ['admin']);
    const start = Date.parse('2026-11-21T00:00:00Z') / 1000;
    const lines = ['user_id,app,title,started_at,duration_sec'];
    for (let i = 0; i < 2500; i++) lines.push(`resume-user,Code,file-${i}.ts,${start + i * 2},1`);
    const posted = await fetch(`${front.url}/v1/imports?format=csv`, { method: 'POST', headers: { 'x-api-key': admin, 'content-type': 'text/csv' }, body: lines.join('\n') });
    const { jobId } = (await posted.json()) as { jobId: string };
    // No ingestion runs yet: the job waits, stored. Then pretend a run committed chunk 0 and crashed.
    const jobs = front.apps.gateway!.get<Connection>(getConnectionToken()).collection('import_jobs');
    expect(await jobs.findOne({ _id: jobId as never })).toMatchObject({ status: 'PENDING', bytesTotal: Buffer.byteLength(lines.join('\n')) });
    await jobs.updateOne({ _id: jobId as never }, { $set: { status: 'PROCESSING', startedAt: new Date(), chunksCommitted: 1, rowsProcessed: 1000, accepted: 1000 } });

    back = await startPipeline(config, ['ingestion', 'classification', 'inference', 'leaderboard']);
    const job = await waitFor(async () => {
      const body = (await http('GET', `${front.url}/v1/imports/${jobId}`, { key: admin })).body;
      return body.status === 'DONE' && body;
    }, 'the resumed job', 60_000, 100);
    expect(job).toMatchObject({ rowsTotal: 2500, rowsProcessed: 2500, accepted: 2500, duplicates: 0, rejectedCount: 0 });
    const score = async () => (await http('GET', `${front.url}/v1/leaderboards/total/users/resume-user?period=day&date=2026-11-21`, { key: admin })).body.score;
    // Only chunks 1 and 2 (rows 1001..2500) were sent by this run.
    await waitFor(async () => (await score()) === 1500, 'the resumed rows on the boards');
    await new Promise((r) => setTimeout(r, 500));
    expect(await score()).toBe(1500);
  });

  it('leaves a job that another run message is running to it: a second message does not run it alongside', async () => {
    const admin = await createApiKey(front.apps.gateway!, ['admin']);
    const publisher = front.apps.gateway!.get(JetStreamPublisher);
    const { subjects } = front.apps.gateway!.get(NatsConnectionService).names;
    const jobs = front.apps.gateway!.get<Connection>(getConnectionToken()).collection('import_jobs');
    const start = Date.parse('2026-11-21T06:00:00Z') / 1000;
    const file = Buffer.from(['user_id,app,started_at,duration_sec', ...Array.from({ length: 1500 }, (_, i) => `second-run,Code,${start + i * 2},1`)].join('\n'));
    // A job stored whole and running under its first run message (stream sequence 1), halfway.
    const jobId = 'imp_000000000000000000000fe2';
    await jobs.insertOne({ _id: jobId as never, status: 'PROCESSING', format: 'csv', keyId: 'k', bytesTotal: file.length, bytesRead: 0, rowsProcessed: 1000, accepted: 1000, duplicates: 0, rejectedCount: 0, rejected: [], rejectedTruncated: false, chunksCommitted: 1, createdAt: new Date(), uploadedAt: new Date(), startedAt: new Date(), runSeq: 1 });
    await publisher.publishRaw(subjects.importUpload(jobId), file, `${jobId}:0`);
    await publisher.publishRaw(subjects.importUpload(jobId), new Uint8Array(0), `${jobId}:end`, toHeaders({ [UPLOAD_END_HEADER]: String(file.length) }));
    // A second run message (the sweeper's, after the duplicate window), then an ordinary upload behind it.
    await publisher.publishJson(subjects.importJobs, { jobId }, { msgId: `run:${jobId}:again` });
    const after = await fetch(`${front.url}/v1/imports?format=csv&userId=second-run-next`, { method: 'POST', headers: { 'x-api-key': admin, 'content-type': 'text/csv' }, body: 'app,started_at,duration_sec\nCode,2026-11-21T07:00:00Z,5\n' });
    const next = ((await after.json()) as { jobId: string }).jobId;
    await waitFor(async () => (await jobs.findOne({ _id: next as never }))?.status === 'DONE', 'the upload behind it');
    expect(await jobs.findOne({ _id: jobId as never })).toMatchObject({ status: 'PROCESSING', chunksCommitted: 1, rowsProcessed: 1000, accepted: 1000, runSeq: 1 });
  });

  it('ends a redelivered run once the first run of its message finished the job and freed its upload, instead of waiting for the rest of the file for good', async () => {
    const nats = front.apps.gateway!.get(NatsConnectionService);
    const publisher = front.apps.gateway!.get(JetStreamPublisher);
    const jobs = front.apps.gateway!.get<Connection>(getConnectionToken()).collection('import_jobs');
    const start = Date.parse('2026-11-22T00:00:00Z') / 1000;
    const rows = ['user_id,app,started_at,duration_sec', ...Array.from({ length: 1500 }, (_, i) => `redelivered,Code,${start + i * 2},1`)];
    const jobId = 'imp_000000000000000000000fe3';
    await jobs.insertOne({ _id: jobId as never, status: 'PROCESSING', format: 'csv', keyId: 'k', bytesRead: 0, rowsProcessed: 0, accepted: 0, duplicates: 0, rejectedCount: 0, rejected: [], rejectedTruncated: false, chunksCommitted: 0, createdAt: new Date(), uploadedAt: new Date(), startedAt: new Date(), runSeq: 7 });
    // The redelivered run (its first runner sent no in-progress ack for ACK_WAIT_SEC, then went on) has read the
    // file up to here; the rest is what the first runner reads on to the end.
    await publisher.publishRaw(nats.names.subjects.importUpload(jobId), Buffer.from(rows.join('\n')), `${jobId}:0`);
    const second = await startPipeline(config, ['ingestion']);
    try {
      const run = second.apps.ingestion!.get(ImportJobRunner).run(jobId, 7, false, new AbortController().signal);
      await waitFor(async () => (await jobs.findOne({ _id: jobId as never }))?.chunksCommitted === 1, 'the chunk the second run could read');
      // The first runner finishes the job and frees its upload.
      await jobs.updateOne({ _id: jobId as never }, { $set: { status: 'DONE', rowsProcessed: 1500, accepted: 1500, chunksCommitted: 2, finishedAt: new Date() } });
      await discardImportUpload(nats, jobId);
      // Before: it waited for the rest for good, holding the instance's one import slot (and its stop, until SHUTDOWN_GRACE_SEC).
      const outcome = await Promise.race([run.then(() => 'ended', (error) => `threw ${String(error)}`), new Promise((r) => setTimeout(r, 20_000, 'still reading after 20 s'))]);
      expect(outcome).toBe('ended');
      expect(await jobs.findOne({ _id: jobId as never })).toMatchObject({ status: 'DONE', rowsProcessed: 1500, accepted: 1500 });
    } finally {
      await second.close();
    }
  }, 60_000);

  it('hands a running import back when its ingestion stops, the bulk lane full, and the next ingestion finishes it, each row counted once', async () => {
    // A lane of one envelope, whose stages do not run: the import waits for room after its first chunk.
    const tight = testConfig({ IMPORT_MAX_BACKLOG: '1' });
    const gateway = await startPipeline(tight, ['gateway']);
    let rest: RunningPipeline | undefined;
    try {
      // Its consumers exist (a stage that never ran counts as an empty lane), and are not read.
      await (await startPipeline(tight, ['classification'])).close();
      const ingestion = await startPipeline(tight, ['ingestion']);
      const admin = await createApiKey(gateway.apps.gateway!, ['admin']);
      const start = Date.parse('2026-11-21T12:00:00Z') / 1000;
      const lines = ['user_id,app,title,started_at,duration_sec', ...Array.from({ length: 3000 }, (_, i) => `stopped-user,Code,file-${i}.ts,${start + i * 2},1`)];
      const posted = await fetch(`${gateway.url}/v1/imports?format=csv`, { method: 'POST', headers: { 'x-api-key': admin, 'content-type': 'text/csv' }, body: lines.join('\n') });
      const { jobId } = (await posted.json()) as { jobId: string };
      const job = async () => (await http('GET', `${gateway.url}/v1/imports/${jobId}`, { key: admin })).body;
      await waitFor(async () => (await job()).rowsProcessed === 1000, 'the first chunk committed');
      await new Promise((r) => setTimeout(r, 500));
      // Before: the run waited for room for good, and so did the stop (in a process, until SHUTDOWN_GRACE_SEC, exit code 1).
      const stopped = await Promise.race([ingestion.close().then(() => 'stopped'), new Promise((r) => setTimeout(r, 10_000, 'still waiting after 10 s'))]);
      expect(stopped).toBe('stopped');
      expect(await job()).toMatchObject({ status: 'PROCESSING', rowsProcessed: 1000, accepted: 1000 });

      rest = await startPipeline(tight, ['ingestion', 'classification', 'inference', 'leaderboard']);
      const done = await waitFor(async () => {
        const body = await job();
        return body.status === 'DONE' && body;
      }, 'the job finished by the next ingestion', 60_000, 100);
      expect(done).toMatchObject({ rowsTotal: 3000, rowsProcessed: 3000, accepted: 3000, duplicates: 0, rejectedCount: 0 });
      const score = async () => (await http('GET', `${gateway.url}/v1/leaderboards/total/users/stopped-user?period=day&date=2026-11-21`, { key: admin })).body.score;
      await waitFor(async () => (await score()) === 3000, 'every row on the boards');
      await new Promise((r) => setTimeout(r, 500));
      expect(await score()).toBe(3000);
    } finally {
      await rest?.close();
      await gateway.close();
    }
  }, 120_000);

  it('leaves the run message to the run that took its job over: the run left behind does not ack it from under the other, whose hand-back then brings it back', async () => {
    // A lane of one envelope whose stage does not read: the run waits for room after each chunk, until the test makes some.
    const tight = testConfig({ IMPORT_MAX_BACKLOG: '1' });
    const gateway = await startPipeline(tight, ['gateway']);
    let second: RunningPipeline | undefined;
    try {
      // The lane's stage and the imports consumer exist; nothing reads them yet.
      await (await startPipeline(tight, ['classification', 'ingestion'])).close();
      const nats = gateway.apps.gateway!.get(NatsConnectionService);
      const { streams, subjects, durable } = nats.names;
      const makeRoom = () => nats.jsm.streams.purge(streams.events, { filter: subjects.events('bulk') });
      const jobs = gateway.apps.gateway!.get<Connection>(getConnectionToken()).collection('import_jobs');
      const admin = await createApiKey(gateway.apps.gateway!, ['admin']);
      const start = Date.parse('2026-11-21T18:00:00Z') / 1000;
      const lines = ['user_id,app,started_at,duration_sec', ...Array.from({ length: 4500 }, (_, i) => `left-behind,Code,${start + i * 2},1`)];
      const posted = await fetch(`${gateway.url}/v1/imports?format=csv`, { method: 'POST', headers: { 'x-api-key': admin, 'content-type': 'text/csv' }, body: lines.join('\n') });
      const { jobId } = (await posted.json()) as { jobId: string };
      // The first runner (played here) takes the run message and freezes past ACK_WAIT_SEC (a paused VM): the message goes to the second.
      const firstDelivery = await (await nats.js.consumers.get(streams.imports, durable('imports'))).next({ expires: 5000 });
      expect(firstDelivery?.json()).toEqual({ jobId });
      second = await startPipeline(tight, ['ingestion']);
      const committed = async () => (await jobs.findOne({ _id: jobId as never }))!.chunksCommitted as number;
      await waitFor(async () => (await committed()) === 1, 'the second runner waiting for room after its first chunk', 30_000);
      // The first wakes up and commits the next chunk first (its counts, as its run would add them).
      await jobs.updateOne({ _id: jobId as never, chunksCommitted: 1 }, { $set: { chunksCommitted: 2, bytesRead: 0 }, $inc: { rowsProcessed: 1000, accepted: 1000 } });
      // The second, at its next commit, finds the job moved on without it and stops.
      await makeRoom();
      await new Promise((r) => setTimeout(r, 2000));
      // The message stays the first's (before: the second acked it, JetStream taking an ack from any delivery).
      expect((await nats.jsm.consumers.info(streams.imports, durable('imports'))).num_ack_pending).toBe(1);
      // The first stops (a deploy) and hands the message back: the second instance resumes the job and finishes it.
      firstDelivery!.nak();
      const done = await waitFor(async () => {
        await makeRoom();
        const job = await jobs.findOne({ _id: jobId as never });
        return job?.status === 'DONE' && job;
      }, 'the job finished (before: nothing resumed it, PROCESSING for good)', 30_000, 500);
      expect(done).toMatchObject({ rowsTotal: 4500, rowsProcessed: 4500, rejectedCount: 0 });
      expect(done.accepted + done.duplicates).toBe(4500);
    } finally {
      await second?.close();
      await gateway.close();
    }
  }, 120_000);

  it('does not hold a queued job while it runs another: the job waits in the stream, delivered once, and an idle instance takes it at once', async () => {
    // A lane of one envelope whose stage does not read: the first job waits for room after its first chunk.
    const tight = testConfig({ IMPORT_MAX_BACKLOG: '1' });
    const gateway = await startPipeline(tight, ['gateway']);
    const ingestions: RunningPipeline[] = [];
    try {
      await (await startPipeline(tight, ['classification'])).close();
      ingestions.push(await startPipeline(tight, ['ingestion']));
      const nats = gateway.apps.gateway!.get(NatsConnectionService);
      const { streams, subjects, durable } = nats.names;
      const jobs = gateway.apps.gateway!.get<Connection>(getConnectionToken()).collection('import_jobs');
      const admin = await createApiKey(gateway.apps.gateway!, ['admin']);
      const upload = async (user: string, rows: number) => {
        const lines = ['user_id,app,started_at,duration_sec', ...Array.from({ length: rows }, (_, i) => `${user},Code,${Date.parse('2026-11-21T20:00:00Z') / 1000 + i * 2},1`)];
        const posted = await fetch(`${gateway.url}/v1/imports?format=csv`, { method: 'POST', headers: { 'x-api-key': admin, 'content-type': 'text/csv' }, body: lines.join('\n') });
        return ((await posted.json()) as { jobId: string }).jobId;
      };
      const long = await upload('long-job', 3000);
      await waitFor(async () => (await jobs.findOne({ _id: long as never }))?.chunksCommitted === 1, 'the first job waiting for room');
      const queued = await upload('queued-job', 10);
      // Twice the ack wait (5 s) with the only instance busy.
      await new Promise((r) => setTimeout(r, 11_000));
      // Before: the busy instance had pulled it and held it unstarted, never in progress: redelivered every ack wait.
      expect((await nats.jsm.consumers.info(streams.imports, durable('imports'))).num_redelivered).toBe(0);
      // A second instance, idle, takes the queued job (its row waits for room behind the first job's chunk).
      ingestions.push(await startPipeline(tight, ['ingestion']));
      await waitFor(async () => (await jobs.findOne({ _id: queued as never }))?.status === 'PROCESSING', 'the queued job started by the idle instance', 3_000);
      await waitFor(async () => {
        await nats.jsm.streams.purge(streams.events, { filter: subjects.events('bulk') });
        return (await jobs.countDocuments({ _id: { $in: [long, queued] as never[] }, status: 'DONE' })) === 2;
      }, 'both jobs done', 30_000, 300);
      expect(await jobs.findOne({ _id: queued as never })).toMatchObject({ rowsProcessed: 10, accepted: 10 });
    } finally {
      for (const ingestion of ingestions.reverse()) await ingestion.close();
      await gateway.close();
    }
  }, 120_000);

  it('reads on when the server removed its upload reader while the job waited for room longer than the reader may idle', async () => {
    // A lane of one envelope whose stage does not read: the job waits for room after its first chunk.
    const tight = testConfig({ IMPORT_MAX_BACKLOG: '1' });
    const gateway = await startPipeline(tight, ['gateway']);
    let ingestion: RunningPipeline | undefined;
    try {
      await (await startPipeline(tight, ['classification'])).close();
      ingestion = await startPipeline(tight, ['ingestion']);
      const nats = gateway.apps.gateway!.get(NatsConnectionService);
      const { streams, subjects, durable } = nats.names;
      const jobs = gateway.apps.gateway!.get<Connection>(getConnectionToken()).collection('import_jobs');
      const admin = await createApiKey(gateway.apps.gateway!, ['admin']);
      // 3 MB: more than the reader holds ahead of the parser (8 chunks of 256 KiB).
      const start = Date.parse('2026-11-21T21:00:00Z') / 1000;
      const title = 'x'.repeat(1500);
      const lines = ['user_id,app,title,started_at,duration_sec', ...Array.from({ length: 2000 }, (_, i) => `idle-reader,Code,${title}-${i},${start + i * 2},1`)];
      const posted = await fetch(`${gateway.url}/v1/imports?format=csv`, { method: 'POST', headers: { 'x-api-key': admin, 'content-type': 'text/csv' }, body: lines.join('\n') });
      const { jobId } = (await posted.json()) as { jobId: string };
      await waitFor(async () => (await jobs.findOne({ _id: jobId as never }))?.chunksCommitted === 1, 'the job waiting for room');
      await new Promise((r) => setTimeout(r, 500));
      // What the server does to a reader that pulled nothing for READER_IDLE_MS (5 min): it removes it.
      const readers = [];
      for await (const consumer of await nats.jsm.consumers.list(streams.imports)) if (consumer.name !== durable('imports')) readers.push(consumer.name);
      expect(readers).toHaveLength(1);
      await nats.jsm.consumers.delete(streams.imports, readers[0]);
      const done = await waitFor(async () => {
        await nats.jsm.streams.purge(streams.events, { filter: subjects.events('bulk') });
        const job = await jobs.findOne({ _id: jobId as never });
        return job?.status === 'DONE' && job;
      }, 'the job done (before: it waited for the rest of the file for good)', 60_000, 300);
      expect(done).toMatchObject({ rowsTotal: 2000, rowsProcessed: 2000, accepted: 2000, rejectedCount: 0 });
      // Read on in the same run: its message delivered once (before, with the reader checking for a missing
      // upload: the run failed on "consumer not found", and the job resumed on a redelivery, one of MAX_DELIVERIES).
      expect((await nats.jsm.consumers.info(streams.imports, durable('imports'))).delivered.consumer_seq).toBe(1);
    } finally {
      await ingestion?.close();
      await gateway.close();
    }
  }, 120_000);
});
