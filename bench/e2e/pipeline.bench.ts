import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { MongoClient } from 'mongodb';
import { AckPolicy, connect, nanos } from 'nats';
import { createSchemaIndexes, DURABLE_WRITES, serverUsesSecondaryIndexes, UsageLogSchema } from '@lib/persistence';
import { ActivityGenerator, GeneratedEvent } from '../support/activity-generator';
import { appNodeFlags } from '../../tools/bundle/app-node-flags';
import { spawnTied } from '../../tools/infra/src';
import { numberFlag, numberListFlag, parseFlags, readCommandLine } from '@lib/command-line';
import { BULLMQ_STORED_KEY } from './bullmq-peer.keys';
import {
  benchLog, latenciesSincePost, percentile, postEvents, processStats, rate, repoRoot, runConcurrently, startBenchStack, storedCount, waitForCount,
} from '../support/bench-stack';

/**
 * `npm run bench`: the whole pipeline on this machine against the limits of its parts and a
 * BullMQ peer, all in one run on the same servers and data. See README "Performance".
 */
const USAGE = 'usage: npm run bench -- [--events 1000000] [--users 2000] [--latency-seconds 20] [--latency-rates 5000,2000] [--http-seconds 10] [--skip-bullmq]';
/** Checked before anything starts: a mistake in the last phase's option would otherwise cost the whole run. */
const options = readCommandLine('bench', () => {
  const flags = parseFlags(process.argv.slice(2), { values: ['events', 'users', 'latency-seconds', 'latency-rates', 'http-seconds'], booleans: ['skip-bullmq'] }, USAGE);
  return {
    events: numberFlag(flags, 'events', 1_000_000, { min: 1000, integer: true }),
    users: numberFlag(flags, 'users', 2000, { min: 1, integer: true }),
    latencySeconds: numberFlag(flags, 'latency-seconds', 20, { min: 1, integer: true }),
    /** Steady rates (events/s, 100-event POSTs) to measure latency at; 5000 is the issue's. */
    latencyRates: numberListFlag(flags, 'latency-rates', [5000, 2000], { min: 100, integer: true }),
    httpSeconds: numberFlag(flags, 'http-seconds', 10, { min: 1, integer: true }),
    skipBullmq: flags.has('skip-bullmq'),
  };
});
const EVENTS = options.events;
const USERS = options.users;
const BATCH = 1000;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;
const log = benchLog('bench');

function batches(prefix: string, total: number, seed: number): GeneratedEvent[][] {
  const generator = new ActivityGenerator({ users: USERS, seed, dayStart: DAY_START, idPrefix: prefix });
  return Array.from({ length: Math.ceil(total / BATCH) }, (_, i) => generator.batch(Math.min(BATCH, total - i * BATCH)));
}

async function measureNatsLimit(natsUrl: string, sample: GeneratedEvent[][]): Promise<number> {
  // As the apps connect (nats-connection.service.ts): no stack captured per publish.
  const nc = await connect({ servers: natsUrl, noAsyncTraces: true });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: 'BENCH_LIMIT', subjects: ['bench.limit'] });
  await jsm.consumers.add('BENCH_LIMIT', { durable_name: 'limit', ack_policy: AckPolicy.Explicit, ack_wait: nanos(60_000) });
  const js = nc.jetstream();
  const payloads = sample.map((events, i) => Buffer.from(JSON.stringify({ id: `limit-${i}`, lane: 'live', events })));
  const started = Date.now();
  await runConcurrently(payloads, 16, async (payload, i) => {
    await js.publish('bench.limit', payload, { msgID: `limit-${i}` });
  });
  const consumer = await js.consumers.get('BENCH_LIMIT', 'limit');
  const messages = await consumer.consume({ max_messages: 256 });
  let received = 0;
  for await (const m of messages) {
    m.ack();
    if (++received === payloads.length) break;
  }
  const ms = Date.now() - started;
  await nc.drain();
  return rate(sample.reduce((n, b) => n + b.length, 0), ms);
}

