import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Relative: global setup runs outside jest's moduleNameMapper.
import { LocalServer, startFerretDb, startNats, startRedis } from '../../tools/infra/src';

declare global {
  // eslint-disable-next-line no-var
  var __AP_SERVERS__: LocalServer[] | undefined;
}

/**
 * Starts nats-server (JetStream), redis-server and FerretDB once per test run, on free ports.
 * The URLs reach the test workers through process.env (workers are forked after this runs);
 * MONGO_URL/NATS_URL/REDIS_URL set by the caller are not used: tests always get fresh servers.
 */
export default async function globalSetup(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'ap-test-'));
  const started = Date.now();
  const servers = await Promise.all([
    startNats({ dataDir: join(root, 'nats') }),
    startRedis({ dataDir: join(root, 'redis') }),
    startFerretDb({ dataDir: join(root, 'mongo') }),
  ]);
  const [nats, redis, mongo] = servers;
  globalThis.__AP_SERVERS__ = servers;
  const env = { NATS_URL: nats.url, REDIS_URL: redis.url, MONGO_URL: mongo.url, AP_TEST_ROOT: root };
  Object.assign(process.env, env);
  process.stdout.write(`\n[harness] nats ${nats.url}, redis ${redis.url}, mongo ${mongo.url} (${Date.now() - started} ms)\n`);
}
