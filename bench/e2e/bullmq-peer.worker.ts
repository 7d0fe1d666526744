import { Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { MongoClient } from 'mongodb';
import { ClassifierEngine, DEFAULT_RULESET } from '@lib/classifier-engine';
import { boardsForCategory } from '@lib/contracts';
import { aggregateIncrements, boardKey, PeriodCalendar } from '@lib/leaderboard-core';
import { createSchemaIndexes, DURABLE_WRITES, serverUsesSecondaryIndexes, UsageLogSchema } from '@lib/persistence';
import { GeneratedEvent } from '../support/activity-generator';
import { BULLMQ_STORED_KEY } from './bullmq-peer.keys';

/**
 * The BullMQ peer of the benchmark: the same two stages (rules classification, then Mongo
 * insert + Redis sorted-set increments) built the way a Node team would with BullMQ — jobs of
 * 1,000 events added in bulk, one worker process per stage, concurrency 4. Same engine, same
 * documents and indexes, same increments; no exactly-once bookkeeping (a typical BullMQ design has none).
 */
type BenchEvent = GeneratedEvent;

const stage = process.argv[2];
const redisUrl = process.env.REDIS_URL!;
const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
const QUEUE_PREFIX = 'bq';

async function runClassify(): Promise<void> {
  const engine = new ClassifierEngine(DEFAULT_RULESET);
  const store = new Queue('store', { connection, prefix: QUEUE_PREFIX });
  new Worker(
    'classify',
    async (job: Job<{ events: BenchEvent[] }>) => {
      const classified = job.data.events.map((e) => {
        const result = engine.classify({ app: e.app, title: e.title, url: e.url });
        const categoryId = result?.categoryId ?? 'uncategorized';
        return { ...e, categoryId, boards: boardsForCategory(engine, categoryId) };
      });
      await store.add('store', { events: classified }, { removeOnComplete: true });
    },
    { connection, prefix: QUEUE_PREFIX, concurrency: 4, removeOnComplete: { count: 0 } },
  );
}

async function runStore(): Promise<void> {
  const mongo = await MongoClient.connect(process.env.MONGO_URL!, { writeConcern: DURABLE_WRITES });
  const db = mongo.db(process.env.MONGO_DB!);
  const logs = db.collection('usage_logs');
  // Same collection shape as ours (the indexes our apps create on this server): the same insert cost.
  await createSchemaIndexes(logs, UsageLogSchema, await serverUsesSecondaryIndexes(db));
  const calendar = new PeriodCalendar('UTC');
  const redis = new IORedis(redisUrl);
  new Worker(
    'store',
    async (job: Job<{ events: Array<BenchEvent & { categoryId: string; boards: string[] }> }>) => {
      const events = job.data.events;
      await logs.insertMany(
        events.map((e) => ({ _id: e.eventId as never, userId: e.userId, app: e.app, title: e.title, url: e.url, startedAt: new Date(e.startedAt * 1000), durationSec: e.durationSec, categoryId: e.categoryId, boards: e.boards, storedAt: new Date() })),
        { ordered: false },
      );
      const increments = aggregateIncrements(events.map((e) => ({ userId: e.userId, startedAtMs: e.startedAt * 1000, durationSec: e.durationSec, boards: e.boards })), calendar);
      const pipeline = redis.pipeline();
      for (const group of increments) {
        const key = boardKey('bq:', group.board, group.period, group.periodKey);
        group.userIds.forEach((userId, i) => pipeline.zincrby(key, group.seconds[i], userId));
      }
      pipeline.incrby(BULLMQ_STORED_KEY, events.length);
      await pipeline.exec();
    },
    { connection, prefix: QUEUE_PREFIX, concurrency: 4, removeOnComplete: { count: 0 } },
  );
}

(stage === 'classify' ? runClassify() : runStore()).catch((error) => {
  process.stderr.write(`bullmq ${stage} worker failed: ${String(error)}\n`);
  process.exit(1);
});
