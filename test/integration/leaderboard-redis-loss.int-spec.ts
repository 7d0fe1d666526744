import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { ClassifiedEnvelope } from '@lib/contracts';
import { JetStreamPublisher, NatsConnectionService } from '@lib/messaging';
import { AppliedEnvelopeRepository } from '@lib/persistence';
import { LocalServer } from '../../tools/infra/src';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { BoardRecomputeService } from '../../apps/leaderboard/src/maintenance/board-recompute.service';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { startPrivateRedis } from '../support/private-redis';
import { testConfig, waitFor } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

/**
 * A Redis that loses its data (restarted without persistence, FLUSHALL) under a running
 * leaderboard: its own redis-server, so the flush touches no other test's keys.
 */
describe('leaderboard: Redis loses its data', () => {
  const day = '2026-11-18';
  let server: LocalServer;
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let redis: Redis;
  const totalDay = (userId: string) => redis.zscore(`${config.REDIS_PREFIX}lb:total:day:${day}`, userId);

  /** The message of an envelope the writer never acked, delivered again to the running consumer. */
  const redeliver = async (envelope: ClassifiedEnvelope) => {
    const app = pipeline.apps.leaderboard!;
    await app.get(JetStreamPublisher).publishJson(app.get(NatsConnectionService).names.subjects.classified(envelope.lane), envelope, { msgId: envelope.id });
    await waitFor(async () => (await app.get(AppliedEnvelopeRepository).appliedAmong([envelope.id])).size === 1 || undefined, `${envelope.id} applied after redelivery`);
  };

  beforeAll(async () => {
    server = await startPrivateRedis('loss');
    config = testConfig({ REDIS_URL: server.url });
    pipeline = await startPipeline(config, ['leaderboard']);
    redis = new Redis(server.url);
  });

  afterAll(async () => {
    redis?.disconnect();
    await pipeline?.close();
    await server?.stop();
  });

  it('a rebuild after the loss counts each envelope once: those waiting for redelivery are counted by it, not by the rebuild', async () => {
    const writer = pipeline.apps.leaderboard!.get(LeaderboardWriterService);
    const recompute = pipeline.apps.leaderboard!.get(BoardRecomputeService);
    await writer.write([classifiedEnvelope('loss-done', [{ eventId: 'loss-1', userId: 'ann', startedAt: `${day}T08:00:00Z`, durationSec: 100 }])]);
    // Its logs stored, then Redis went away: the script failed and the message waits for its redelivery.
    const stored = classifiedEnvelope('loss-stored', [{ eventId: 'loss-2', userId: 'bob', startedAt: `${day}T09:00:00Z`, durationSec: 50 }]);
    await writer.storeLogs([stored]);
    // Its increments reached Redis, which lost them with its marker before applied_envelopes recorded it.
    const marked = classifiedEnvelope('loss-marked', [{ eventId: 'loss-3', userId: 'cid', startedAt: `${day}T10:00:00Z`, durationSec: 30 }]);
    await writer.applyIncrements(await writer.pendingEnvelopes(await writer.storeLogs([marked])));
    await redis.flushall();

    await recompute.rebuild({});
    // Before, the rebuild counted every stored log, and the redeliveries counted bob's and cid's again (100 and 60).
    expect(await Promise.all([totalDay('ann'), totalDay('bob'), totalDay('cid')])).toEqual(['100', null, null]);
    await redeliver(stored);
    await redeliver(marked);
    expect(await Promise.all([totalDay('ann'), totalDay('bob'), totalDay('cid')])).toEqual(['100', '50', '30']);
    expect((await recompute.verify({})).driftEntries).toBe(0);
  });
});
