import { DeadLetteredEvents, DLQ_HEADERS, NatsConnectionService, toHeaders } from '@lib/messaging';
import { graphql, http } from '../support/http';
import { PipelineWithRefusableBoards, startPipelineWithRefusableBoards } from '../support/refusable-boards';
import { createApiKey, RunningPipeline } from '../support/pipeline';
import { waitFor } from '../support/test-config';

/**
 * What `GET /v1/events/:eventId` (and GraphQL's `event`) tells a client about an event it was
 * answered 202 for. The leaderboard app runs against a private redis-server the test can make
 * refuse writes (`min-replicas-to-write 1`), a real cause of dead letters after the Mongo write.
 */
describe('event lookup after 202', () => {
  let setup: PipelineWithRefusableBoards;
  let pipeline: RunningPipeline;
  let boards: RunningPipeline;
  let admin: string;
  let nats: NatsConnectionService;

  const event = (userId: string, eventId: string) => ({ eventId, userId, app: 'Code', title: 'lookup.ts - api - Visual Studio Code', startedAt: '2026-11-21T10:00:00Z', durationSec: 600 });
  const lookup = (eventId: string, key = admin) => http('GET', `${pipeline.url}/v1/events/${encodeURIComponent(eventId)}`, { key });
  const lettersOf = async (stage: string) => (await http('GET', `${pipeline.url}/v1/dead-letters?stage=${stage}`, { key: admin })).body.items as Array<{ id: number; reason: string }>;

  beforeAll(async () => {
    setup = await startPipelineWithRefusableBoards('lookup');
    ({ pipeline, boards, admin, nats } = setup);
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('tells an event dead-lettered before it was stored from one still on its way: the stage, the reason and the letter to replay', async () => {
    // A poisoned message, as a stage after ingestion would meet it: one valid event and one it refuses.
    const valid = { eventId: 'poison-ok', userId: 'poisoned', app: 'Code', title: 'a.ts', startedAtMs: Date.UTC(2026, 10, 21, 10), durationSec: 60 };
    const envelope = { id: 'poisoned-envelope', lane: 'live', events: [valid, { ...valid, eventId: 'poison-bad', durationSec: -5 }] };
    await nats.js.publish(nats.names.subjects.events('live'), Buffer.from(JSON.stringify(envelope)), { msgID: envelope.id });
    const [letter] = await waitFor(async () => {
      const letters = await lettersOf('classification');
      return letters.length > 0 && letters;
    }, 'the refused part dead-lettered');
    await waitFor(async () => (await lookup('poison-ok')).status === 200, 'the valid event stored');

    const read = await lookup('poison-bad');
    expect(read.status).toBe(404);
    expect(read.body.field).toBe('eventId');
    expect(read.body.message).toBe(
      `event poison-bad was dead-lettered at stage classification (${letter.reason}): it will not be stored unless an operator replays dead letter ${letter.id} (POST /v1/dead-letters/${letter.id}/replay)`,
    );
    expect(read.body.details).toMatchObject({ status: 'dead-lettered', deadLetter: { id: letter.id, stage: 'classification', reason: letter.reason } });
    const overGraphql = await graphql(pipeline.url, admin, 'query ($id: String!) { event(eventId: $id) { eventId } }', { id: 'poison-bad' });
    expect(overGraphql.body.errors[0]).toMatchObject({ message: read.body.message, extensions: { code: 'NOT_FOUND', details: read.body.details } });

    // Another user's letter is not revealed to a key bound to a user: the answer of a missing event.
    const bound = await createApiKey(pipeline.apps.gateway!, ['read'], 'someone-else');
    const missing = await lookup('never-sent', bound);
    expect(missing.status).toBe(404);
    expect(missing.body.details).toMatchObject({ status: 'not-stored' });
    const hidden = await lookup('poison-bad', bound);
    expect([hidden.status, hidden.body.message, hidden.body.details]).toEqual([404, missing.body.message.replace('never-sent', 'poison-bad'), missing.body.details]);

    // Discarded: nothing will store it now, and the answer says so (it read "not stored (yet)" again, as if on its way).
    expect((await http('DELETE', `${pipeline.url}/v1/dead-letters/${letter.id}`, { key: admin })).status).toBe(204);
    const discarded = await lookup('poison-bad');
    expect(discarded.status).toBe(404);
    expect(discarded.body.message).toBe(
      `event poison-bad was dead-lettered at stage classification (${letter.reason}), and dead letter ${letter.id} was discarded: it will not be stored`,
    );
    expect(discarded.body.details).toMatchObject({ status: 'discarded', deadLetter: { id: letter.id, stage: 'classification', reason: letter.reason, discardedAt: expect.any(String) } });
    expect((await lookup('poison-bad', bound)).body.details).toEqual(missing.body.details);
  });

  it('tells a dead letter\'s reason without servers, credentials or stack frames, and a key without admin its kind only', async () => {
    // A letter as a version before reasons were cleaned stored it: the failure's text whole.
    const envelope = { id: 'leaky-envelope', lane: 'live', events: [{ eventId: 'leaky-1', userId: 'leaky', app: 'Code', title: 'a.ts', startedAtMs: Date.UTC(2026, 10, 21, 10), durationSec: 60 }] };
    const payload = Buffer.from(JSON.stringify(envelope));
    const stored = 'failed 8 deliveries: cannot reach mongodb://ops:s3cret@db.internal:27017/pipeline     at connect (/app/dist/apps/leaderboard/main.js:12:34)';
    const headers = toHeaders({ [DLQ_HEADERS.reason]: stored, [DLQ_HEADERS.stage]: 'inference', [DLQ_HEADERS.subject]: nats.names.subjects.unclassified('live'), [DLQ_HEADERS.failedAt]: new Date().toISOString() });
    const ack = await nats.js.publish(nats.names.subjects.deadLetter('inference'), payload, { headers });
    await pipeline.apps.gateway!.get(DeadLetteredEvents).record(ack.seq, payload);
    const shown = 'failed 8 deliveries: cannot reach <address>';

    expect((await http('GET', `${pipeline.url}/v1/dead-letters/${ack.seq}`, { key: admin })).body.reason).toBe(shown);
    expect((await lettersOf('inference')).find((l) => l.id === ack.seq)?.reason).toBe(shown);
    const byAdmin = await lookup('leaky-1');
    expect([byAdmin.status, byAdmin.body.details.deadLetter.reason]).toEqual([404, shown]);
    expect(byAdmin.body.message).toContain(`(${shown})`);

    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    const byReader = await lookup('leaky-1', reader);
    expect(byReader.status).toBe(404);
    expect(byReader.body.details.deadLetter).toMatchObject({ id: ack.seq, stage: 'inference', reason: 'failed 8 deliveries' });
    expect(byReader.body.message).toBe(
      `event leaky-1 was dead-lettered at stage inference (failed 8 deliveries): it will not be stored unless an operator replays dead letter ${ack.seq} (POST /v1/dead-letters/${ack.seq}/replay)`,
    );
    const overGraphql = await graphql(pipeline.url, reader, '{ event(eventId: "leaky-1") { eventId } }');
    expect(overGraphql.body.errors[0]).toMatchObject({ message: byReader.body.message, extensions: { details: byReader.body.details } });
    for (const answer of [byAdmin.body, byReader.body, overGraphql.body]) expect(JSON.stringify(answer)).not.toMatch(/s3cret|db\.internal|main\.js/);
  });

  it('refuses an id no event can have, naming the character, instead of "not stored (yet)"; reads an id with a slash sent as %2F', async () => {
    for (const [id, reason] of [
      ['a b', 'may hold only letters, digits and . _ : @ + = / - (found " ")'],
      ['caf\u00e9', 'may hold only letters, digits and . _ : @ + = / - (found "\u00e9")'],
      ['x'.repeat(129), 'must be at most 128 characters'],
    ]) {
      const read = await lookup(id);
      expect([read.status, read.body.message, read.body.field]).toEqual([400, `eventId ${reason}`, 'eventId']);
    }
    // Not percent-encoding: Express could not decode it, and the 400 named no parameter ("Failed to decode param '%ZZ'").
    const undecodable = await http('GET', `${pipeline.url}/v1/events/a%ZZ`, { key: admin });
    expect(undecodable.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'eventId "a%ZZ" is not valid percent-encoding: a % starts two hex digits (send % itself as %25)',
      field: 'eventId',
    });
    const overGraphql = await graphql(pipeline.url, admin, '{ event(eventId: "a b") { eventId } }');
    expect(overGraphql.body.errors[0]).toMatchObject({ message: 'eventId may hold only letters, digits and . _ : @ + = / - (found " ")', extensions: { code: 'BAD_USER_INPUT', field: 'eventId' } });
    // A correction by event id reads the event the same way.
    const correction = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin, body: { eventId: 'a b', categoryId: 'work:programming' } });
    expect([correction.status, correction.body.field]).toEqual([400, 'eventId']);

    expect((await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [event('slashed', 'tracker/42:a@b')] } })).status).toBe(202);
    const stored = await waitFor(async () => {
      const read = await lookup('tracker/42:a@b');
      return read.status === 200 && read.body;
    }, 'the event with a slash in its id');
    expect(stored).toMatchObject({ eventId: 'tracker/42:a@b', status: 'stored' });
  });

  it('names the request whose copy of an event id was stored: a later request reusing the id for another activity learns its copy was dropped', async () => {
    const post = async (events: unknown[]) => (await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events } })).body;
    const first = await post([event('reuser', 'reused-1')]);
    await waitFor(async () => (await lookup('reused-1')).status === 200, 'the first copy stored');
    // Another request (another event beside it): the broker cannot tell, and the 202 says accepted.
    const second = await post([{ ...event('reuser', 'reused-1'), durationSec: 60 }, event('reuser', 'reused-2')]);
    expect(second).toMatchObject({ accepted: 2, eventIds: ['reused-1', 'reused-2'] });
    await waitFor(async () => (await lookup('reused-2')).status === 200, 'the second request stored');
    const read = await lookup('reused-1');
    expect(read.body).toMatchObject({ durationSec: 600, batchId: first.batchId });
    expect((await lookup('reused-2')).body.batchId).toBe(second.batchId);

    // An eventId names one event across every user: another user's request reusing it is dropped
    // the same way, and a key bound to that user, which may not read the stored (foreign) copy, reads "not stored".
    const bound = await createApiKey(pipeline.apps.gateway!, ['ingest', 'read'], 'other-user');
    const third = await http('POST', `${pipeline.url}/v1/events`, { key: bound, body: { events: [event('other-user', 'reused-1'), event('other-user', 'reused-3')] } });
    expect(third.body).toMatchObject({ accepted: 2, eventIds: ['reused-1', 'reused-3'] });
    await waitFor(async () => (await lookup('reused-3', bound)).status === 200, 'the third request stored');
    expect((await lookup('reused-1', bound)).body).toMatchObject({ statusCode: 404, details: { status: 'not-stored' } });
    expect((await lookup('reused-1')).body).toMatchObject({ userId: 'reuser', batchId: first.batchId });
  });

  it('says a stored event whose message is a dead letter (the boards did not count it), over REST and GraphQL, and stored once replayed', async () => {
    await setup.refuseWrites(true);
    let letter: { id: number; reason: string };
    try {
      expect((await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [event('uncounted', 'uncounted-1')] } })).status).toBe(202);
      [letter] = await waitFor(async () => {
        const letters = await lettersOf('leaderboard');
        return letters.length > 0 && letters;
      }, 'the leaderboard dead letter');
      // The usage log was written before Redis refused: it read "stored", though no board counts it.
      const read = await lookup('uncounted-1');
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ eventId: 'uncounted-1', status: 'dead-lettered', deadLetter: { id: letter.id, stage: 'leaderboard', reason: letter.reason } });
      expect(letter.reason).toMatch(/NOREPLICAS/);
      // Redis' own words are for an admin: a reader learns the kind of failure.
      const byReader = await lookup('uncounted-1', await createApiKey(pipeline.apps.gateway!, ['read']));
      expect(byReader.body).toMatchObject({ status: 'dead-lettered', deadLetter: { id: letter.id, stage: 'leaderboard', reason: 'failed 2 deliveries' } });
      const overGraphql = await graphql(pipeline.url, admin, '{ event(eventId: "uncounted-1") { status deadLetter { id stage reason failedAt } } }');
      expect(overGraphql.body.data.event).toEqual({ status: 'dead-lettered', deadLetter: read.body.deadLetter });
    } finally {
      await setup.refuseWrites(false);
    }
    expect((await http('POST', `${pipeline.url}/v1/dead-letters/${letter.id}/replay`, { key: admin })).status).toBe(200);
    const stored = await waitFor(async () => {
      const read = await lookup('uncounted-1');
      return read.body.status === 'stored' && read.body;
    }, 'the event stored and counted after the replay');
    expect(stored.deadLetter).toBeUndefined();
  });
});