async function measureMongoLimit(mongoUrl: string, sample: GeneratedEvent[][]): Promise<{ docsPerSec: number; secondaryIndexes: boolean }> {
  // The apps' write concern: the limit is what the same durable inserts reach alone.
  const client = await MongoClient.connect(mongoUrl, { writeConcern: DURABLE_WRITES });
  const db = client.db('bench_limit');
  const collection = db.collection('usage_logs');
  const storedAt = new Date();
  const toDocs = (events: GeneratedEvent[]) => events.map((e) => ({
    _id: e.eventId as never, envelopeId: `limit-${e.eventId}`, userId: e.userId, app: e.app, title: e.title, url: e.url,
    startedAt: new Date(e.startedAt * 1000), durationSec: e.durationSec, categoryId: 'work:programming',
    boards: ['work', 'work:programming', 'productive', 'total'], classification: { source: 'rule', confidence: 1, ruleId: 'r', rulesetVersion: 1 }, storedAt,
  }));
  // The collection as the pipeline has it (the indexes the apps create on this server): each index costs inserts.
  const secondaryIndexes = await serverUsesSecondaryIndexes(db);
  await createSchemaIndexes(collection, UsageLogSchema, secondaryIndexes);
  const started = Date.now();
  // Documents are built per batch, inside the clock, as the pipeline builds its own.
  await runConcurrently(sample, 2, async (events) => {
    await collection.insertMany(toDocs(events), { ordered: false });
  });
  const ms = Date.now() - started;
  await db.dropDatabase();
  await client.close();
  return { docsPerSec: rate(sample.reduce((n, b) => n + b.length, 0), ms), secondaryIndexes };
}

/** ZINCRBY of the increments a 1,000-event batch produces (~4 boards x 4 periods per user), pipelined. */
async function measureRedisLimit(redisUrl: string, sample: GeneratedEvent[][]): Promise<{ eventsPerSec: number; incrementsPerSec: number }> {
  const redis = new IORedis(redisUrl);
  let increments = 0;
  const started = Date.now();
  for (const batch of sample) {
    const pipeline = redis.pipeline();
    const seen = new Set<string>();
    for (const e of batch) {
      for (const board of ['work', 'work:programming', 'productive', 'total']) {
        for (const key of [`day:2026-11-20`, `week:2026-W47`, `month:2026-11`, 'all:all']) {
          const k = `limit:lb:${board}:${key}|${e.userId}`;
          if (seen.has(k)) continue;
          seen.add(k);
          pipeline.zincrby(`limit:lb:${board}:${key}`, e.durationSec, e.userId);
          increments++;
        }
      }
    }
    await pipeline.exec();
  }
  const ms = Date.now() - started;
  redis.disconnect();
  return { eventsPerSec: rate(sample.reduce((n, b) => n + b.length, 0), ms), incrementsPerSec: rate(increments, ms) };
}

