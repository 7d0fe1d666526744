import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalServer, startFerretDb } from '../../tools/infra/src';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig } from '../support/test-config';

/**
 * The rules and categories reads while classification's Mongo (one of the test's own: the suite's
 * shared one must never be stopped) hangs or is gone: a client is told the database is
 * unreachable, with Retry-After, before the gateway gives up on classification.
 */
describe('rules and categories while Mongo is away', () => {
  let dir: string;
  let mongo: LocalServer;
  let pipeline: RunningPipeline;
  let admin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ap-rules-outage-'));
    mongo = await startFerretDb({ dataDir: join(dir, 'mongo') });
    pipeline = await startPipeline(testConfig({ MONGO_URL: mongo.url }), ['gateway', 'classification']);
    admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    // The key is known to the gateway from now on: its lookups answer from the cache while Mongo is away.
    expect((await http('GET', `${pipeline.url}/v1/rules?limit=1`, { key: admin })).status).toBe(200);
  });

  afterAll(async () => {
    mongo?.process.kill('SIGCONT');
    await pipeline?.close();
    await mongo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const reads = ['/v1/rules', '/v1/categories', '/v1/rules/export', '/v1/classifications'];
  const unreachable = {
    status: 503,
    retryAfter: '5',
    message: expect.stringMatching(/^the database is unreachable \(no answer within \d+ ms\): retry shortly$/),
  };
  const answer = async (path: string) => {
    const response = await http('GET', `${pipeline.url}${path}`, { key: admin });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), message: response.body.message };
  };

  it('answers 503 naming the database, with Retry-After, while it hangs (before: 504 "classification did not answer within 5000 ms")', async () => {
    mongo.process.kill('SIGSTOP');
    try {
      for (const path of reads) expect(await answer(path)).toEqual(unreachable);
    } finally {
      mongo.process.kill('SIGCONT');
    }
    expect((await http('GET', `${pipeline.url}/v1/categories`, { key: admin })).status).toBe(200);
  });

  it('answers the same while it is stopped', async () => {
    const port = mongo.port;
    await mongo.stop();
    try {
      for (const path of reads.slice(0, 2)) expect(await answer(path)).toEqual(unreachable);
    } finally {
      mongo = await startFerretDb({ dataDir: join(dir, 'mongo'), port });
    }
  });
});
