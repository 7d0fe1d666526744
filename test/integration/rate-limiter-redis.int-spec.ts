import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RateLimitedException, RequestRateLimiter } from '../../apps/gateway/src/auth/rate-limiter';
import { LocalServer, startRedis } from '../../tools/infra/src/local-servers';
import { testConfig } from '../support/test-config';

/** A Redis of its own: this test stops it (SIGSTOP), which the suite's shared one must never be. */
describe('per-key rate limits while Redis hangs', () => {
  let dataDir: string;
  let server: LocalServer;
  let redis: Redis;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ap-rl-'));
    server = await startRedis({ dataDir });
    redis = new Redis(server.url, { maxRetriesPerRequest: 2, commandTimeout: 10_000 });
  });

  afterAll(async () => {
    server?.process.kill('SIGCONT');
    redis?.disconnect();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("counts requests in the gateway's own process instead of waiting for Redis, with the same budget", async () => {
    const limiter = new RequestRateLimiter(redis, testConfig({ RATE_LIMIT_PER_MIN: '3' }));
    await limiter.consumeForKey('key-1');
    server.process.kill('SIGSTOP');
    // Before, each of these waited for the Redis client's 10 s command timeout.
    const started = Date.now();
    for (let i = 0; i < 3; i++) await limiter.consumeForKey('key-1');
    expect(Date.now() - started).toBeLessThan(3_000);
    const headers: Record<string, string> = {};
    await expect(limiter.consumeForKey('key-1', { setHeader: (name, value) => (headers[name] = value) })).rejects.toBeInstanceOf(RateLimitedException);
    expect(Number(headers['Retry-After'])).toBeGreaterThan(0);
    server.process.kill('SIGCONT');
  });
});
