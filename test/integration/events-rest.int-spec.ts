import { createApiKey, usePipeline } from '../support/pipeline';
import { everyFieldOf, graphql, http, withoutNulls } from '../support/http';
import { testConfig, waitFor } from '../support/test-config';
import { NOT_A_REAL_TIME } from '../../apps/ingestion/src/start-time';
import { deriveEventId } from '../../apps/ingestion/src/event-normalizer';

/**
 * POST /v1/events takes two roads: a body that fits a NATS message goes to ingestion as bytes
 * (parsed only there), a larger one is parsed by the gateway and sent in chunks. Both must give
 * the same answers, keep the Idempotency-Key and the key's user binding, and ignore what a body
 * says about either.
 */
describe('POST /v1/events: bodies forwarded as bytes and bodies split by the gateway', () => {
  const fixture = usePipeline(() => testConfig());

  const event = (userId: string, i: number, durationSec = 60, title = `file-${i}.ts - Visual Studio Code`) =>
    ({ userId, app: 'Code', title, startedAt: `2026-11-21T10:${String(i % 60).padStart(2, '0')}:00Z`, durationSec });
  /** More than the 700 KiB a NATS message carries here: the gateway parses and chunks it. */
  const large = (userId: string, count = 500) => Array.from({ length: count }, (_, i) => event(userId, i, 10, `${'x'.repeat(1800)} ${i}`));
  const post = (body: unknown, key = fixture.admin, headers: Record<string, string> = {}) => http('POST', `${fixture.pipeline.url}/v1/events`, { key, body, headers });
  const total = (userId: string) => fixture.redis.zscore(`${fixture.config.REDIS_PREFIX}lb:total:day:2026-11-21`, userId);

  it('tests a large body that is really larger than one NATS message', () => {
    expect(Buffer.byteLength(JSON.stringify({ events: large('size') }))).toBeGreaterThan(700 * 1024);
  });

  it.each([
    ['a small body', 'idem-small', (u: string, i: number) => [event(u, i), event(u, i + 1), event(u, i + 2)], 180],
    ['a large body', 'idem-large', (u: string, i: number) => large(u).map((e) => ({ ...e, title: `${e.title} ${i}` })), 5000],
  ])('answers %s posted again under the same Idempotency-Key as duplicates, counted once, and other events under it with 422', async (_name, userId, batch, expected) => {
    const first = await post({ events: batch(userId, 0) }, fixture.admin, { 'idempotency-key': `${userId}-1` });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ accepted: batch(userId, 0).length, duplicates: 0, rejected: [] });
    const again = await post({ events: batch(userId, 0) }, fixture.admin, { 'idempotency-key': `${userId}-1` });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: batch(userId, 0).length, batchId: first.body.batchId });
    // Other events under the same key were answered as duplicates of the first request, and lost.
    const reused = await post({ events: batch(userId, 3) }, fixture.admin, { 'idempotency-key': `${userId}-1` });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({
      message: `Idempotency-Key was used in the last ${fixture.config.DUPLICATE_WINDOW_SEC} s (DUPLICATE_WINDOW_SEC) for other events: a key stands for one request; send new events under a new key`,
      field: 'Idempotency-Key',
    });
    // The same key from another API key is another request.
    const otherKey = await createApiKey(fixture.pipeline.apps.gateway!, ['ingest']);
    const fromOther = await post({ events: batch(userId, 6) }, otherKey, { 'idempotency-key': `${userId}-1` });
    expect(fromOther.body).toMatchObject({ accepted: batch(userId, 6).length, duplicates: 0 });
    await waitFor(async () => (await total(userId)) === String(2 * expected), `${userId} counted for the two distinct requests`);
  });

  it('refuses under a used Idempotency-Key the same event ids with other content, instead of answering the first request again', async () => {
    const userId = 'idem-content';
    const events = (durationSec: number) => [{ ...event(userId, 0, durationSec), eventId: 'idem-content-1' }];
    const headers = { 'idempotency-key': 'idem-content-1' };
    expect((await post({ events: events(60) }, fixture.admin, headers)).body).toMatchObject({ accepted: 1, duplicates: 0 });
    // A corrected duration was answered "duplicates: 1" and dropped, though it was never stored.
    const corrected = await post({ events: events(600) }, fixture.admin, headers);
    expect([corrected.status, corrected.body.field]).toEqual([422, 'Idempotency-Key']);
    expect((await post({ events: events(60) }, fixture.admin, headers)).body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it.each([
    ['a small body', (u: string) => [event(u, 1), event('someone-else', 2), event(u, 3)]],
    ['a large body', (u: string) => [...large(u, 1), event('someone-else', 2), ...large(u, 500).slice(1)]],
  ])('refuses events of other users from a key bound to a user in %s, and a body that claims anything else', async (_name, batch) => {
    const userId = `bound-${_name.length}`;
    const bound = await createApiKey(fixture.pipeline.apps.gateway!, ['ingest'], userId);
    const events = batch(userId);
    const claiming = await post({ events, boundUserId: 'someone-else', lane: 'bulk', idempotencyKey: 'chosen-by-body' }, bound);
    expect([claiming.status, claiming.body.field, claiming.body.accepted]).toEqual([400, 'boundUserId', undefined]);
    const response = await post({ events }, bound);
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(events.length - 1);
    expect(response.body.rejected).toEqual([{ index: 1, field: 'userId', reason: `this API key may only submit events of user ${userId}` }]);
    expect((await post({ events: [event('someone-else', 9)] }, bound)).body.message).toBe(
      `no valid event: events[0].userId this API key may only submit events of user ${userId}`,
    );
  });

  it.each([
    ['a small body', (u: string) => [event(u, 1), event(u, 2), event(u, 3), event(u, 4)]],
    ['a large body', (u: string) => large(u, 450)],
  ])("answers %s with each event's id in the request's order: the client's, the derived one, null for a rejected event", async (_name, batch) => {
    const userId = `ids-${_name.length}`;
    const events: Array<Record<string, unknown>> = batch(userId);
    events[0] = { ...events[0], eventId: `${userId}-client` };
    events[2] = { ...events[2], durationSec: -1 };
    events[3] = events[1];
    const derived = (e: Record<string, unknown>) =>
      deriveEventId(userId, 'Code', e.title as string, undefined, Date.parse(e.startedAt as string), e.durationSec as number);
    const response = await post({ events });
    expect(response.status).toBe(202);
    // Only counts were answered: a client could not find (GET /v1/events/:eventId) or correct an event it sent without an id.
    expect(response.body.eventIds).toEqual([`${userId}-client`, derived(events[1]), null, derived(events[1]), ...events.slice(4).map(derived)]);
    await waitFor(async () => (await http('GET', `${fixture.pipeline.url}/v1/events/${response.body.eventIds[1]}`, { key: fixture.admin })).status === 200, 'the event read by its derived id');
    const submitted = await graphql(
      fixture.pipeline.url,
      fixture.admin,
      'mutation ($events: [ActivityEventInput!]!) { submitEvents(events: $events) { accepted duplicates eventIds } }',
      { events },
    );
    expect(submitted.body.data.submitEvents).toEqual({ accepted: 0, duplicates: events.length - 1, eventIds: response.body.eventIds });
  });

  it('refuses an eventId given twice in a request with other content, naming the index, and counts an exact repeat as a duplicate', async () => {
    const userId = 'id-conflict';
    const first = { ...event(userId, 1), eventId: 'id-conflict-1' };
    const response = await post({ events: [first, { ...first }, { ...first, durationSec: 600 }] });
    // It was answered { accepted: 1, duplicates: 2 }: the 600 s were dropped without a word.
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      accepted: 1,
      duplicates: 1,
      rejected: [{ index: 2, field: 'eventId', reason: 'is also the eventId of events[0], whose durationSec differs: an eventId names one activity, so this one was not taken' }],
      eventIds: ['id-conflict-1', 'id-conflict-1', null],
    });
    await waitFor(async () => (await total(userId)) === '60', 'the first event counted, once');
  });

  it('refuses an eventId sent again for another activity within the duplicate window, and keeps the first', async () => {
    const userId = 'id-resent';
    const first = { ...event(userId, 1), eventId: 'id-resent-1' };
    expect((await post({ events: [first] })).body).toMatchObject({ accepted: 1, eventIds: ['id-resent-1'] });
    // Answered { accepted: 0, duplicates: 1 }: the corrected duration was dropped as the first one's copy.
    const corrected = await post({ events: [{ ...first, durationSec: 600 }] });
    const reason = `is also the eventId of an event sent in the last ${fixture.config.DUPLICATE_WINDOW_SEC} s (DUPLICATE_WINDOW_SEC), whose durationSec differs: an eventId names one activity, so this one was not taken`;
    expect(corrected.status).toBe(400);
    expect(corrected.body).toMatchObject({ field: 'events[0].eventId', accepted: 0, duplicates: 0, rejected: [{ index: 0, field: 'eventId', reason }] });
    expect((await post({ events: [{ ...first, source: 'another-tracker' }] })).body).toMatchObject({ accepted: 0, duplicates: 1, rejected: [] });
    const overGraphql = await graphql(fixture.pipeline.url, fixture.admin, 'mutation ($events: [ActivityEventInput!]!) { submitEvents(events: $events) { accepted } }', {
      events: [{ ...first, durationSec: 600 }],
    });
    expect(overGraphql.body.errors[0]).toMatchObject({ message: `no valid event: events[0].eventId ${reason}`, extensions: { code: 'BAD_USER_INPUT', field: 'events[0].eventId' } });
    await waitFor(async () => (await total(userId)) === '60', 'the first event counted, once');
  });

  it('takes the same event sent in composed and decomposed Unicode (NFC, NFD) as one event, counted once', async () => {
    const userId = 'unicode-forms';
    const sent = (title: string) => post({ events: [event(userId, 1, 60, title)] });
    const first = await sent('Caf\u00e9 r\u00e9sum\u00e9.pdf - Preview');
    // The decomposed title was another event: accepted, and its minute counted a second time.
    const again = await sent('Cafe\u0301 re\u0301sume\u0301.pdf - Preview');
    expect([first.body.accepted, again.body.accepted, again.body.duplicates]).toEqual([1, 0, 1]);
    expect(again.body.eventIds).toEqual(first.body.eventIds);
    await waitFor(async () => (await total(userId)) === '60', 'the event counted once');
    // Composed, a title within 2048 characters may pass them (U+0958 is two code points in NFC): accepted, then refused by classification.
    const grown = await sent('\u0958'.repeat(2048));
    expect([grown.status, grown.body.field]).toEqual([400, 'events[0].title']);
  });

  it("names another user's event by its index in the request when an invalid event comes before it", async () => {
    const bound = await createApiKey(fixture.pipeline.apps.gateway!, ['ingest'], 'bound-index');
    const response = await post({ events: [event('bound-index', 1, -1), event('someone-else', 2), event('bound-index', 3)] }, bound);
    // The index was the event's place among the valid ones: events[1] was reported as events[0].
    expect(response.body.rejected).toEqual([
      { index: 0, field: 'durationSec', reason: 'must be > 0' },
      { index: 1, field: 'userId', reason: 'this API key may only submit events of user bound-index' },
    ]);
  });

  it("shows a key bound to a user that user's stored events only, over REST and GraphQL, as if others' did not exist", async () => {
    const mine = { ...event('reader-own', 1), eventId: 'bound-read-own' };
    const theirs = { ...event('reader-other', 2, 60, 'Bank statement - Chrome'), eventId: 'bound-read-other' };
    expect((await post({ events: [mine, theirs] })).body).toMatchObject({ accepted: 2 });
    const read = (key: string, id: string) => http('GET', `${fixture.pipeline.url}/v1/events/${id}`, { key });
    await waitFor(async () => (await read(fixture.admin, 'bound-read-other')).status === 200, 'both events stored');
    const bound = await createApiKey(fixture.pipeline.apps.gateway!, ['read'], 'reader-own');
    expect((await read(bound, 'bound-read-own')).body).toMatchObject({ eventId: 'bound-read-own', userId: 'reader-own' });
    // Before, any read key got the other user's window titles and URLs.
    const other = await read(bound, 'bound-read-other');
    const missing = await read(bound, 'bound-read-none');
    expect([other.status, other.body.message]).toEqual([404, missing.body.message.replace('bound-read-none', 'bound-read-other')]);
    const query = 'query ($id: String!) { event(eventId: $id) { userId title } }';
    const overGraphql = await graphql(fixture.pipeline.url, bound, query, { id: 'bound-read-other' });
    expect(overGraphql.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await graphql(fixture.pipeline.url, bound, query, { id: 'bound-read-own' })).body.data.event.userId).toBe('reader-own');
  });

  it('refuses an event id no event can have with 400 naming the character at fault, over REST and GraphQL, as POST /v1/events does', async () => {
    const reason = 'may hold only letters, digits and . _ : @ + = / - (found " ")';
    // It was a 404 "event a b is not stored (yet): processing takes a moment after 202", though it never could be.
    const overRest = await http('GET', `${fixture.pipeline.url}/v1/events/a%20b`, { key: fixture.admin });
    expect([overRest.status, overRest.body.message, overRest.body.field]).toEqual([400, `eventId ${reason}`, 'eventId']);
    const overGraphql = await graphql(fixture.pipeline.url, fixture.admin, 'query ($id: String!) { event(eventId: $id) { userId } }', { id: 'a b' });
    expect(overGraphql.body.errors?.[0]).toMatchObject({ message: `eventId ${reason}`, extensions: { code: 'BAD_USER_INPUT', field: 'eventId' } });
    const tooLong = await http('GET', `${fixture.pipeline.url}/v1/events/${'x'.repeat(129)}`, { key: fixture.admin });
    expect([tooLong.status, tooLong.body.message]).toEqual([400, 'eventId must be at most 128 characters']);
  });

  it('answers a stored event over GraphQL field for field as over REST', async () => {
    const stored = { ...event('parity', 1), eventId: 'parity-1', url: 'https://github.com/a/b', source: 'desktop' };
    expect((await post({ events: [stored] })).body).toMatchObject({ accepted: 1 });
    const overRest = await waitFor(async () => {
      const read = await http('GET', `${fixture.pipeline.url}/v1/events/parity-1`, { key: fixture.admin });
      return read.status === 200 ? read.body : undefined;
    }, 'the stored event');
    const query = `{ event(eventId: "parity-1") ${await everyFieldOf(fixture.pipeline.url, fixture.admin, 'StoredEvent')} }`;
    expect(withoutNulls((await graphql(fixture.pipeline.url, fixture.admin, query)).body.data.event)).toEqual(overRest);
  });

  it.each([
    ['a small body', (u: string) => [event(u, 1), event(u, 2)]],
    ['a large body', (u: string) => large(u, 450)],
  ])('refuses a start on a day that does not exist in %s, naming the event, and accepts the others', async (_name, batch) => {
    const events = batch(`feb30-${_name.length}`);
    events[1] = { ...events[1], startedAt: '2026-02-30T10:00:00Z' };
    const response = await post({ events });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ accepted: events.length - 1, rejected: [{ index: 1, field: 'startedAt', reason: NOT_A_REAL_TIME }] });
  });

  it.each([
    ['a small body', '{"events": [1,'],
    ['a large body', `{"events": [{"title": "${'x'.repeat(800 * 1024)}"},`],
  ])('answers %s that is not JSON with 400 naming the body and the reason', async (_name, text) => {
    const response = await post(text);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ message: expect.stringMatching(/^body is not valid JSON: \S.+/), field: 'body' });
  });

  it('reads a body with a byte-order mark, and one in another charset body-parser knows', async () => {
    const withBom = await post(`\uFEFF${JSON.stringify({ events: [event('bom', 1)] })}`);
    expect(withBom.body).toMatchObject({ accepted: 1 });
    const utf16 = await fetch(`${fixture.pipeline.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-16le', 'x-api-key': fixture.admin },
      body: Buffer.from(JSON.stringify({ events: [event('utf16', 1, 60, 'naïve café - Visual Studio Code')] }), 'utf16le'),
    });
    expect(utf16.status).toBe(202);
    expect(await utf16.json()).toMatchObject({ accepted: 1 });
    const withExtra = await fetch(`${fixture.pipeline.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-16le', 'x-api-key': fixture.admin },
      body: Buffer.from(JSON.stringify({ events: [event('utf16-extra', 1)], batch: 'b-1' }), 'utf16le'),
    });
    expect([withExtra.status, await withExtra.json()]).toEqual([400, expect.objectContaining({ field: 'batch', message: expect.stringMatching(/^batch is not a property of the request/) })]);
    const notJson = await post('events=1', fixture.admin, { 'content-type': 'text/plain' });
    expect([notJson.status, notJson.body.message]).toEqual([415, 'Content-Type "text/plain" is not supported here: send JSON with "content-type: application/json"']);
    await waitFor(async () => (await total('utf16')) === '60' && (await total('bom')) === '60', 'both events on the board');
  });
});
