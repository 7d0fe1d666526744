import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { MongoClient } from 'mongodb';
import { APP_NAMES, AppName, AppProcess, discardOnInterruptOrCrash, freePort, launchApp, LocalServer, startFerretDb, startNats, startRedis, terminate } from '../../tools/infra/src';

/** The local stack the whole-pipeline benchmarks run on: fresh servers, compiled apps as child processes. */

export const repoRoot = resolve(__dirname, '..', '..', '..');

/** Log lines tagged with the bench and its seconds since start, so a slow phase shows in the log. */
export const benchLog = (tag: string) => (text: string) => process.stderr.write(`[${tag} +${process.uptime().toFixed(0)} s] ${text}\n`);
export const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runConcurrently<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  }));
}

export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 30 * 60_000, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * A started progress bar on stderr when that is a terminal (a bench logged to a file keeps its plain
 * lines: cli-progress writes nothing there).
 */
function progressBar(what: string, total: number): SingleBar {
  const bar = new SingleBar({ format: `  ${what} |{bar}| {percentage}% | {value}/{total} | {duration_formatted}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0);
  return bar;
}

/** Waits until `count()` reaches `total`, with a progress bar. */
export async function waitForCount(what: string, total: number, count: () => Promise<number>, poll: { timeoutMs?: number; intervalMs?: number } = {}): Promise<void> {
  const bar = progressBar(what, total);
  try {
    await waitUntil(what, async () => {
      const n = await count();
      bar.update(Math.min(n, total));
      return n >= total;
    }, poll.timeoutMs, poll.intervalMs);
  } finally {
    bar.stop();
  }
}

/** Peak RSS (VmHWM) and CPU seconds of a process, from /proc. */
export function processStats(pid: number): { peakRssMb: number; cpuSec: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  return { peakRssMb: Math.round(hwm / 1024), cpuSec: Math.round((ticks / 100) * 10) / 10 };
}

/** Documents in a collection from its stats (a count on FerretDB decodes every document: see leaderboardEventsWritten). */
export async function storedCount(mongo: MongoClient, db: string, collection: string): Promise<number> {
  return Number((await mongo.db(db).command({ collStats: collection })).count);
}

/** POST /v1/events, retrying the few 5xx/429 a saturated machine can answer. */
export async function postEvents(gatewayUrl: string, key: string, events: unknown[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${gatewayUrl}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ events }) });
    // Read every answer: until its body is consumed, fetch keeps the connection from being reused.
    const answer = await response.text();
    if (response.status === 202) return;
    if (attempt >= 5) throw new Error(`POST /v1/events answered ${response.status}: ${answer}`);
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

/**
 * Latency from each batch's POST to the leaderboard write of its events (the usage log's
 * storedAt, set just before the Mongo insert; the Redis update follows within milliseconds), for
 * several phases at once. Event ids are `<phase>-<batch>-<n>`; `postedAt[phase]` maps each
 * `<phase>-<batch>` to its POST time. One read for all phases because on FerretDB any read of
 * usage_logs decodes the whole collection: its SQLite query does not use the `_id` index even for
 * a plain `_id` (ad-hoc probe, 50,000 logs: 370 ms of CPU per findOne; a $regex read of all of
 * them 11.5 s), so each phase read on its own cost a full scan (100–137 s at 1M logs).
 */
export async function latenciesSincePost(mongo: MongoClient, db: string, postedAt: Record<string, Map<string, number>>, expectedDocs: number): Promise<Record<string, number[]>> {
  const phases = Object.keys(postedAt);
  // The phase is what precedes an id's first '-', and it goes into the regex as it is.
  if (phases.some((phase) => !/^[A-Za-z0-9]+$/.test(phase))) throw new Error(`latenciesSincePost: phases must be letters and digits, got ${phases.join(', ')}`);
  const byPhase: Record<string, number[]> = Object.fromEntries(phases.map((phase) => [phase, []]));
  const cursor = mongo.db(db).collection('usage_logs').find({ _id: { $regex: `^(${phases.join('|')})-` } as never }, { projection: { storedAt: 1 } });
  // A million-event run's scan reads over a million documents: show how far it is.
  const bar = progressBar('latencies read from usage_logs', expectedDocs);
  let read = 0;
  try {
    for await (const doc of cursor) {
      const id = String(doc._id);
      const phase = id.slice(0, id.indexOf('-'));
      const sent = postedAt[phase]?.get(id.slice(0, id.lastIndexOf('-')));
      if (sent !== undefined) byPhase[phase].push((doc.storedAt as Date).getTime() - sent);
      if (++read % 5_000 === 0) bar.update(Math.min(read, expectedDocs));
    }
  } finally {
    bar.update(Math.min(read, expectedDocs));
    bar.stop();
  }
  for (const values of Object.values(byPhase)) values.sort((a, b) => a - b);
  return byPhase;
}

export interface BenchStack {
  dataDir: string;
  servers: { nats: LocalServer; redis: LocalServer; mongo: LocalServer };
  /** The apps' environment (servers, prefix `bench`, database `bench`). */
  env: Record<string, string>;
  apps: AppProcess[];
  mongo: MongoClient;
  /** Launches `count` instances of an app (each on its own port, log in the data dir). */
  launch(app: AppName, count?: number): Promise<AppProcess[]>;
  /** Launches the whole pipeline: `instances` overrides the count per app (default 1). */
  launchPipeline(instances?: Partial<Record<AppName, number>>): Promise<void>;
  gatewayUrl(): string;
  /**
   * Events the running leaderboard instances wrote (Mongo insert and Redis update done), summed
   * from their /metrics. The benches wait on this instead of counting documents: on FerretDB
   * (SQLite) a count decodes every document (estimatedDocumentCount took 6.4 s at 50,000 usage
   * logs and 27 s at 200,000, measured), and polling it kept FerretDB busy through the run,
   * slowing the very pipeline being measured.
   */
  leaderboardEventsWritten(): Promise<number>;
  /** Events each stage (ingestion, classification, inference, leaderboard) has handled, summed over the running apps' /metrics. */
  eventsByStage(): Promise<Record<string, number>>;
  /** An admin key created with the gateway's CLI. */
  adminKey(): string;
  stopApps(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `ap_stage_events_total` per stage, summed over these apps' /metrics. Asked for by name: a full
 * scrape costs each app ~1.7 ms of CPU (memory, handles, heap spaces), and the benches poll four
 * times a second: ~2 % of the apps' CPU in a 200,000-event run (CPU profiles, 2026-11-24).
 */
async function eventsByStage(apps: AppProcess[]): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const app of apps) {
    const text = await (await fetch(`http://127.0.0.1:${app.port}/metrics?name=ap_stage_events_total`)).text();
    for (const [, stage, value] of text.matchAll(/^ap_stage_events_total\{stage="([^"]+)"\} (\S+)$/gm)) totals[stage] = (totals[stage] ?? 0) + Number(value);
  }
  return totals;
}

/** Fresh nats-server, redis-server (append-only, fsync always, as `npm start`) and FerretDB in a temp dir, removed by stop(), on Ctrl-C or when an error escapes the run. */
export async function startBenchStack(extraEnv: Record<string, string> = {}): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ap-bench-'));
  let servers: LocalServer[] = [];
  const apps: AppProcess[] = [];
  const keepOnInterrupt = discardOnInterruptOrCrash(dataDir, () => [...apps, ...servers].map((each) => each.process));
  const [nats, redis, mongoServer] = (servers = [
    await startNats({ dataDir: join(dataDir, 'nats') }),
    await startRedis({ dataDir: join(dataDir, 'redis'), appendOnly: true }),
    await startFerretDb({ dataDir: join(dataDir, 'mongo') }),
  ]);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NATS_URL: nats.url, REDIS_URL: redis.url, MONGO_URL: mongoServer.url, MONGO_DB: 'bench', PIPELINE_PREFIX: 'bench', REDIS_PREFIX: 'bench:',
    LOG_LEVEL: 'warn', RATE_LIMIT_PER_MIN: '1000000', AW_PORT: '0',
    ...extraEnv,
  };
  const mongo = await MongoClient.connect(mongoServer.url);
  const stack: BenchStack = {
    dataDir,
    servers: { nats, redis, mongo: mongoServer },
    env,
    apps,
    mongo,
    async launch(app, count = 1) {
      const launched: AppProcess[] = [];
      for (let i = 0; i < count; i++) {
        const name = count > 1 ? `${app}-${i + 1}` : app;
        launched.push(await launchApp(repoRoot, app, env, await freePort(), join(dataDir, `${name}.log`), name));
      }
      apps.push(...launched);
      return launched;
    },
    async launchPipeline(instances = {}) {
      for (const app of APP_NAMES) await stack.launch(app, instances[app] ?? 1);
    },
    gatewayUrl() {
      const gateway = apps.find((a) => a.name.startsWith('gateway'));
      if (!gateway) throw new Error('the gateway is not running');
      return `http://127.0.0.1:${gateway.port}`;
    },
    async leaderboardEventsWritten() {
      return (await eventsByStage(apps.filter((a) => a.name.startsWith('leaderboard')))).leaderboard ?? 0;
    },
    eventsByStage() {
      return eventsByStage(apps);
    },
    adminKey() {
      const cli = join(repoRoot, 'dist/apps/gateway/src/cli/api-key.cli.js');
      return JSON.parse(execFileSync(process.execPath, [cli, 'create', '--name', 'bench', '--scopes', 'admin'], { env }).toString()).key as string;
    },
    async stopApps() {
      await Promise.all(apps.map((a) => terminate(a.process)));
      apps.length = 0;
    },
    async stop() {
      keepOnInterrupt();
      await stack.stopApps();
      await mongo.close().catch(() => undefined);
      for (const server of [mongoServer, redis, nats]) await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
