import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import Redis from 'ioredis';
import { numberFlag, parseFlags, readCommandLine } from '@lib/command-line';
import { ActivityGenerator } from '../support/activity-generator';
import { benchLog, latenciesSincePost, percentile, postEvents, repoRoot, startBenchStack, waitForCount, waitUntil } from '../support/bench-stack';

/**
 * `npm run bench:lanes`: live ingest-to-leaderboard latency while a large import runs (PRODUCT.md
 * priority lanes). First a baseline with no import, then the same live load while a CSV import
 * of `--import-events` rows (default 1,000,000) is uploaded and processed on the bulk lane.
 * The import's backlog takes minutes to drain on this machine; the measured window is the first
 * `--seconds` of it (the import is running throughout; its progress is reported).
 */
const USAGE = 'usage: npm run bench:lanes -- [--import-events 1000000] [--seconds 60] [--baseline-seconds 15] [--live-rps 20] [--live-batch 10] [--wait-import]';
const options = readCommandLine('bench:lanes', () => {
  const flags = parseFlags(process.argv.slice(2), { values: ['import-events', 'seconds', 'baseline-seconds', 'live-rps', 'live-batch'], booleans: ['wait-import'] }, USAGE);
  return {
    importEvents: numberFlag(flags, 'import-events', 1_000_000, { min: 1, integer: true }),
    windowSec: numberFlag(flags, 'seconds', 60, { min: 1 }),
    baselineSec: numberFlag(flags, 'baseline-seconds', 15, { min: 1 }),
    /** Live POSTs per second, each of `--live-batch` events from one user. */
    liveRps: numberFlag(flags, 'live-rps', 20, { min: 1 }),
    liveBatch: numberFlag(flags, 'live-batch', 10, { min: 1, max: 1000, integer: true }),
    waitImport: flags.has('wait-import'),
  };
});
const { importEvents: IMPORT_EVENTS, windowSec: WINDOW_SEC, baselineSec: BASELINE_SEC, liveRps: LIVE_RPS, liveBatch: LIVE_BATCH } = options;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;
const TARGET_P99_MS = 1000;
const log = benchLog('lanes');

/** The import file: realistic rows of 2,000 users, generated as it is uploaded (never held whole). */
function csvRows(total: number, onRow: () => void): Readable {
  const generator = new ActivityGenerator({ users: 2000, seed: 21, dayStart: DAY_START, idPrefix: 'imp' });
  const quote = (value: string | undefined) => (value === undefined ? '' : `"${value.replace(/"/g, '""')}"`);
  let sent = 0;
  return Readable.from((function* () {
    yield 'user_id,app,title,url,started_at,duration_sec\n';
    while (sent < total) {
      const lines: string[] = [];
      for (let i = 0; i < 2000 && sent < total; i++, sent++) {
        const e = generator.next();
        lines.push(`${e.userId},${quote(e.app)},${quote(e.title)},${quote(e.url)},${e.startedAt},${e.durationSec}`);
        onRow();
      }
      yield `${lines.join('\n')}\n`;
    }
  })());
}

const LIVE_USERS = 200;

interface LiveRun {
  /** Each batch's POST time by batch id (`<tag>-<i>`). */
  postedAt: Map<string, number>;
  users: string[];
  events: number;
  totalDurationSec: number;
}

/** Posts live batches of one user each at a fixed rate for `seconds`. */
async function liveLoad(gateway: string, key: string, tag: string, seconds: number): Promise<LiveRun> {
  const generator = new ActivityGenerator({ users: LIVE_USERS, seed: 5, dayStart: DAY_START, idPrefix: tag });
  const users = Array.from({ length: LIVE_USERS }, (_, k) => `${tag}-user-${k}`);
  const postedAt = new Map<string, number>();
  const start = Date.now();
  const total = Math.round(seconds * LIVE_RPS);
  let durationSec = 0;
  await Promise.all(Array.from({ length: total }, async (_, i) => {
    await new Promise((r) => setTimeout(r, start + (i * 1000) / LIVE_RPS - Date.now()));
    const events = generator.batch(LIVE_BATCH).map((e, j) => ({ ...e, userId: users[i % LIVE_USERS], eventId: `${tag}-${i}-${j}` }));
    durationSec += events.reduce((n, e) => n + e.durationSec, 0);
    postedAt.set(`${tag}-${i}`, Date.now());
    await postEvents(gateway, key, events);
  }));
  return { postedAt, users, events: total * LIVE_BATCH, totalDurationSec: durationSec };
}

/** Every live event of the run is on the all-time `total` board (one ZMSCORE, no Mongo scan). */
async function onBoards(redis: Redis, run: LiveRun): Promise<boolean> {
  const scores = await redis.zmscore('bench:lb:total:all:all', ...run.users);
  return scores.reduce((n, s) => n + Number(s ?? 0), 0) >= run.totalDurationSec;
}

function summary(latencies: number[]) {
  return { samples: latencies.length, p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), p99Ms: percentile(latencies, 99), maxMs: latencies[latencies.length - 1] };
}

