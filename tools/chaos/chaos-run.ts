import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { connect, JetStreamManager, NatsConnection } from 'nats';
import { pipelineNames } from '@lib/contracts';
import { AppName, AppProcess, discardOnInterrupt, freePort, launchApp, LocalServer, startFerretDb, startNats, startRedis, terminate } from '../infra/src';
import { ActivityGenerator, seededRandom } from '../../bench/support/activity-generator';
import { spreadMoments } from './disruption-schedule';

/** The servers chaos kills besides the apps, and how each restarts on its data; the Mongo endpoint is FerretDB here. */
const SERVER_TARGETS: Record<'nats' | 'redis' | 'mongo', { name: string; start: (options: { dataDir: string; port?: number }) => Promise<LocalServer> }> = {
  nats: { name: 'nats-server', start: startNats },
  redis: { name: 'redis-server', start: (options) => startRedis({ ...options, appendOnly: true }) },
  mongo: { name: 'ferretdb', start: startFerretDb },
};

export interface ChaosOptions {
  root: string;
  seconds: number;
  kills: number;
  /** Events per second offered by the load generator (batches of 100). */
  rate: number;
  /** Malformed messages published straight to the stream; they must end in dead letters. */
  poison: number;
  seed: number;
  /**
   * SIGSTOPs (then SIGCONTs) of a target for longer than ACK_WAIT_SEC: a frozen app's batches are
   * redelivered to another instance while the first attempt is still alive and resumes later; a
   * frozen server holds its clients' requests. Optional: 0 when absent.
   */
  freezes?: number;
  /** What may be frozen (FREEZE_KINDS: an app, or a server by its program's name); every target when absent. */
  freezeKinds?: string[];
  /**
   * Rows of a CSV imported (POST /v1/imports) while the kills go on; once it is answered 202 its
   * rows count as accepted like the events. Optional: 0 when absent.
   */
  importRows?: number;
  /** Every batch carries an Idempotency-Key, which its retries send again (a client that lost the answer). */
  idempotencyKeys?: boolean;
  log: (line: string) => void;
}

export interface ChaosReport {
  ok: boolean;
  accepted: number;
  stored: number;
  missing: number;
  unexpected: number;
  killed: string[];
  frozen: string[];
  poisoned: number;
  /** Batches accepted on a second or later attempt (their first answer lost or refused by an outage). */
  retriedBatches: number;
  /** Retries of a batch under its Idempotency-Key answered other than 202 (a 4xx): none are expected. */
  refusedRetries: number;
  deadLetters: number;
  verifyExitCode: number;
  verifyOutput: string;
  failures: string[];
}

const INSTANCES: Array<[AppName, number]> = [['gateway', 1], ['ingestion', 2], ['classification', 2], ['inference', 1], ['leaderboard', 2]];
/** The kinds of target: each app (all its instances), then each server. */
export const FREEZE_KINDS = [...INSTANCES.map(([app]) => app), ...Object.values(SERVER_TARGETS).map((server) => server.name)];
const PREFIX = 'chaos';
const names = pipelineNames(PREFIX);
const DAY_START = Date.UTC(2026, 10, 20) / 1000;
const ACK_WAIT_SEC = 5;
/** Draining fails when no consumer moved for this long; its progress is logged this often. */
const DRAIN_STALL_MS = 5 * 60_000;
const DRAIN_REPORT_MS = 30_000;

interface Target {
  name: string;
  restart(): Promise<void>;
  /** The process running now: to SIGKILL, or to SIGSTOP and later SIGCONT (the same one, even if it was killed meanwhile). */
  current(): { kill(signal: NodeJS.Signals): boolean };
}

