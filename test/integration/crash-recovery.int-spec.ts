import { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { freePort, LocalServer } from '../../tools/infra/src';
import { AppConfig } from '@lib/config';
import { JetStreamPublisher, NatsConnectionService } from '@lib/messaging';
import { ClassificationAnswerRepository } from '@lib/persistence';
import { LiveRuleset } from '../../apps/classification/src/live-ruleset.service';
import { createApiKey, RunningPipeline, spawnApp, startPipeline } from '../support/pipeline';
import { http } from '../support/http';
import { startPrivateRedis } from '../support/private-redis';
import { testConfig, waitFor } from '../support/test-config';

/**
 * The leaderboard app is a child process here so it can be SIGKILLed. Its Redis is a private
 * redis-server that the test freezes (SIGSTOP): the app then has written Mongo and is stuck
 * before its Redis update and ack — exactly where the kill must lose and double nothing.
 */
describe('leaderboard killed after its Mongo write, before its ack', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let redisServer: LocalServer;
  let redis: Redis;
  let mongo: MongoClient;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    redisServer = await startPrivateRedis('crash');
    config = testConfig({ REDIS_URL: redisServer.url, ACK_WAIT_SEC: '2' });
    pipeline = await startPipeline(config, ['gateway', 'ingestion', 'classification', 'inference']);
    redis = new Redis(redisServer.url);
    mongo = await MongoClient.connect(config.MONGO_URL);
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    redis?.disconnect();
    await mongo?.close();
    await pipeline?.close();
    await redisServer?.stop();
  });

  it('redelivers after restart and counts the event exactly once', async () => {
    const port = await freePort();
    child = await spawnApp('leaderboard', config, port);
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest']);

    redisServer.process.kill('SIGSTOP');
    try {
      const posted = await http('POST', `${pipeline.url}/v1/events`, {
        key,
        body: { events: [{ eventId: 'crash-1', userId: 'mallory', app: 'Code', title: 'index.ts', startedAt: '2026-11-20T08:00:00Z', durationSec: 420 }] },
      });
      expect(posted.status).toBe(202);
      const logs = mongo.db(config.MONGO_DB).collection('usage_logs');
      await waitFor(async () => logs.findOne({ _id: 'crash-1' as never }), 'the Mongo write of the frozen leaderboard app');
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
    } finally {
      redisServer.process.kill('SIGCONT');
    }

    child = await spawnApp('leaderboard', config, port);
    const total = `${config.REDIS_PREFIX}lb:total:day:2026-11-20`;
    await waitFor(async () => (await redis.zscore(total, 'mallory')) !== null, 'the redelivered event on the board', 30_000);
    // Long enough for any second delivery (ack wait 2 s) to have landed if the ack were missing.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await redis.zscore(total, 'mallory')).toBe('420');
    expect(await redis.zscore(`${config.REDIS_PREFIX}lb:work:programming:all:all`, 'mallory')).toBe('420');
    expect(await mongo.db(config.MONGO_DB).collection('usage_logs').countDocuments({ userId: 'mallory' })).toBe(1);
    expect(await mongo.db(config.MONGO_DB).collection('applied_envelopes').countDocuments()).toBe(1);
  });
});

/**
 * Classification redelivered after what it knows changed: its first attempt stored one of its two
 * outputs and failed on the other; meanwhile inference (here: the test) learnt the answer to the
 * event that was unknown. The second attempt splits the envelope differently, and that event must
 * still reach the boards.
 */
