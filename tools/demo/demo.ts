import { Presets, SingleBar } from 'cli-progress';
import { mulberry32 } from '@lib/text-model';
import { numberFlag, parseFlags, runCommand, SEED_RANGE } from '@lib/command-line';
import { GATEWAY_OPTIONS_USAGE, GatewayAccess, gatewayAccess, gatewayUnreachable, keyRefused } from '../cli/gateway-access';
import { Persona } from './activity-catalog';
import { DemoEvent, simulatedDayText, simulateWorkDay } from './work-day';

const USAGE = `usage: npm run demo -- [--users 20] [--minutes 2] [--url URL] [--key KEY] [--seed N]

Streams a simulated work day of --users people through POST /v1/events, compressed into --minutes.
${GATEWAY_OPTIONS_USAGE}; it needs the ingest scope`;

const DAY_SEC = 8.5 * 3600;
const TICK_MS = 500;
const MAX_BATCH = 1000;
const FIRST = ['maria', 'tom', 'kenji', 'aisha', 'lucas', 'priya', 'noah', 'sofia', 'omar', 'lena', 'diego', 'mei', 'jonas', 'fatima', 'ivan', 'chloe', 'samuel', 'yuki', 'amara', 'felix'];
const LAST = ['garcia', 'becker', 'sato', 'khan', 'silva', 'patel', 'smith', 'rossi', 'haddad', 'novak'];
const PERSONA_MIX: Persona[] = ['developer', 'developer', 'designer', 'manager', 'developer', 'analyst', 'support', 'developer', 'designer', 'manager'];

interface Options {
  users: number;
  minutes: number;
  gateway: GatewayAccess;
  seed: number;
}

interface Totals {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  failed: number;
  /** The key refused while streaming (revoked meanwhile): the demo stops with it. */
  refused?: Error;
}

function options(argv: string[]): Options {
  const flags = parseFlags(argv, { values: ['users', 'minutes', 'url', 'key', 'seed'] }, USAGE);
  return {
    users: numberFlag(flags, 'users', 20, { min: 1, max: 10_000, integer: true }),
    minutes: numberFlag(flags, 'minutes', 2, { min: 0.1, max: 24 * 60 }),
    seed: numberFlag(flags, 'seed', Date.now() % 1_000_000, SEED_RANGE),
    // Last: it may say which stack it found, once the flags are known to be good.
    gateway: gatewayAccess({ url: flags.get('url'), key: flags.get('key') }, 'the ingest scope'),
  };
}

/** maria.garcia, tom.becker, …: distinct for the first 200 users, numbered after that. */
function userName(i: number): string {
  const name = `${FIRST[i % FIRST.length]}.${LAST[(i + Math.floor(i / FIRST.length)) % LAST.length]}`;
  return i < FIRST.length * LAST.length ? name : `${name}${Math.floor(i / (FIRST.length * LAST.length))}`;
}

const endOf = (e: DemoEvent) => Date.parse(e.startedAt) + e.durationSec * 1000;

