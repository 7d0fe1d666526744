import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { AppConfig } from '@lib/config';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
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
});
