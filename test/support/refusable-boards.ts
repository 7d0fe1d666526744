import Redis from 'ioredis';
import { AppConfig, loadConfig } from '@lib/config';
import { NatsConnectionService } from '@lib/messaging';
import { LocalServer } from '../../tools/infra/src';
import { startPrivateRedis } from './private-redis';
import { createApiKey, RunningPipeline, startPipeline } from './pipeline';
import { configEnv, testConfig } from './test-config';

/** A whole pipeline whose leaderboard app writes to a private redis-server the test can make refuse writes. */
export interface PipelineWithRefusableBoards {
  config: AppConfig;
  /** Gateway, ingestion, classification and inference. */
  pipeline: RunningPipeline;
  /** The leaderboard app alone, on `redisServer`. */
  boards: RunningPipeline;
  redisServer: LocalServer;
  /** A client of `redisServer`: `refuseWrites(true)` is its `min-replicas-to-write 1`. */
  boardsRedis: Redis;
  admin: string;
  nats: NatsConnectionService;
  /**
   * `min-replicas-to-write 1`: every write answers NOREPLICAS at once, a real, external and
   * deterministic cause of dead letters after the Mongo write, mended by setting it back. (A
   * stopped Redis would not do: the app's client queues commands until Redis is back.)
   */
  refuseWrites(refuse: boolean): Promise<unknown>;
  close(): Promise<void>;
}

/** Retries fast and dead-letters at the second delivery, so a refused write becomes a letter in well under a second. */
export async function startPipelineWithRefusableBoards(name: string): Promise<PipelineWithRefusableBoards> {
  const redisServer = await startPrivateRedis(name);
  const boardsRedis = new Redis(redisServer.url);
  const config = testConfig({ MAX_DELIVERIES: '2', RETRY_BASE_MS: '50' });
  const pipeline = await startPipeline(config, ['gateway', 'ingestion', 'classification', 'inference']);
  const boards = await startPipeline(loadConfig({ ...configEnv(config), REDIS_URL: redisServer.url }), ['leaderboard']);
  return {
    config,
    pipeline,
    boards,
    redisServer,
    boardsRedis,
    admin: await createApiKey(pipeline.apps.gateway!, ['admin']),
    nats: pipeline.apps.gateway!.get(NatsConnectionService),
    refuseWrites: (refuse) => boardsRedis.config('SET', 'min-replicas-to-write', refuse ? '1' : '0'),
    async close() {
      boardsRedis.disconnect();
      await boards.close();
      await pipeline.close();
      await redisServer.stop();
    },
  };
}