async function main(): Promise<void> {
  const result: Record<string, unknown> = { events: EVENTS, users: USERS, startedAt: new Date().toISOString(), machine: { cpus: require('node:os').cpus().length, node: process.version }, appNodeFlags: appNodeFlags() };
  const stack = await startBenchStack();
  try {
    const { nats, redis: redisServer, mongo: mongoServer } = stack.servers;
    const limitSample = batches('limit', Math.min(EVENTS, 200_000), 7);

    log('limits: NATS JetStream publish+consume, Mongo bulk insert, Redis pipelined ZINCRBY');
    const natsLimit = await measureNatsLimit(nats.url, limitSample);
    // All N documents, as many as the pipeline inserts: FerretDB's inserts slow as its table grows,
    // so a smaller sample would overstate the limit of a large run.
    const mongoLimit = await measureMongoLimit(mongoServer.url, EVENTS > 200_000 ? batches('limit', EVENTS, 7) : limitSample);
    const redisLimit = await measureRedisLimit(redisServer.url, limitSample);
    Object.assign(result, { natsLimitEventsPerSec: natsLimit, mongoInsertLimitPerSec: mongoLimit.docsPerSec, mongoSecondaryIndexes: mongoLimit.secondaryIndexes, redisLimitEventsPerSec: redisLimit.eventsPerSec, redisIncrementsPerSec: redisLimit.incrementsPerSec });

    log('starting the five apps');
    await stack.launchPipeline();
    const apps = stack.apps;
    result.readyMsByApp = Object.fromEntries(apps.map((a) => [a.name, a.readyMs]));
    const gateway = stack.gatewayUrl();
    const key = stack.adminKey();
    const mongo = stack.mongo;

    log(`end to end: ${EVENTS} events through HTTP → … → Mongo + Redis`);
    const load = batches('e2e', EVENTS, 11);
    const postedAt = new Map<string, number>();
    const started = Date.now();
    let sent = 0;
    await runConcurrently(load, 4, async (events, i) => {
      postedAt.set(`e2e-${i}`, Date.now());
      await postEvents(gateway, key, events.map((e) => ({ ...e, eventId: `e2e-${i}-${e.eventId.split('-').pop()}` })));
      sent += events.length;
      if (i % 100 === 0) log(`  posted ${sent}/${EVENTS}`);
    });
    const postedMs = Date.now() - started;
    // No stage handles its last event before the last POST is (nearly) answered, so sampling the
    // stages while waiting for the leaderboard sees when each one ended, to within a sample (250 ms).
    const byStage: StageProgress = {};
    await waitForCount('written by the leaderboard', EVENTS, async () => recordStages(byStage, await stack.eventsByStage()).leaderboard ?? 0);
    const endToEndMs = Date.now() - started;
    await expectStored(mongo, 'bench', EVENTS);
    // The latencies of every phase are read once, after the last one (latenciesSincePost).
    const postedAtByPhase: Record<string, Map<string, number>> = { e2e: postedAt };
    Object.assign(result, {
      endToEndEventsPerSec: rate(EVENTS, endToEndMs),
      ingestEventsPerSec: rate(EVENTS, postedMs),
      stageEventsPerSec: { gateway: rate(EVENTS, postedMs), ...Object.fromEntries(Object.entries(byStage).map(([stage, s]) => [stage, rate(s.events, s.lastMs - started)])) },
      stageEvents: Object.fromEntries(Object.entries(byStage).map(([stage, s]) => [stage, s.events])),
    });

    const { latencySeconds, httpSeconds } = options;
    let written = EVENTS;
    /** Posts 100-event batches at `perSec` for latencySeconds, waits for all, returns each batch's POST time. */
    const steadyLoad = async (perSec: number, prefix: string): Promise<Map<string, number>> => {
      log(`latency at a steady ${perSec.toLocaleString('en-US')} events/s for ${latencySeconds} s`);
      const total = perSec * latencySeconds;
      const steady = batches(prefix, total, 13).flatMap((b) => Array.from({ length: Math.ceil(b.length / 100) }, (_, k) => b.slice(k * 100, k * 100 + 100)));
      const posted = new Map<string, number>();
      const intervalMs = 100_000 / perSec;
      const startedAt = Date.now();
      await Promise.all(steady.map(async (events, i) => {
        await new Promise((r) => setTimeout(r, startedAt + i * intervalMs - Date.now()));
        posted.set(`${prefix}-${i}`, Date.now());
        await postEvents(gateway, key, events.map((e, j) => ({ ...e, eventId: `${prefix}-${i}-${j}` })));
      }));
      const before = written;
      written += total;
      await waitForCount(`written at ${perSec}/s`, total, async () => (await stack.leaderboardEventsWritten()) - before);
      await expectStored(mongo, 'bench', written);
      return posted;
    };
    // 5,000/s is above this machine's Mongo insert limit (a queue builds up): lower rates show
    // the pipeline's own latency.
    const rates = options.latencyRates;
    for (const perSec of rates) postedAtByPhase[`lat${perSec}`] = await steadyLoad(perSec, `lat${perSec}`);

    log(`HTTP load (autocannon, 100-event batches, ${httpSeconds} s)`);
    const httpGenerator = new ActivityGenerator({ users: USERS, seed: 17, dayStart: DAY_START, idPrefix: 'http' });
    const cannon = await autocannon({
      url: `${gateway}/v1/events`, method: 'POST', connections: 8, duration: httpSeconds,
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ events: httpGenerator.batch(100) }) }) }],
    });
    Object.assign(result, { http: { requestsPerSec: Math.round(cannon.requests.average), eventsPerSec: Math.round(cannon.requests.average * 100), p50Ms: cannon.latency.p50, p99Ms: cannon.latency.p99, non2xx: cannon.non2xx } });

    result.peakRssMbByApp = Object.fromEntries(apps.map((a) => [a.name, processStats(a.process.pid!).peakRssMb]));
    result.cpuSecondsByApp = Object.fromEntries(apps.map((a) => [a.name, processStats(a.process.pid!).cpuSec]));
    await stack.stopApps();

    log('reading every phase\'s latencies from usage_logs (one scan)');
    const latencies = await latenciesSincePost(mongo, 'bench', postedAtByPhase, written);
    const percentiles = (values: number[]) => ({ p50Ms: percentile(values, 50), p95Ms: percentile(values, 95), p99Ms: percentile(values, 99) });
    const fullLoad = percentiles(latencies.e2e);
    Object.assign(result, { p50LatencyMsAtFullLoad: fullLoad.p50Ms, p95LatencyMsAtFullLoad: fullLoad.p95Ms, p99LatencyMsAtFullLoad: fullLoad.p99Ms });
    const latencyByRate = Object.fromEntries(rates.map((perSec) => [perSec, percentiles(latencies[`lat${perSec}`])]));
    result.latencyByRate = latencyByRate;
    const at5k = latencyByRate['5000'];
    if (at5k) Object.assign(result, { p50LatencyMsAt5k: at5k.p50Ms, p95LatencyMsAt5k: at5k.p95Ms, p99LatencyMsAt5k: at5k.p99Ms });

    if (!options.skipBullmq) {
      log(`BullMQ peer: ${EVENTS} events`);
      result.bullmqEventsPerSec = await runBullmqPeer(repoRoot, { ...stack.env, MONGO_DB: 'bench_bullmq' }, batches('bq', EVENTS, 11), mongo);
    }
    report(result);
  } finally {
    await stack.stop();
  }
}