/**
 * Steady load while app instances, nats-server, redis-server and FerretDB are SIGKILLed and restarted at
 * random moments; then proves: every accepted event stored exactly once, boards equal the Mongo
 * aggregation (`leaderboard verify`), and the dead-letter stream holds exactly the poison.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const random = seededRandom(options.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'ap-chaos-'));
  const servers: Record<'nats' | 'redis' | 'mongo', LocalServer> = {
    nats: await SERVER_TARGETS.nats.start({ dataDir: join(dataDir, 'nats') }),
    redis: await SERVER_TARGETS.redis.start({ dataDir: join(dataDir, 'redis') }),
    mongo: await SERVER_TARGETS.mongo.start({ dataDir: join(dataDir, 'mongo') }),
  };
  const apps: AppProcess[] = [];
  // Current processes: a restart replaces them.
  const keepOnInterrupt = discardOnInterrupt(dataDir, () => [...apps, ...Object.values(servers)].map((each) => each.process));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NATS_URL: servers.nats.url, REDIS_URL: servers.redis.url, MONGO_URL: servers.mongo.url, MONGO_DB: 'chaos',
    PIPELINE_PREFIX: PREFIX, REDIS_PREFIX: `${PREFIX}:`, LOG_LEVEL: 'warn', AW_PORT: '0', RATE_LIMIT_PER_MIN: '1000000',
    // Outages here last seconds: retry long enough that only the poison is dead-lettered.
    MAX_DELIVERIES: '100', RETRY_BASE_MS: '200', RETRY_MAX_MS: '2000', ACK_WAIT_SEC: String(ACK_WAIT_SEC), RPC_TIMEOUT_MS: '3000',
  };
  const launches: Array<{ app: AppName; port: number; log: string; name: string }> = [];
  for (const [app, count] of INSTANCES) {
    for (let i = 1; i <= count; i++) launches.push({ app, port: await freePort(), log: join(dataDir, `${app}-${i}.log`), name: `${app}-${i}` });
  }
  const report: ChaosReport = { ok: false, accepted: 0, stored: 0, missing: 0, unexpected: 0, killed: [], frozen: [], poisoned: 0, retriedBatches: 0, refusedRetries: 0, deadLetters: 0, verifyExitCode: -1, verifyOutput: '', failures: [] };
  let nc: NatsConnection | undefined;
  let mongo: MongoClient | undefined;
  try {
    for (const l of launches) apps.push(await launchApp(options.root, l.app, env, l.port, l.log, l.name));
    const gatewayUrl = `http://127.0.0.1:${launches[0].port}`;
    const { stdout } = await promisify(execFile)(process.execPath, [join(options.root, 'dist/apps/gateway/src/cli/api-key.cli.js'), 'create', '--name', 'chaos', '--scopes', 'ingest'], { env });
    const key = (JSON.parse(stdout) as { key: string }).key;
    nc = await connect({ servers: servers.nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });

    const targets: Target[] = [
      ...apps.map((a, i): Target => ({
        name: a.name,
        // apps[i], not a: after a restart the instance is a new process.
        current: () => apps[i].process,
        restart: async () => {
          apps[i] = await launchApp(options.root, launches[i].app, env, launches[i].port, launches[i].log, launches[i].name);
        },
      })),
      ...(['nats', 'redis', 'mongo'] as const).map((server): Target => ({
        name: SERVER_TARGETS[server].name,
        current: () => servers[server].process,
        restart: async () => {
          servers[server] = await SERVER_TARGETS[server].start({ dataDir: join(dataDir, server), port: servers[server].port });
        },
      })),
    ];

    const deadline = Date.now() + options.seconds * 1000;
    const accepted = new Set<string>();
    const load = generateLoad(gatewayUrl, key, options, deadline, accepted, report);
    const imported = importFile(gatewayUrl, key, options, accepted);
    const poison = publishPoison(nc, options, deadline, report);
    // Kills spread over the run, leaving its last fifth calm.
    const chaos = atRandomMoments(options.kills, deadline - options.seconds * 200, random, async (k) => {
      const target = targets[Math.floor(random() * targets.length)];
      target.current().kill('SIGKILL');
      report.killed.push(target.name);
      options.log(`killed ${target.name} (${k + 1}/${options.kills})`);
      await sleep(300 + random() * 1500);
      await target.restart();
    });
    // Its own random stream: adding freezes leaves a seed's kills as they were.
    const freezeRandom = seededRandom(options.seed + 1);
    const kinds = options.freezeKinds ?? FREEZE_KINDS;
    const freezable = targets.filter((target) => kinds.some((kind) => target.name === kind || target.name.startsWith(`${kind}-`)));
    const freezeCount = options.freezes ?? 0;
    // Each at its own moment, over the run up to the calm (less a freeze's longest): one after the other, a short run's queued up past it.
    const moments = spreadMoments(freezeCount, Date.now(), deadline - options.seconds * 200 - (ACK_WAIT_SEC + 5) * 1000, freezeRandom);
    const frozenNow = new Set<Target>();
    const freezes = Promise.all(
      moments.map(async (at, f) => {
        await sleep(Math.max(0, at - Date.now()));
        // Another target than those frozen now, while there is one: a second SIGSTOP would be none, and the first SIGCONT would end both.
        const free = freezable.filter((target) => !frozenNow.has(target));
        const from = free.length > 0 ? free : freezable;
        const target = from[Math.floor(freezeRandom() * from.length)];
        const frozen = target.current();
        frozenNow.add(target);
        frozen.kill('SIGSTOP');
        report.frozen.push(target.name);
        const forMs = ACK_WAIT_SEC * 1000 + 1000 + freezeRandom() * 4000;
        options.log(`froze ${target.name} for ${(forMs / 1000).toFixed(1)} s (${f + 1}/${freezeCount})`);
        await sleep(forMs);
        frozen.kill('SIGCONT');
        frozenNow.delete(target);
      }),
    );
    await Promise.all([load, poison, chaos, freezes, imported]);
    report.accepted = accepted.size;
    options.log(`load done: ${accepted.size} events accepted; waiting for the pipeline to drain`);

    mongo = await MongoClient.connect(servers.mongo.url);
    // No up-front API check: JetStream may still be recovering from the last kill (each call below is retried).
    const jsm = await nc.jetstreamManager({ checkAPI: false });
    await waitForDrain(jsm, mongo, accepted.size, options.log);
    const stored = new Set<string>();
    for await (const doc of mongo.db('chaos').collection('usage_logs').find({}, { projection: { _id: 1 } })) stored.add(String(doc._id));
    report.stored = stored.size;
    report.missing = [...accepted].filter((id) => !stored.has(id)).length;
    report.unexpected = [...stored].filter((id) => !accepted.has(id)).length;
    report.deadLetters = (await jsm.streams.info('CHAOS_DEADLETTER')).state.messages;

    const verify = await promisify(execFile)(process.execPath, [join(options.root, 'dist/apps/leaderboard/src/cli/leaderboard.cli.js'), 'verify'], { env }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 2, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
    );
    report.verifyExitCode = verify.code;
    report.verifyOutput = verify.out.trim().split('\n').slice(-5).join('\n');

    if (report.missing > 0) report.failures.push(`${report.missing} accepted events are not stored`);
    if (report.unexpected > 0) report.failures.push(`${report.unexpected} stored events were never accepted`);
    if (report.stored !== report.accepted) report.failures.push(`stored ${report.stored} != accepted ${report.accepted}`);
    if (report.verifyExitCode !== 0) report.failures.push(`leaderboard verify exited ${report.verifyExitCode}: boards drift from Mongo`);
    if (report.refusedRetries > 0) report.failures.push(`${report.refusedRetries} retries under the batch's Idempotency-Key were refused`);
    if (report.deadLetters !== report.poisoned) report.failures.push(`dead letters ${report.deadLetters} != poisoned ${report.poisoned}`);
    report.ok = report.failures.length === 0;
    return report;
  } finally {
    keepOnInterrupt();
    await nc?.close().catch(() => undefined);
    await mongo?.close().catch(() => undefined);
    await Promise.all(apps.map((a) => terminate(a.process, 5000)));
    for (const s of Object.values(servers)) await s.stop();
    if (report.ok) rmSync(dataDir, { recursive: true, force: true });
    else options.log(`logs kept in ${dataDir}`);
  }
}

/**
 * Batches of 100 at the offered rate; a batch is retried (same event ids, and Idempotency-Key
 * when asked) until a 202. A 4xx to a retry under a key ends the batch as refused.
 */
