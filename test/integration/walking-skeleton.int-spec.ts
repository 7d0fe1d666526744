import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Connection } from 'mongoose';
import { AppConfig } from '@lib/config';
import { NatsConnectionService } from '@lib/messaging';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { graphql, http } from '../support/http';
import { testConfig, waitFor } from '../support/test-config';

describe('walking skeleton: HTTP → ingestion → classification → leaderboard', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let admin: string;
  let redis: Redis;
  let mongo: Connection;

  const event = {
    userId: 'alice',
    app: 'Code',
    title: 'main.ts - api - Visual Studio Code',
    startedAt: '2026-11-22T09:30:00Z',
    durationSec: 300,
  };
  const boardsOfEvent = ['work:programming', 'work', 'productive', 'total'];
  const periods = [
    ['day', '2026-11-22'],
    ['week', '2026-W47'],
    ['month', '2026-11'],
    ['all', 'all'],
  ] as const;

  const score = (board: string, period: string, key: string, userId: string) => redis.zscore(`${config.REDIS_PREFIX}lb:${board}:${period}:${key}`, userId);

  beforeAll(async () => {
    config = testConfig();
    pipeline = await startPipeline(config);
    admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    redis = new Redis(config.REDIS_URL);
    mongo = pipeline.apps.leaderboard!.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    redis?.disconnect();
    await pipeline?.close();
  });

  it('stores a posted event with its category and counts it on every board and period', async () => {
    const posted = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [event] } });
    expect(posted.status).toBe(202);
    expect(posted.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: [] });

    const stored = await waitFor(async () => mongo.collection('usage_logs').findOne({ userId: 'alice' }), 'the usage log in Mongo');
    expect(stored).toMatchObject({ app: 'Code', categoryId: 'work:programming', durationSec: 300, classification: { source: 'rule' } });
    expect(stored.startedAt).toEqual(new Date('2026-11-22T09:30:00Z'));

    await waitFor(async () => (await score('total', 'all', 'all', 'alice')) !== null, 'the total board');
    for (const board of boardsOfEvent) {
      for (const [period, key] of periods) {
        expect([board, period, await score(board, period, key, 'alice')]).toEqual([board, period, '300']);
      }
    }

    const page = await http('GET', `${pipeline.url}/v1/leaderboards/work:programming?period=week&date=2026-11-22`, { key: admin });
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ board: 'work:programming', period: 'week', periodKey: '2026-W47', timeZone: 'UTC', entries: [{ rank: 1, userId: 'alice', score: 300 }], hasMore: false, nextCursor: null });

    const fetched = await http('GET', `${pipeline.url}/v1/events/${stored._id}`, { key: admin });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ eventId: stored._id, categoryId: 'work:programming', status: 'stored', classification: { source: 'rule' } });
  });

  it('counts the same event once however often it is posted', async () => {
    const dup = { ...event, userId: 'bob', eventId: 'bob-evt-1' };
    const first = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [dup] } });
    const again = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [dup] } });
    // Same event id inside a different batch: a different envelope, the same stored event.
    const mixed = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [dup, { ...dup, eventId: 'bob-evt-2', durationSec: 60 }] } });
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(mixed.body).toMatchObject({ accepted: 2 });

    await waitFor(async () => (await score('total', 'day', '2026-11-22', 'bob')) === '360', 'bob total 360', 20_000);
    // Give any late duplicate a chance to land before asserting it did not.
    await new Promise((r) => setTimeout(r, 500));
    expect(await score('total', 'day', '2026-11-22', 'bob')).toBe('360');
    expect(await mongo.collection('usage_logs').countDocuments({ userId: 'bob' })).toBe(2);
  });

  it('answers a malformed event with 400 naming the field, and keeps the valid ones of a batch', async () => {
    const single = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [{ ...event, durationSec: -5 }] } });
    expect(single.status).toBe(400);
    expect(single.body.message).toBe('no valid event: events[0].durationSec must be > 0');
    expect(single.body.field).toBe('events[0].durationSec');
    expect(single.body.rejected).toEqual([{ index: 0, field: 'durationSec', reason: 'must be > 0' }]);

    const batch = await http('POST', `${pipeline.url}/v1/events`, {
      key: admin,
      body: { events: [{ ...event, userId: 'carol' }, { ...event, userId: 'carol', startedAt: 'yesterday' }, { ...event, userId: 'carol', title: 'other', durationSec: 10 }, { app: 'x' }] },
    });
    expect(batch.status).toBe(202);
    expect(batch.body.accepted).toBe(2);
    expect(batch.body.rejected).toEqual([
      { index: 1, field: 'startedAt', reason: 'must be ISO-8601 with an offset (e.g. 2026-11-22T09:30:00Z) or epoch seconds' },
      { index: 3, field: 'userId', reason: 'is required' },
    ]);
    await waitFor(async () => (await score('total', 'all', 'all', 'carol')) === '310', 'carol total 310');

    const notArray = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: 'nope' } });
    expect(notArray.status).toBe(400);
    expect(notArray.body.message).toBe('events must be an array of 1 to 1000 events');

    const badJson = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: '{"events": [' });
    expect(badJson.status).toBe(400);
  });

  it('refuses missing, wrong and under-scoped keys with 401/403', async () => {
    const readOnly = await createApiKey(pipeline.apps.gateway!, ['read']);
    const ingestOnly = await createApiKey(pipeline.apps.gateway!, ['ingest']);
    const body = { events: [event] };
    expect((await http('POST', `${pipeline.url}/v1/events`, { body })).status).toBe(401);
    expect((await http('POST', `${pipeline.url}/v1/events`, { key: 'ap_nope_nope', body })).status).toBe(401);
    const forbidden = await http('POST', `${pipeline.url}/v1/events`, { key: readOnly, body });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toBe('this API key lacks the "ingest" scope (it has: read)');
    expect((await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key: ingestOnly })).status).toBe(403);
    expect((await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key: readOnly })).status).toBe(200);
    const bearer = await http('GET', `${pipeline.url}/v1/leaderboards/total`, { headers: { authorization: `Bearer ${readOnly}` } });
    expect(bearer.status).toBe(200);
    const gqlDenied = await graphql(pipeline.url, readOnly, 'mutation { submitEvents(events: []) { accepted } }');
    expect(gqlDenied.body.errors[0].message).toContain('lacks the "ingest" scope');
  });

  it('validates leaderboard queries with 400s naming the parameter', async () => {
    const unknown = await http('GET', `${pipeline.url}/v1/leaderboards/nope`, { key: admin });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('board "nope" is unknown');
    const badDate = await http('GET', `${pipeline.url}/v1/leaderboards/total?date=2026-02-30`, { key: admin });
    expect(badDate.body).toMatchObject({ statusCode: 400, message: 'date must be a calendar date YYYY-MM-DD: 2026-02 has days 01 to 28' });
    const badLimit = await http('GET', `${pipeline.url}/v1/leaderboards/total?limit=0`, { key: admin });
    expect(badLimit.body).toMatchObject({ statusCode: 400, message: 'limit must be an integer from 1 to 500' });
  });

  it('serves submitEvents and leaderboard over GraphQL', async () => {
    const submitted = await graphql(pipeline.url, admin, 'mutation($e: [ActivityEventInput!]!) { submitEvents(events: $e) { accepted duplicates rejected { index field reason } } }', {
      e: [{ ...event, userId: 'dave', startedAt: String(Date.parse('2026-11-22T10:00:00Z') / 1000) }],
    });
    expect(submitted.body.data.submitEvents).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const board = await waitFor(async () => {
      const r = await graphql(pipeline.url, admin, '{ leaderboard(board: "total", period: "day", date: "2026-11-22") { periodKey entries { rank userId score } } }');
      return r.body.data.leaderboard.entries.some((e: { userId: string }) => e.userId === 'dave') && r.body.data.leaderboard;
    }, 'dave on the GraphQL board');
    expect(board.periodKey).toBe('2026-11-22');
    expect(board.entries.find((e: { userId: string }) => e.userId === 'dave')).toMatchObject({ score: 300 });
  });

  it('tells a browser opening /graphql how to use it, and leaves GraphQL clients to Apollo', async () => {
    // Before: a 400 "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF)".
    const page = await fetch(`${pipeline.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect([page.status, page.headers.get('content-type'), page.headers.get('content-security-policy')]).toEqual([200, 'text/html; charset=utf-8', "default-src 'none'; style-src 'unsafe-inline'"]);
    const html = await page.text();
    expect(html).toContain(`curl -s -X POST ${pipeline.url}/graphql -H "x-api-key: $KEY"`);
    // A GET query and an ordinary client (curl's Accept: */*) still reach Apollo.
    const url = `${pipeline.url}/graphql?query=${encodeURIComponent('{ leaderboard(board: "total") { board } }')}`;
    const query = await fetch(url, { headers: { accept: 'text/html, application/json', 'apollo-require-preflight': 'true', 'x-api-key': admin } });
    expect(await query.json()).toEqual({ data: { leaderboard: { board: 'total' } } });
    // The key's headers make a browser preflight the request as well: a GET with one is no CSRF
    // (before, curl -G with x-api-key was refused as "a potential Cross-Site Request Forgery").
    for (const key of [{ 'x-api-key': admin }, { authorization: `Bearer ${admin}` }] as Array<Record<string, string>>) {
      const keyed = await fetch(url, { headers: { accept: '*/*', ...key } });
      expect([keyed.status, await keyed.json()]).toEqual([200, { data: { leaderboard: { board: 'total' } } }]);
    }
    const keyless = await fetch(`${pipeline.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: '*/*' } });
    expect([keyless.status, ((await keyless.json()) as { errors: Array<{ message: string }> }).errors[0].message]).toEqual([400, expect.stringContaining('Cross-Site Request Forgery')]);
    expect((await fetch(`${pipeline.url}/graphql`, { headers: { accept: '*/*' } })).status).toBe(400);
  });

  it('takes an idempotency key on submitEvents, as REST takes the Idempotency-Key header', async () => {
    const submit = (title: string) =>
      graphql(pipeline.url, admin, 'mutation($e: [ActivityEventInput!]!, $k: String) { submitEvents(events: $e, idempotencyKey: $k) { accepted duplicates } }', {
        e: [{ ...event, userId: 'gil', title }],
        k: 'gql-key-1',
      });
    expect((await submit('first')).body.data.submitEvents).toEqual({ accepted: 1, duplicates: 0 });
    expect((await submit('first')).body.data.submitEvents).toEqual({ accepted: 0, duplicates: 1 });
    const reused = await submit('other');
    expect(reused.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/^idempotencyKey was used in the last \d+ s \(DUPLICATE_WINDOW_SEC\) for other events/),
      extensions: { code: 'BAD_USER_INPUT', status: 422, details: { field: 'idempotencyKey' } },
    });
  });

  it('dead-letters a malformed message published to the stream while valid messages around it flow on', async () => {
    const nats = pipeline.apps.ingestion!.get(NatsConnectionService);
    const subject = nats.names.subjects.events('live');
    const valid = (id: string, userId: string) => ({ id, lane: 'live', events: [{ eventId: id, userId, app: 'Slack', startedAtMs: Date.parse('2026-11-22T11:00:00Z'), durationSec: 30 }] });
    await nats.js.publish(subject, Buffer.from(JSON.stringify(valid('raw-1', 'erin'))), { msgID: 'raw-1' });
    await nats.js.publish(subject, Buffer.from('{"id": "raw-bad", "lane": "live", "events": [{"userId": 42}]}'), { msgID: 'raw-bad' });
    await nats.js.publish(subject, Buffer.from('not json at all'), { msgID: 'raw-garbage' });
    await nats.js.publish(subject, Buffer.from(JSON.stringify(valid('raw-2', 'erin'))), { msgID: 'raw-2' });

    await waitFor(async () => (await score('total', 'day', '2026-11-22', 'erin')) === '60', 'both valid raw messages counted');
    const dlq = nats.names.streams.deadLetter;
    const letters = await waitFor(async () => {
      const info = await nats.jsm.streams.info(dlq);
      return info.state.messages >= 2 && info.state.messages;
    }, 'two dead letters');
    expect(letters).toBe(2);
    const first = await nats.jsm.streams.getMessage(dlq, { seq: 1 });
    const second = await nats.jsm.streams.getMessage(dlq, { seq: 2 });
    const [garbage, badShape] = new TextDecoder().decode(first.data) === 'not json at all' ? [first, second] : [second, first];
    expect(badShape.header.get('ap-dlq-reason')).toBe('invalid payload: events.0.eventId is required');
    expect(garbage.header.get('ap-dlq-reason')).toMatch(/^invalid payload: not JSON \(/);
    expect(badShape.header.get('ap-dlq-subject')).toBe(subject);
    expect(badShape.header.get('ap-dlq-stage')).toBe('classification');
    expect(badShape.subject).toBe(`${config.PIPELINE_PREFIX}.dlq.classification`);
  });

  it('reports readiness of the servers each app uses', async () => {
    const ready = await http('GET', `${pipeline.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ nats: { status: 'up' }, mongo: { status: 'up' } });
    const leaderboardUrl = (await (pipeline.apps.leaderboard as INestApplication).getUrl()).replace('[::1]', '127.0.0.1');
    const lbReady = await http('GET', `${leaderboardUrl}/health/ready`);
    expect(lbReady.body.info).toMatchObject({ nats: { status: 'up' }, mongo: { status: 'up' }, redis: { status: 'up' } });
    expect((await http('GET', `${pipeline.url}/health/live`)).status).toBe(200);
  });
});