async function runBullmqPeer(rootDir: string, env: Record<string, string>, load: GeneratedEvent[][], mongo: MongoClient): Promise<number> {
  // Tied: a bench killed (SIGTERM, SIGKILL) left them running, logging ioredis' ECONNREFUSED for ever.
  const workers = ['classify', 'store'].map((stage) => spawnTied(process.execPath, [join(rootDir, 'dist/bench/e2e/bullmq-peer.worker.js'), stage], { env, stdio: ['ignore', 'ignore', 'inherit'] }, 'SIGKILL'));
  const connection = new IORedis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('classify', { connection, prefix: 'bq' });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const total = load.reduce((n, b) => n + b.length, 0);
    const started = Date.now();
    for (let i = 0; i < load.length; i += 50) {
      await queue.addBulk(load.slice(i, i + 50).map((events) => ({ name: 'classify', data: { events }, opts: { removeOnComplete: true } })));
    }
    // The store worker counts what it wrote in Redis: cheap to poll, like our leaderboard metric.
    await waitForCount('stored by the BullMQ peer', total, async () => Number(await connection.get(BULLMQ_STORED_KEY)));
    const ms = Date.now() - started;
    await expectStored(mongo, 'bench_bullmq', total);
    return rate(total, ms);
  } finally {
    await queue.close();
    connection.disconnect();
    workers.forEach((w) => w.kill('SIGTERM'));
  }
}

/** Per stage: its event count at the last sample, and when that count last grew. */
type StageProgress = Record<string, { events: number; lastMs: number }>;

/** Records one sample of the stages' counters into `progress`; returns the sample. */
function recordStages(progress: StageProgress, counts: Record<string, number>): Record<string, number> {
  const now = Date.now();
  for (const [stage, events] of Object.entries(counts)) {
    if (events !== progress[stage]?.events) progress[stage] = { events, lastMs: now };
  }
  return counts;
}

