import { NatsConnectionService } from '@lib/messaging';
import { RunningPipeline, startPipeline, usePipeline } from '../support/pipeline';
import { http } from '../support/http';
import { testConfig, waitFor } from '../support/test-config';

const event = { eventId: 'fz-e', userId: 'fz-user', app: 'Code', title: 'a.ts', startedAtMs: Date.UTC(2026, 10, 21, 10), durationSec: 60 };
const envelope = (id: string, events: unknown) => JSON.stringify({ id, lane: 'live', events });

/** Messages no app publishes, as a client with NATS access (or a bug) could: each must become a dead letter. */
const HOSTILE = [
  'not json',
  '',
  'null',
  '[]',
  '1e999',
  '{"id":1}',
  '{"id":"a","lane":"live"}',
  '{"id":"b","lane":"x","events":[]}',
  envelope('c', 'x'),
  envelope('d', [null]),
  envelope('e', [{}]),
  envelope('f', [{ ...event, durationSec: -5 }]),
  envelope('g', [{ ...event, startedAtMs: 'x' }]),
  // Past JavaScript's last date: it passed classification and inference (boards of the year 275760 next).
  envelope('h', [{ ...event, startedAtMs: 8.64e15 + 1 }]),
  envelope('i', [{ ...event, userId: 'x'.repeat(100_000) }]),
  envelope('j'.repeat(5000), [event]),
  envelope('k', [{ ...event, eventId: { $gt: '' } }]),
  envelope('l', [{ ...event, boards: ['a.b', '$x'], classification: { categoryId: '$where', source: 'rule', confidence: 2, rulesetVersion: 1 } }]),
  `{"id":"deep","lane":"live","events":${'['.repeat(3000)}${']'.repeat(3000)}}`,
  '{"__proto__":{"polluted":1},"id":"m","lane":"live","events":[]}',
];

/**
 * The raw-stream side of the bad-input suite: every hostile message straight into every stage's
 * stream ends in the dead-letter stream with a reason naming what is wrong, no consumer is left
 * stuck on one, and a valid event sent afterwards is stored.
 */
describe('every stage stream under hostile messages', () => {
  const fixture = usePipeline(() => testConfig());

  it('dead-letters each one with its reason and keeps the pipeline flowing', async () => {
    const { pipeline, admin } = fixture;
    const nats = pipeline.apps.gateway!.get(NatsConnectionService);
    const { subjects, streams } = nats.names;
    const inputs = [subjects.events('live'), subjects.unclassified('live'), subjects.classified('bulk'), subjects.importJobs];
    let n = 0;
    for (const subject of inputs) for (const payload of HOSTILE) await nats.js.publish(subject, Buffer.from(payload), { msgID: `fz-${n++}` });

    await waitFor(async () => (await nats.jsm.streams.info(streams.deadLetter)).state.messages === n, `${n} dead letters`);
    const letters = (await http('GET', `${pipeline.url}/v1/dead-letters?limit=500`, { key: admin })).body.items as Array<{ stage: string; reason: string }>;
    const byStage: Record<string, number> = {};
    for (const letter of letters) byStage[letter.stage] = (byStage[letter.stage] ?? 0) + 1;
    expect(byStage).toEqual({ classification: HOSTILE.length, inference: HOSTILE.length, leaderboard: HOSTILE.length, imports: HOSTILE.length });
    const unexplained = letters.filter((l) => !/^invalid payload: \S+ .+/.test(l.reason));
    expect(unexplained).toEqual([]);

    const posted = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [{ ...event, eventId: 'fz-valid', startedAt: '2026-11-21T10:00:00Z', startedAtMs: undefined }] } });
    expect(posted.body).toMatchObject({ accepted: 1 });
    await waitFor(async () => (await http('GET', `${pipeline.url}/v1/events/fz-valid`, { key: admin })).status === 200, 'the valid event to be stored');
    for (const { stream, durable } of nats.names.laneConsumers('live')) {
      const info = await nats.jsm.consumers.info(stream, durable);
      expect([durable, info.num_pending, info.num_ack_pending]).toEqual([durable, 0, 0]);
    }
  });
});

/**
 * A stream took every subject under its prefix (`<prefix>.events.>`), so a message on one no
 * stage reads (`events.other`, a typo of a lane) was acknowledged, then never handled nor
 * dead-lettered: lost, though its publisher was told it was stored. Each stream now takes only
 * the subjects its stages read, and JetStream refuses the others at publish time.
 */
describe('stream subjects', () => {
  let pipeline: RunningPipeline;
  beforeAll(async () => (pipeline = await startPipeline(testConfig(), ['ingestion'])));
  afterAll(async () => pipeline?.close());

  it('refuses a publish on a subject no stage reads, and takes the ones they read', async () => {
    const nats = pipeline.apps.ingestion!.get(NatsConnectionService);
    const prefix = nats.names.subjects.importJobs.split('.')[0];
    const unread = [`${prefix}.events.other`, `${prefix}.events.live.x`, `${prefix}.unclassified.x`, `${prefix}.classified.live.x`, `${prefix}.imports.other`, `${prefix}.imports.upload.a.b`];
    const outcomes: Record<string, string> = {};
    for (const subject of unread) {
      outcomes[subject] = await nats.js.publish(subject, Buffer.from('{}')).then(
        () => 'stored',
        () => 'refused',
      );
    }
    expect(outcomes).toEqual(Object.fromEntries(unread.map((s) => [s, 'refused'])));
    const read = [nats.names.subjects.events('bulk'), nats.names.subjects.unclassified('live'), nats.names.subjects.classified('bulk'), nats.names.subjects.importUpload('imp_1')];
    for (const subject of read) await expect(nats.js.publish(subject, Buffer.from('{}'), { msgID: `read-${subject}` })).resolves.toMatchObject({ duplicate: false });
  });
});