async function main(): Promise<void> {
  const stack = await startBenchStack();
  const redis = new Redis(stack.env.REDIS_URL);
  try {
    await stack.launchPipeline();
    const gateway = stack.gatewayUrl();
    const key = stack.adminKey();

    log(`baseline: ${LIVE_RPS} live POSTs/s × ${LIVE_BATCH} events for ${BASELINE_SEC} s, no import`);
    const base = await liveLoad(gateway, key, 'base', BASELINE_SEC);
    await waitUntil('baseline live events on the boards', () => onBoards(redis, base), 120_000);
    const baseline = summary((await latenciesSincePost(stack.mongo, 'bench', { base: base.postedAt }, base.events)).base);

    log(`import: ${IMPORT_EVENTS.toLocaleString('en-US')} CSV rows through POST /v1/imports (streamed)`);
    const bar = new SingleBar({ format: '[lanes] upload {bar} {value}/{total} rows', hideCursor: true });
    bar.start(IMPORT_EVENTS, 0);
    let uploaded = 0;
    const body = csvRows(IMPORT_EVENTS, () => (++uploaded % 10_000 === 0 ? bar.update(uploaded) : undefined));
    const uploadStarted = Date.now();
    const response = await fetch(`${gateway}/v1/imports?format=csv&fileName=bench.csv`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'text/csv' },
      body: Readable.toWeb(body) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    bar.update(uploaded);
    bar.stop();
    if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
    const { jobId } = (await response.json()) as { jobId: string };
    const uploadMs = Date.now() - uploadStarted;
    const job = async () => (await (await fetch(`${gateway}/v1/imports/${jobId}`, { headers: { 'x-api-key': key } })).json()) as { status: string; rowsProcessed: number; accepted: number };
    let liveEventsStored = base.events;
    const bulkStored = async () => (await stack.leaderboardEventsWritten()) - liveEventsStored;
    await waitUntil('the import to reach the leaderboard stage', async () => (await bulkStored()) > 0, 300_000, 500);

    const before = { job: await job(), bulkStored: await bulkStored() };
    log(`live load for ${WINDOW_SEC} s during the import (job ${before.job.status}, ${before.job.rowsProcessed} rows read, ${before.bulkStored} bulk events on the boards)`);
    const windowStarted = Date.now();
    const duringRun = await liveLoad(gateway, key, 'during', WINDOW_SEC);
    await waitUntil('live events of the window on the boards', () => onBoards(redis, duringRun), 300_000);
    const windowMs = Date.now() - windowStarted;
    liveEventsStored += duringRun.events;
    const after = { job: await job(), bulkStored: await bulkStored() };
    const during = summary((await latenciesSincePost(stack.mongo, 'bench', { during: duringRun.postedAt }, duringRun.events)).during);

    let importDoneMs: number | undefined;
    if (options.waitImport) {
      log('waiting for every imported row to reach the boards');
      await waitForCount('import stored', IMPORT_EVENTS, bulkStored, { timeoutMs: 60 * 60_000, intervalMs: 2000 });
      importDoneMs = Date.now() - uploadStarted;
    }

    const result = {
      date: new Date().toISOString(),
      importEvents: IMPORT_EVENTS,
      live: { postsPerSec: LIVE_RPS, eventsPerPost: LIVE_BATCH },
      uploadSeconds: Number((uploadMs / 1000).toFixed(1)),
      baseline,
      duringImport: {
        ...during,
        windowSeconds: Number((windowMs / 1000).toFixed(1)),
        jobAtStart: before.job.status,
        jobAtEnd: after.job.status,
        importRowsReadAtEnd: after.job.rowsProcessed,
        bulkEventsOnBoardsAtStart: before.bulkStored,
        bulkEventsOnBoardsAtEnd: after.bulkStored,
        bulkEventsPerSecDuringWindow: Math.round(((after.bulkStored - before.bulkStored) / windowMs) * 1000),
      },
      ...(importDoneMs ? { importOnBoardsSeconds: Math.round(importDoneMs / 1000) } : {}),
      target: `live p99 < ${TARGET_P99_MS} ms during the import`,
      met: during.p99Ms < TARGET_P99_MS,
    };
    process.stdout.write(
      `\npriority lanes: live ingest-to-leaderboard latency (${LIVE_RPS} POSTs/s × ${LIVE_BATCH} events)\n` +
        `  no import                  p50 ${baseline.p50Ms} ms, p95 ${baseline.p95Ms} ms, p99 ${baseline.p99Ms} ms (${baseline.samples} events)\n` +
        `  during a ${IMPORT_EVENTS.toLocaleString('en-US')}-row import  p50 ${during.p50Ms} ms, p95 ${during.p95Ms} ms, p99 ${during.p99Ms} ms, max ${during.maxMs} ms (${during.samples} events)\n` +
        `  import while measured: job ${before.job.status} → ${after.job.status}, ${after.job.rowsProcessed.toLocaleString('en-US')} rows read, ` +
        `bulk events on the boards ${before.bulkStored.toLocaleString('en-US')} → ${after.bulkStored.toLocaleString('en-US')} (${result.duringImport.bulkEventsPerSecDuringWindow}/s)\n` +
        (importDoneMs ? `  whole import on the boards after ${result.importOnBoardsSeconds} s\n` : '') +
        `  target: ${result.target}: ${result.met ? 'met' : 'MISSED'}\n`,
    );
    const dir = join(repoRoot, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lanes.json'), JSON.stringify(result, null, 2));
  } finally {
    redis.disconnect();
    await stack.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
