import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@lib/config';

/** A config for one test: fresh stream/subject prefix, Mongo database and Redis key prefix. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const id = randomBytes(4).toString('hex');
  return loadConfig(
    {
      NATS_URL: process.env.NATS_URL,
      MONGO_URL: process.env.MONGO_URL,
      REDIS_URL: process.env.REDIS_URL,
      PIPELINE_PREFIX: `t${id}`,
      REDIS_PREFIX: `t${id}:`,
      MONGO_DB: `t_${id}`,
      PORT: '0',
      // No second (ActivityWatch) listener on 5600: parallel test gateways would collide there.
      AW_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      CONSUMER_BATCH_WAIT_MS: '5',
      RETRY_BASE_MS: '200',
      ACK_WAIT_SEC: '5',
      ...overrides,
    },
  );
}

/** The same settings as environment variables, for apps started as child processes. */
export function configEnv(config: AppConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) if (value !== undefined) env[key] = String(value);
  return env;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