/** The count the completion signal promised, checked once the clock stopped. */
async function expectStored(mongo: MongoClient, db: string, expected: number): Promise<void> {
  const stored = await storedCount(mongo, db, 'usage_logs');
  if (stored < expected) throw new Error(`${db}.usage_logs holds ${stored} documents, expected ${expected}`);
}

function report(result: Record<string, unknown>): void {
  const n = (key: string) => Number(result[key]);
  const ratio = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(0)} %` : 'n/a');
  const target = Math.min(20_000, 0.8 * n('mongoInsertLimitPerSec'));
  const rows: Array<[string, string, string]> = [
    ['end to end (events/s)', String(n('endToEndEventsPerSec')), `target ≥ ${Math.round(target)} (min of 20,000 and 80 % of Mongo limit)`],
    ['HTTP ingest during e2e (events/s)', String(n('ingestEventsPerSec')), ''],
    ['per stage during e2e (events/s)', JSON.stringify(result.stageEventsPerSec), 'first POST → the stage\'s last event; inference sees only what the rules leave'],
    ['limit: NATS JetStream pub+consume (events/s)', String(n('natsLimitEventsPerSec')), `ours/limit ${ratio(n('endToEndEventsPerSec'), n('natsLimitEventsPerSec'))}`],
    ['limit: Mongo bulk insert (docs/s)', String(n('mongoInsertLimitPerSec')), `ours/limit ${ratio(n('endToEndEventsPerSec'), n('mongoInsertLimitPerSec'))}; ${result.mongoSecondaryIndexes ? 'all the schema\'s indexes' : 'unique indexes only (the server reads no secondary index)'}`],
    ['limit: Redis pipelined ZINCRBY (events/s)', String(n('redisLimitEventsPerSec')), `${n('redisIncrementsPerSec')} increments/s`],
    ['BullMQ peer (events/s)', String(result.bullmqEventsPerSec ?? 'skipped'), result.bullmqEventsPerSec ? `ours/BullMQ ${(n('endToEndEventsPerSec') / n('bullmqEventsPerSec')).toFixed(2)}x (target ≥ 5x)` : ''],
    ['latency at full load p50/p95/p99 (ms)', `${n('p50LatencyMsAtFullLoad')}/${n('p95LatencyMsAtFullLoad')}/${n('p99LatencyMsAtFullLoad')}`, ''],
    ['latency at 5,000 events/s p50/p95/p99 (ms)', result.p99LatencyMsAt5k === undefined ? 'not measured' : `${n('p50LatencyMsAt5k')}/${n('p95LatencyMsAt5k')}/${n('p99LatencyMsAt5k')}`, result.p99LatencyMsAt5k === undefined ? 'add 5000 to --latency-rates' : 'target p99 ≤ 250'],
    ['latency by steady rate, p50/p95/p99 (ms)', JSON.stringify(result.latencyByRate), 'events/s → ms'],
    ['HTTP autocannon req/s, events/s, p50/p99 ms', JSON.stringify(result.http), ''],
    ['peak RSS MB by app', JSON.stringify(result.peakRssMbByApp), 'target ≤ 150 each'],
    ['app heap flags (APP_NODE_OPTIONS)', (result.appNodeFlags as string[]).join(' ') || 'Node defaults', ''],
    ['CPU seconds by app', JSON.stringify(result.cpuSecondsByApp), ''],
    ['ready ms by app', JSON.stringify(result.readyMsByApp), 'target ≤ 2000 each'],
  ];
  process.stdout.write(`\nactivity-pipeline benchmark: ${result.events} events, ${result.users} users\n`);
  for (const [name, value, note] of rows) process.stdout.write(`  ${name.padEnd(46)} ${value.padEnd(28)} ${note}\n`);
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const body = JSON.stringify(result, null, 2);
  writeFileSync(join(dir, `e2e-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), body);
  writeFileSync(join(dir, 'e2e-latest.json'), body);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