/** One POST; waits out 429s and retries transient failures, so a busy gateway slows the demo instead of losing events; a refused key stops it. */
async function post(o: Options, events: DemoEvent[], totals: Totals): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    try {
      response = await fetch(`${o.gateway.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': o.gateway.key }, body: JSON.stringify({ events }) });
    } catch {
      // gateway unreachable: retried below
    }
    if (response?.status === 429) {
      await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    if (response?.status === 401 || response?.status === 403) {
      // A refused key stays refused: each batch of the rest of the demo was retried and failed, for minutes.
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      totals.refused ??= keyRefused(o.gateway, response.status, body.message);
      totals.failed += events.length;
      totals.sent += events.length;
      return;
    }
    if (response && response.status < 500) {
      const body = (await response.json().catch(() => ({}))) as { accepted?: number; duplicates?: number; rejected?: unknown[] };
      totals.accepted += body.accepted ?? 0;
      totals.duplicates += body.duplicates ?? 0;
      totals.rejected += body.rejected?.length ?? 0;
      totals.sent += events.length;
      return;
    }
    if (attempt >= 4) {
      totals.failed += events.length;
      totals.sent += events.length;
      return;
    }
    await sleep(500 * 2 ** attempt);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fails fast, with the reason, when the gateway is down or refuses the key (an empty batch is a harmless 400). */
async function checkAccess({ gateway }: Options): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${gateway.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': gateway.key }, body: '{"events":[]}' });
  } catch (error) {
    throw gatewayUnreachable(gateway, error);
  }
  if (response.status === 401 || response.status === 403) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw keyRefused(gateway, response.status, body.message);
  }
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  await checkAccess(o);
  const realMs = o.minutes * 60_000;
  const started = Date.now();
  // The simulated day ends when the demo does: every event lies in the past when it is sent.
  const dayStart = started + realMs - DAY_SEC * 1000;
  const simulatedAt = (elapsedMs: number) => dayStart + (Math.min(elapsedMs, realMs) / realMs) * DAY_SEC * 1000;
  const random = mulberry32(o.seed);
  const queues = Array.from({ length: o.users }, (_, i) => simulateWorkDay({ userId: userName(i), persona: PERSONA_MIX[i % PERSONA_MIX.length], startMs: dayStart, lengthSec: DAY_SEC, random }));
  const total = queues.reduce((n, q) => n + q.length, 0);

  process.stdout.write(`Streaming a work day of ${o.users} users (${total.toLocaleString()} events) to ${o.gateway.url} over ${o.minutes} min (seed ${o.seed})\n`);
  const bar = new SingleBar(
    { format: 'day {clock} |{bar}| {percentage}% | {value}/{total} events | {rate} ev/s | failed {failed}', hideCursor: true, barsize: 30 },
    Presets.shades_classic,
  );
  const totals: Totals = { sent: 0, accepted: 0, duplicates: 0, rejected: 0, failed: 0 };
  const clock = (ms: number) => new Date(Date.UTC(2000, 0, 1, 9) + ms - dayStart).toISOString().slice(11, 16);
  bar.start(total, 0, { clock: '09:00', rate: '0', failed: 0 });

  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  const inFlight = new Set<Promise<void>>();
  while (!stopping && !totals.refused) {
    const elapsed = Date.now() - started;
    const now = simulatedAt(elapsed);
    for (const queue of queues) {
      let n = 0;
      while (n < queue.length && n < MAX_BATCH && endOf(queue[n]) <= now) n++;
      if (n === 0) continue;
      const sending = post(o, queue.splice(0, n), totals).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
      // Trackers post on their own; a bound on open requests keeps a big demo from flooding the gateway.
      if (inFlight.size >= 32) await Promise.race(inFlight);
    }
    bar.update(totals.sent, { clock: clock(now), rate: (totals.sent / Math.max(1, elapsed / 1000)).toFixed(1), failed: totals.failed });
    if (queues.every((q) => q.length === 0)) break;
    await sleep(TICK_MS);
  }
  await Promise.all(inFlight);
  // Stopped early (Ctrl-C, a refused key), the events sent end here, not at the day's end.
  const dayEnd = simulatedAt(Date.now() - started);
  bar.update(totals.sent, { clock: clock(dayEnd), failed: totals.failed });
  bar.stop();

  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `Sent ${totals.sent.toLocaleString()} events for ${o.users} users in ${seconds.toFixed(1)} s (${(totals.sent / seconds).toFixed(1)} events/s): ` +
      `${totals.accepted.toLocaleString()} accepted, ${totals.duplicates} duplicates, ${totals.rejected} rejected, ${totals.failed} failed\n` +
      `Dashboard: ${o.gateway.url}/ (${simulatedDayText(dayStart, dayEnd)})\n`,
  );
  if (totals.refused) throw totals.refused;
  if (totals.failed > 0) process.exitCode = 1;
}

runCommand('demo', main);