async function generateLoad(url: string, key: string, options: ChaosOptions, deadline: number, accepted: Set<string>, report: ChaosReport): Promise<void> {
  const generator = new ActivityGenerator({ users: 200, seed: options.seed, dayStart: DAY_START, idPrefix: 'chaos' });
  const intervalMs = (100 / options.rate) * 1000;
  const inFlight = new Set<Promise<void>>();
  for (let next = Date.now(); Date.now() < deadline; next += intervalMs) {
    await sleep(Math.max(0, next - Date.now()));
    const events = generator.batch(100);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-api-key': key };
    if (options.idempotencyKeys) headers['idempotency-key'] = `chaos-${options.seed}-${events[0].eventId}`;
    const send = (async () => {
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${url}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ events }), signal: AbortSignal.timeout(10_000) }).then(
          async (r) => ({ status: r.status, text: await r.text() }),
          () => ({ status: 0, text: '' }),
        );
        if (response.status === 202) {
          if (attempt > 1) report.retriedBatches++;
          break;
        }
        if (options.idempotencyKeys && response.status >= 400 && response.status < 500 && response.status !== 429) {
          report.refusedRetries++;
          options.log(`attempt ${attempt} of a keyed batch refused: ${response.status} ${response.text}`);
          return;
        }
        await sleep(250);
      }
      for (const e of events) accepted.add(e.eventId);
    })();
    inFlight.add(send);
    void send.finally(() => inFlight.delete(send));
    if (inFlight.size > 64) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

/**
 * One CSV upload with its own event ids, sent a fifth into the run and retried (the same file)
 * until a 202: a gateway killed mid-upload gives no 202, and a file sent twice counts once.
 */