describe('classification redelivered after an unknown event became known', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let mongo: MongoClient;

  beforeAll(async () => {
    config = testConfig({ MAX_DELIVERIES: '100' });
    // No inference app: an unknown event reaches the boards only once classification knows it.
    pipeline = await startPipeline(config, ['classification', 'leaderboard']);
    mongo = await MongoClient.connect(config.MONGO_URL);
  });

  afterAll(async () => {
    await mongo?.close();
    await pipeline?.close();
  });

  it('counts the event on its second attempt although the first one stored the other output', async () => {
    const nats = pipeline.apps.classification!.get(NatsConnectionService);
    const { streams, subjects } = nats.names;
    const logs = mongo.db(config.MONGO_DB).collection('usage_logs');
    const startedAtMs = Date.UTC(2026, 10, 19, 9);
    const byRule = { eventId: 'split-rule', userId: 'ivy', app: 'Code', title: 'main.ts', startedAtMs, durationSec: 60 };
    const learnt = { eventId: 'split-learnt', userId: 'ivy', app: 'Acme Ledger', title: 'Q3 close', startedAtMs: startedAtMs + 60_000, durationSec: 120 };

    // The unclassified stream takes nothing for now: the first attempt's second publish fails.
    const unclassified = (await nats.jsm.streams.info(streams.unclassified)).config;
    await nats.jsm.streams.update(streams.unclassified, { ...unclassified, subjects: [`${subjects.unclassified('live')}-paused`] });
    try {
      await pipeline.apps.classification!.get(JetStreamPublisher).publishJson(subjects.events('live'), { id: 'split-1', lane: 'live', events: [byRule, learnt] }, { msgId: 'split-1' });
      await waitFor(async () => logs.findOne({ _id: byRule.eventId as never }), "the first attempt's classified output on the boards");
      await pipeline.apps.classification!.get(ClassificationAnswerRepository).upsertMany([{ app: learnt.app, title: learnt.title, categoryId: 'personal:finance', source: 'model', confidence: 0.9, rulesetVersion: 1 }]);
      await waitFor(async () => logs.findOne({ _id: learnt.eventId as never }), 'the event learnt between the attempts in the usage logs', 30_000);
    } finally {
      await nats.jsm.streams.update(streams.unclassified, unclassified);
    }
    expect(await logs.countDocuments({ userId: 'ivy' })).toBe(2);
  });
});

/**
 * A title regex runs in linear time, but a large one on long titles still costs tens of
 * milliseconds per title: classifying a batch of them is seconds of synchronous work. The
 * consumer's heartbeats must still go out, or the batch outlives ACK_WAIT_SEC and is delivered
 * again while its first attempt runs (and again, each time it is redelivered).
 */
describe('classification of a batch slower than the ack wait', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    config = testConfig({ ACK_WAIT_SEC: '3' });
    pipeline = await startPipeline(config, ['gateway', 'ingestion', 'classification']);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('keeps its messages from being redelivered meanwhile', async () => {
    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    // ~100 ms per 2,048-character title on this machine, whatever engine finishes the match.
    const rule = await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: { kind: 'title-regex', pattern: '(?:[a-zA-Z\\u00c0-\\u024f]*[^x]){16}z', categoryId: 'work:programming' } });
    expect(rule.status).toBe(201);
    await waitFor(async () => pipeline.apps.classification!.get(LiveRuleset).current.version >= rule.body.rulesetVersion, 'the rule in the consumer\'s ruleset');
    const events = Array.from({ length: 80 }, (_, i) => ({ eventId: `slow-${i}`, userId: 'sam', app: 'Acme Ledger', title: `z${i} ${'ab '.repeat(680)}`, startedAt: '2026-11-20T09:00:00Z', durationSec: 60 }));
    expect((await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events } })).status).toBe(202);

    const nats = pipeline.apps.classification!.get(NatsConnectionService);
    const live = nats.names.durable('classification', 'live');
    const consumer = await waitFor(async () => {
      const info = await nats.jsm.consumers.info(nats.names.streams.events, live);
      return info.delivered.stream_seq > 0 && info.num_pending === 0 && info.num_ack_pending === 0 && info;
    }, 'the batch classified and acked', 120_000);
    // One envelope, delivered once: before, 3 deliveries (each attempt outlived the ack wait).
    expect(consumer.delivered).toMatchObject({ stream_seq: 1, consumer_seq: 1 });
  });
});
