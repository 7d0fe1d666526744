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
    // The lookup answers once the usage log is written; the leaderboard acks after the boards (a loaded machine once saw it in between).
    for (const { stream, durable } of nats.names.laneConsumers('live')) {
      await waitFor(async () => {
        const info = await nats.jsm.consumers.info(stream, durable);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      }, `${durable} to have nothing pending`);
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

/**
 * One bad event in a message published straight into a stream dead-lettered the whole message:
 * the valid events beside it were never counted, and replaying the letter could not help (it
 * failed the same way). Now the valid events go on and only the refused ones become a letter,
 * its reason naming each one's field; replaying that letter counts nothing twice.
 */
describe('a message with valid and invalid events', () => {
  const fixture = usePipeline(() => testConfig());

  it('keeps the valid events of each stage stream and dead-letters only the others', async () => {
    const { pipeline, admin } = fixture;
    const nats = pipeline.apps.gateway!.get(NatsConnectionService);
    const { subjects } = nats.names;
    const at = (minute: number) => Date.UTC(2026, 10, 21, 10, minute);
    const good = (id: string, minute: number) => ({ ...event, eventId: id, userId: 'mix-user', startedAtMs: at(minute), durationSec: 60 });
    const classification = { categoryId: 'work:programming', source: 'rule', confidence: 1, rulesetVersion: 1 };
    const classified = (id: string, minute: number) => ({ ...good(id, minute), boards: ['work:programming', 'work', 'productive', 'total'], classification });
    await nats.js.publish(subjects.events('live'), Buffer.from(envelope('mix-raw', [good('mix-1', 0), { ...good('mix-bad-1', 1), durationSec: -1 }, good('mix-2', 2)])), { msgID: 'mix-raw' });
    await nats.js.publish(subjects.classified('live'), Buffer.from(envelope('mix-classified', [{ ...classified('mix-bad-2', 3), app: undefined }, classified('mix-3', 4)])), { msgID: 'mix-classified' });

    for (const id of ['mix-1', 'mix-2', 'mix-3']) {
      await waitFor(async () => (await http('GET', `${pipeline.url}/v1/events/${id}`, { key: admin })).status === 200, `${id} to be stored`);
    }
    const letters = await waitFor(async () => {
      const items = (await http('GET', `${pipeline.url}/v1/dead-letters?limit=500`, { key: admin })).body.items as Array<{ id: number; stage: string; reason: string }>;
      return items.length === 2 && items;
    }, 'the two letters');
    // The two stages dead-letter in either order.
    letters.sort((a, b) => a.stage.localeCompare(b.stage));
    expect(letters.map((l) => [l.stage, l.reason])).toEqual([
      ['classification', 'invalid payload: events.0.durationSec must be >= 0.0005 (1 of the message\'s 3 events; the 2 others went on)'],
      ['leaderboard', 'invalid payload: events.0.app is required (1 of the message\'s 2 events; the 1 other went on)'],
    ]);
    const detail = (await http('GET', `${pipeline.url}/v1/dead-letters/${letters[0].id}`, { key: admin })).body;
    expect(detail.payload.value.events.map((e: { eventId: string }) => e.eventId)).toEqual(['mix-bad-1']);

    // Replayed, the refused event is refused again, and nothing of the message counts twice.
    expect((await http('POST', `${pipeline.url}/v1/dead-letters/${letters[0].id}/replay`, { key: admin })).status).toBe(200);
    await waitFor(async () => (await http('GET', `${pipeline.url}/v1/dead-letters?limit=500`, { key: admin })).body.items.length === 2 && (await http('GET', `${pipeline.url}/v1/dead-letters/${letters[0].id}`, { key: admin })).status === 404, 'the replayed letter to come back as a new one');
    const board = await http('GET', `${pipeline.url}/v1/leaderboards/total/users/mix-user?period=day&date=2026-11-21`, { key: admin });
    expect(board.body).toMatchObject({ score: 180 });
  });

  it('passes on a message whose id is as long as the stream takes', async () => {
    const { pipeline, admin } = fixture;
    const nats = pipeline.apps.gateway!.get(NatsConnectionService);
    // 128 characters, the limit: the stages' output ids (`<id>:classified:<digest>`, `…:inferred`) were
    // longer, and the next stage dead-lettered them ("id must NOT have more than 128 characters").
    const events = [{ ...event, eventId: 'long-id-rule' }, { ...event, eventId: 'long-id-model', app: 'Acme Ledger' }];
    await nats.js.publish(nats.names.subjects.events('live'), Buffer.from(envelope('L'.repeat(128), events)), { msgID: 'long-id' });
    for (const { eventId } of events) {
      await waitFor(async () => (await http('GET', `${pipeline.url}/v1/events/${eventId}`, { key: admin })).status === 200, `${eventId} to be stored`);
    }
  });
});

/**
 * A message as large as NATS carries was stored, but its dead letter (the same bytes and the
 * reason in headers) was not: the consumer nak'ed it forever, never handled nor dead-lettered.
 * The work streams now refuse, at publish, a message with no room left for a dead letter's headers.
 */
describe('a message too large to dead-letter', () => {
  let pipeline: RunningPipeline;
  beforeAll(async () => (pipeline = await startPipeline(testConfig(), ['classification'])));
  afterAll(async () => pipeline?.close());

  it('is refused at publish, and the largest one taken becomes a dead letter', async () => {
    const nats = pipeline.apps.classification!.get(NatsConnectionService);
    const { subjects, streams } = nats.names;
    const maxPayload = nats.nc.info!.max_payload;
    await expect(nats.js.publish(subjects.events('live'), Buffer.alloc(maxPayload - 100, 'x'), { msgID: 'huge-1' })).rejects.toThrow(/maximum/i);
    const largest = (await nats.jsm.streams.info(streams.events)).config.max_msg_size;
    // The headers a publish carries count too: the payload leaves room for a Nats-Msg-Id.
    await nats.js.publish(subjects.events('live'), Buffer.alloc(largest - 64, 'x'), { msgID: 'huge-2' });
    await waitFor(async () => (await nats.jsm.streams.info(streams.deadLetter)).state.messages === 1, 'the largest message dead-lettered');
    const info = await nats.jsm.consumers.info(streams.events, nats.names.durable('classification', 'live'));
    expect([info.num_pending, info.num_ack_pending]).toEqual([0, 0]);
  });
});

/**
 * A stage's output is larger than its input (classification adds boards and a category to every
 * event): an input near the largest message a stream takes gave an output NATS refused
 * (MAX_PAYLOAD_EXCEEDED), retried until dead-lettered, and replaying it failed again. Outputs
 * are now published in parts that each fit.
 */
describe('an input whose output is larger than one message', () => {
  const fixture = usePipeline(() => testConfig());

  it('is passed on in parts, every event counted once', async () => {
    const { pipeline, redis, config } = fixture;
    const nats = pipeline.apps.gateway!.get(NatsConnectionService);
    const largest = (await nats.jsm.streams.info(nats.names.streams.events)).config.max_msg_size;
    const events = (app: string) =>
      Array.from({ length: 1000 }, (_, i) => ({ eventId: `${app}-${i}`, userId: 'big-user', app, title: `${'t'.repeat(900)} ${i}`, startedAtMs: Date.UTC(2026, 10, 21, 10) + i * 1000, durationSec: 1 }));
    for (const app of ['Code', 'Acme Ledger']) {
      const body = Buffer.from(envelope(`big-${app}`, events(app)));
      expect(body.length).toBeLessThan(largest - 1024);
      expect(body.length).toBeGreaterThan(largest - 64 * 1024);
      await nats.js.publish(nats.names.subjects.events('live'), body, { msgID: `big-${app}` });
    }
    // The rule-classified events, and those inference answered (a fallback at worst), all count.
    await waitFor(async () => (await redis.zscore(`${config.REDIS_PREFIX}lb:total:day:2026-11-21`, 'big-user')) === '2000', 'the 2,000 events counted', 60_000);
    expect((await nats.jsm.streams.info(nats.names.streams.deadLetter)).state.messages).toBe(0);
  });
});