async function importFile(url: string, key: string, options: ChaosOptions, accepted: Set<string>): Promise<void> {
  const rows = options.importRows ?? 0;
  if (rows === 0) return;
  await sleep(options.seconds * 200);
  const lines = ['event_id,user_id,app,title,started_at,duration_sec'];
  for (let i = 0; i < rows; i++) lines.push(`chaos-import-${i},importer-${i % 50},Code,file-${i % 97}.ts,${DAY_START + 3600 + i},${1 + (i % 90)}`);
  const csv = `${lines.join('\n')}\n`;
  for (let attempt = 1; ; attempt++) {
    const status = await fetch(`${url}/v1/imports?fileName=chaos.csv`, {
      method: 'POST', headers: { 'content-type': 'text/csv', 'x-api-key': key }, body: csv, signal: AbortSignal.timeout(30_000),
    }).then((r) => r.status, () => 0);
    if (status === 202) break;
    options.log(`import upload answered ${status || 'nothing'} (attempt ${attempt}); sending it again`);
    await sleep(500);
  }
  for (let i = 0; i < rows; i++) accepted.add(`chaos-import-${i}`);
  options.log(`import of ${rows} rows accepted`);
}

async function publishPoison(nc: NatsConnection, options: ChaosOptions, deadline: number, report: ChaosReport): Promise<void> {
  const js = nc.jetstream();
  for (let i = 0; i < options.poison; i++) {
    await sleep(((deadline - Date.now()) * 0.8) / (options.poison - i));
    for (;;) {
      const ok = await js.publish(`${PREFIX}.events.live`, Buffer.from(`{"poison": ${i}`), { msgID: `poison-${i}`, timeout: 3000 }).then(() => true, () => false);
      if (ok) break;
      await sleep(250);
    }
    report.poisoned++;
  }
}

/**
 * Waits until every consumer is idle and Mongo holds the expected count. Fails only when nothing
 * moves for DRAIN_STALL_MS: after a crash, each redelivered leaderboard batch reads back its logs,
 * which on FerretDB decodes the whole usage_logs collection (docs/leaderboards.md), so a large run
 * on a busy machine drains slowly without being stuck (a fixed 5-minute limit failed such runs).
 */
async function waitForDrain(jsm: JetStreamManager, mongo: MongoClient, expected: number, log: (line: string) => void): Promise<void> {
  const consumers = [...names.laneConsumers('live'), ...names.laneConsumers('bulk')];
  const started = Date.now();
  let lastProgress = Date.now();
  let lastReport = Date.now();
  let lastState = '';
  let calmSince = 0;
  while (Date.now() - lastProgress < DRAIN_STALL_MS) {
    const infos = await Promise.all(consumers.map(({ stream, durable }) => jsm.consumers.info(stream, durable).catch(() => undefined)));
    const busy = infos.filter((i) => i && (i.num_pending > 0 || i.num_ack_pending > 0)).map((i) => `${i!.name} ${i!.num_pending} pending, ${i!.num_ack_pending} in flight`);
    const state = infos.map((i) => (i ? `${i.delivered.stream_seq}/${i.ack_floor.stream_seq}/${i.num_pending}/${i.num_ack_pending}` : '?')).join(' ');
    if (state !== lastState) lastProgress = Date.now();
    lastState = state;
    // Counted only once the consumers are idle: a count on FerretDB reads every document.
    if (infos.every(Boolean) && busy.length === 0 && (await mongo.db('chaos').collection('usage_logs').countDocuments()) >= expected) {
      calmSince ||= Date.now();
      if (Date.now() - calmSince > 3000) return log(`drained in ${Math.round((Date.now() - started) / 1000)} s`);
    } else {
      calmSince = 0;
    }
    if (Date.now() - lastReport >= DRAIN_REPORT_MS && busy.length > 0) {
      lastReport = Date.now();
      log(`draining (${Math.round((Date.now() - started) / 1000)} s): ${busy.join('; ')}`);
    }
    await sleep(500);
  }
  throw new Error(`the pipeline made no progress for ${DRAIN_STALL_MS / 60_000} minutes while draining (${lastState || 'no consumer answered'})`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Runs `disrupt` `count` times, one after the other, at random moments spread until `calmFrom`. */
async function atRandomMoments(count: number, calmFrom: number, random: () => number, disrupt: (index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < count; i++) {
    const at = Math.min(calmFrom, Date.now() + ((calmFrom - Date.now()) / (count - i)) * (0.5 + random()));
    await sleep(Math.max(0, at - Date.now()));
    await disrupt(i);
  }
}
