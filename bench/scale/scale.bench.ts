import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, headers as natsHeaders, JetStreamClient, NatsConnection } from 'nats';
import { ClassifierEngine, DEFAULT_RULESET } from '@lib/classifier-engine';
import { EventEnvelope, HEADERS, NormalizedEvent, pipelineNames } from '@lib/contracts';
import { numberFlag, numberListFlag, parseFlags, readCommandLine } from '@lib/command-line';
import { ActivityGenerator } from '../support/activity-generator';
import { benchLog, BenchStack, rate, repoRoot, startBenchStack, waitUntil } from '../support/bench-stack';

/**
 * `npm run bench:scale`: classification and inference throughput with 1, 2 and 4 instances of
 * each sharing their durable consumer (PRODUCT.md scale-out). Per instance count, on a fresh
 * stack: the instances start first, then `--events` events are published as 1,000-event
 * envelopes straight into the stage's stream, and the stage is timed until its consumer has
 * nothing pending or unacknowledged. Inference gets only what the default rules do not know
 * (the events classification would hand it).
 */
const USAGE = 'usage: npm run bench:scale -- [--events 200000] [--instances 1,2,4]';
const options = readCommandLine('bench:scale', () => {
  const flags = parseFlags(process.argv.slice(2), { values: ['events', 'instances'] }, USAGE);
  return {
    events: numberFlag(flags, 'events', 200_000, { min: 1, integer: true }),
    instances: numberListFlag(flags, 'instances', [1, 2, 4], { min: 1, max: 16, integer: true }),
  };
});
const EVENTS = options.events;
const INSTANCE_COUNTS = options.instances;
const ENVELOPE_SIZE = 1000;
const DAY_START = Date.UTC(2026, 10, 20) / 1000;
const log = benchLog('scale');

function toNormalized(events: ReturnType<ActivityGenerator['batch']>): NormalizedEvent[] {
  return events.map((e) => ({ eventId: e.eventId, userId: e.userId, app: e.app, title: e.title, url: e.url, startedAtMs: e.startedAt * 1000, durationSec: e.durationSec }));
}

/** `EVENTS` events in envelopes; for inference only the ones no default rule knows. */
function envelopes(stage: 'classification' | 'inference'): EventEnvelope[] {
  const generator = new ActivityGenerator({ users: 2000, seed: 31, dayStart: DAY_START, idPrefix: stage });
  const engine = new ClassifierEngine(DEFAULT_RULESET);
  const out: EventEnvelope[] = [];
  let pending: NormalizedEvent[] = [];
  let produced = 0;
  while (produced < EVENTS) {
    for (const event of toNormalized(generator.batch(ENVELOPE_SIZE))) {
      if (stage === 'inference' && engine.classify(event) !== null) continue;
      pending.push(event);
      if (++produced === EVENTS) break;
    }
    while (pending.length >= ENVELOPE_SIZE || (produced === EVENTS && pending.length > 0)) {
      out.push({ id: `${stage}-${out.length}`, lane: 'live', events: pending.slice(0, ENVELOPE_SIZE) });
      pending = pending.slice(ENVELOPE_SIZE);
    }
  }
  return out;
}

async function publishAll(js: JetStreamClient, subject: string, batch: EventEnvelope[]): Promise<void> {
  await Promise.all(batch.map((envelope) => {
    const h = natsHeaders();
    h.set(HEADERS.lane, 'live');
    h.set(HEADERS.ingestedAt, String(Date.now()));
    return js.publish(subject, Buffer.from(JSON.stringify(envelope)), { msgID: envelope.id, headers: h });
  }));
}

async function drained(nc: NatsConnection, stream: string, durable: string): Promise<boolean> {
  const jsm = await nc.jetstreamManager();
  const info = await jsm.consumers.info(stream, durable).catch(() => undefined);
  return info !== undefined && info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq > 0;
}

async function purge(stack: BenchStack, stream: string): Promise<void> {
  const nc = await connect({ servers: stack.env.NATS_URL });
  await (await nc.jetstreamManager()).streams.purge(stream);
  await nc.close();
}

/** Starts `count` instances of the stage, publishes its input, times the stage until drained. */
async function stageRate(stack: BenchStack, stage: 'classification' | 'inference', count: number, input: EventEnvelope[]): Promise<number> {
  const names = pipelineNames(stack.env.PIPELINE_PREFIX);
  await stack.launch(stage, count);
  const nc = await connect({ servers: stack.env.NATS_URL });
  try {
    const { subject, stream } = stage === 'classification'
      ? { subject: names.subjects.events('live'), stream: names.streams.events }
      : { subject: names.subjects.unclassified('live'), stream: names.streams.unclassified };
    const events = input.reduce((n, e) => n + e.events.length, 0);
    const started = Date.now();
    await publishAll(nc.jetstream(), subject, input);
    await waitUntil(`${stage} to drain`, () => drained(nc, stream, names.durable(stage, 'live')), 30 * 60_000, 50);
    return rate(events, Date.now() - started);
  } finally {
    await nc.close();
  }
}

async function main(): Promise<void> {
  const inputs = { classification: envelopes('classification'), inference: envelopes('inference') };
  const rows: Array<{ instances: number; classificationEventsPerSec: number; inferenceEventsPerSec: number }> = [];
  for (const count of INSTANCE_COUNTS) {
    const stack = await startBenchStack({ CONSUMER_CONCURRENCY: '2' });
    try {
      log(`${count} instance(s): classification, ${EVENTS.toLocaleString('en-US')} events`);
      const classificationEventsPerSec = await stageRate(stack, 'classification', count, inputs.classification);
      await stack.stopApps();
      // Inference starts on a clean stream: only the input below, not what classification left.
      await purge(stack, pipelineNames(stack.env.PIPELINE_PREFIX).streams.unclassified);
      log(`${count} instance(s): inference, ${EVENTS.toLocaleString('en-US')} unknown events`);
      const inferenceEventsPerSec = await stageRate(stack, 'inference', count, inputs.inference);
      rows.push({ instances: count, classificationEventsPerSec, inferenceEventsPerSec });
    } finally {
      await stack.stop();
    }
  }
  process.stdout.write(`\nscale-out on this machine (${require('node:os').cpus().length} cores), ${EVENTS.toLocaleString('en-US')} events per stage run\n`);
  process.stdout.write(`  ${'instances'.padEnd(10)} ${'classification events/s'.padEnd(24)} inference events/s\n`);
  for (const r of rows) process.stdout.write(`  ${String(r.instances).padEnd(10)} ${String(r.classificationEventsPerSec).padEnd(24)} ${r.inferenceEventsPerSec}\n`);
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scale.json'), JSON.stringify({ date: new Date().toISOString(), eventsPerRun: EVENTS, rows }, null, 2));
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
