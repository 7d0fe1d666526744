import { getConnectionToken } from '@nestjs/mongoose';
import { FormattedExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import Redis from 'ioredis';
import { connect } from 'nats';
import { Connection } from 'mongoose';
import { request as httpRequest } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { AppConfig } from '@lib/config';
import { DURATION_TOO_SHORT } from '@lib/contracts';
import { DEGRADED_CHECKS, READINESS_CHECKS, ReadinessCheck } from '@lib/observability';
import { orAfter } from '@lib/platform';
import { ApiKeyRepository } from '@lib/persistence';
import { createApiKey, RunningPipeline, startPipeline, usePipeline } from '../support/pipeline';
import { LARGE_BODIES_AT_ONCE, LARGE_BODIES_PER_KEY, LARGE_BODY_BYTES, MAX_BODY_DEPTH } from '../../apps/gateway/src/gateway.setup';
import { NOT_A_REAL_TIME } from '../../apps/ingestion/src/start-time';
import { graphql, http } from '../support/http';
import { testConfig, waitFor } from '../support/test-config';

/** Malformed and hostile input over REST and GraphQL: a clear 4xx each time, no crash, no valid event lost. */
describe('bad input and security', () => {
  const fixture = usePipeline(() => testConfig({ RATE_LIMIT_PER_MIN: '400', KEYLESS_RATE_LIMIT_PER_MIN: '30' }));
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let admin: string;
  let redis: Redis;
  beforeAll(() => ({ config, pipeline, admin, redis } = fixture));

  const valid = (userId: string, durationSec = 60) => ({ userId, app: 'Code', title: 'a.ts', startedAt: '2026-11-21T10:00:00Z', durationSec });

  const post = (body: unknown, key = admin, headers: Record<string, string> = {}) => http('POST', `${pipeline.url}/v1/events`, { key, body, headers });

  it.each([
    ['not JSON', '{"events": [1,', 400],
    ['a JSON array', '[]', 400],
    ['an empty object', '{}', 400],
    ['events as an object', '{"events": {"0": {}}}', 400],
    ['an empty batch', '{"events": []}', 400],
  ])('answers %s with a 4xx and a message', async (_name, body, status) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(typeof response.body.message).toBe('string');
  });

  it('refuses a batch of 1001 events naming the limit', async () => {
    const response = await post({ events: Array.from({ length: 1001 }, (_, i) => valid(`u${i}`)) });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('events must be an array of 1 to 1000 events');
  });

  it('refuses a body over the size limit with 413 naming the limit, on the events road and the others', async () => {
    const huge = `{"events":[{"userId":"x","app":"${'a'.repeat(6 * 1024 * 1024)}"}]}`;
    for (const path of ['/v1/events', '/v1/classify']) {
      const response = await http('POST', `${pipeline.url}${path}`, { key: admin, body: huge });
      expect([path, response.status, response.body.message]).toEqual([path, 413, 'body is larger than the limit of 5242880 bytes (BODY_LIMIT_BYTES)']);
    }
  });

  it('names the body and the reason when it cannot be read: not JSON, unknown charset or encoding', async () => {
    const notJson = await http('POST', `${pipeline.url}/v1/classify`, { key: admin, body: '{"items": [' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/^body is not valid JSON: \S.+/);
    const latin1 = await post('{"events": []}', admin, { 'content-type': 'application/json; charset=latin1' });
    expect([latin1.status, latin1.body.message]).toEqual([415, 'body charset "latin1" is not supported: send UTF-8']);
    const compressed = await post('{"events": []}', admin, { 'content-encoding': 'compress' });
    expect([compressed.status, compressed.body.message]).toEqual([415, 'Content-Encoding "compress" is not supported: send the body as is, gzip, deflate or br']);
    // Said to be gzip, sent as is: zlib's reason, where Nest answered a bare "Bad Request". (Under
    // jest, http-errors cannot see zlib's Error as one and keeps only its code: gateway.setup.ts.)
    const notGzip = await http('POST', `${pipeline.url}/v1/classify`, { key: admin, body: '{"items": []}', headers: { 'content-encoding': 'gzip' } });
    expect(notGzip.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/^body is not valid gzip: (incorrect header check|Z_DATA_ERROR)$/), field: 'body' });
  });

  it('answers a /graphql request whose body cannot be taken in GraphQL\'s error shape, with the reason REST gives', async () => {
    const deep = `{"query": "{ __typename }", "variables": ${'['.repeat(40)}${']'.repeat(40)}}`;
    const cases: Array<[string | Buffer, Record<string, string>, number, string, string, string | RegExp]> = [
      ['{"query": "{ __typename }"', {}, 400, 'BAD_REQUEST', 'body', /^body is not valid JSON: \S.+/],
      [`{"query": "${'x'.repeat(6 * 1024 * 1024)}"}`, {}, 413, 'PAYLOAD_TOO_LARGE', 'body', 'body is larger than the limit of 5242880 bytes (BODY_LIMIT_BYTES)'],
      ['{"query": "{ __typename }"}', { 'content-type': 'text/plain' }, 415, 'BAD_REQUEST', 'content-type', 'Content-Type "text/plain" is not supported here: send JSON with "content-type: application/json"'],
      [deep, {}, 400, 'BAD_REQUEST', 'body', `body nests arrays and objects deeper than ${MAX_BODY_DEPTH} levels`],
    ];
    for (const [body, headers, status, code, field, message] of cases) {
      const response = await http('POST', `${pipeline.url}/graphql`, { key: admin, body, headers });
      const said = typeof message === 'string' ? message : expect.stringMatching(message);
      expect([status, response.status, response.body]).toEqual([status, status, { errors: [{ message: said, extensions: { code, status, field } }] }]);
    }
    // Apollo's own refusal of a body without a query has that shape too.
    expect((await http('POST', `${pipeline.url}/graphql`, { key: admin, body: '{}' })).body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses bodies that are not JSON with 415 naming the header, and reads nothing else as a form', async () => {
    const json = '{"events": [{"userId": "form", "app": "Code", "startedAt": "2026-11-21T10:00:00Z", "durationSec": 60}]}';
    const cases: Array<[string, string, Record<string, string>, string]> = [
      // What `curl -d` sends when the content-type header is forgotten.
      ['/v1/events', json, { 'content-type': 'application/x-www-form-urlencoded' }, 'Content-Type "application/x-www-form-urlencoded" is not supported here: send JSON with "content-type: application/json"'],
      ['/v1/events', `a=${'x'.repeat(200_000)}`, { 'content-type': 'application/x-www-form-urlencoded' }, 'Content-Type "application/x-www-form-urlencoded" is not supported here: send JSON with "content-type: application/json"'],
      ['/v1/rules', json, { 'content-type': 'text/plain' }, 'Content-Type "text/plain" is not supported here: send JSON with "content-type: application/json"'],
      ['/v1/classify', json, {}, 'Content-Type is missing: send JSON with "content-type: application/json"'],
    ];
    for (const [path, body, headers, message] of cases) {
      // fetch sets text/plain on a string body unless told otherwise: an empty header stands for none.
      const response = await fetch(`${pipeline.url}${path}`, { method: 'POST', headers: { 'x-api-key': admin, 'content-type': '', ...headers }, body });
      expect([path, response.status, await response.json()]).toEqual([path, 415, { statusCode: 415, error: 'Unsupported Media Type', message, field: 'content-type' }]);
    }
    // Uploads keep their own types, and a form is refused there with the upload's own advice, unread.
    const upload = await http('POST', `${pipeline.url}/v1/imports?userId=u`, { key: admin, body: `a=${'x'.repeat(200_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([upload.status, upload.body.message]).toEqual([415, expect.stringMatching(/^send the file as text\/csv, application\/octet-stream, application\/json or multipart\/form-data/)]);
    // A request without a body needs no type.
    const bodiless = await fetch(`${pipeline.url}/v1/events`, { method: 'POST', headers: { 'x-api-key': admin } });
    expect([bodiless.status, ((await bodiless.json()) as { message: string }).message]).toEqual([400, 'events must be an array of 1 to 1000 events']);
  });

  it('refuses a JSON body nested deeper than MAX_BODY_DEPTH on every route, and answers an absent body for what it lacks', async () => {
    // An object holding `levels - 1` nested arrays: `levels` levels in all.
    const nested = (levels: number) => `{"name":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    const refused = { statusCode: 400, error: 'Bad Request', message: `body nests arrays and objects deeper than ${MAX_BODY_DEPTH} levels`, field: 'body' };
    // /graphql says the same in GraphQL's shape.
    const refusedOverGraphql = { errors: [{ message: refused.message, extensions: { code: 'BAD_REQUEST', status: 400, field: 'body' } }] };
    for (const [method, path] of [['POST', '/v1/rules'], ['PUT', '/v1/classifications'], ['POST', '/v1/api-keys'], ['POST', '/graphql']]) {
      for (const levels of [MAX_BODY_DEPTH + 1, 5000]) {
        const response = await http(method, `${pipeline.url}${path}`, { key: admin, body: nested(levels) });
        expect([path, levels, response.status, response.body]).toEqual([path, levels, 400, path === '/graphql' ? refusedOverGraphql : refused]);
      }
    }
    const deepestAllowed = await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: nested(MAX_BODY_DEPTH) });
    expect(deepestAllowed.status).toBe(400);
    expect(deepestAllowed.body.message).not.toBe(refused.message);

    // No body at all: the use case names what is missing (it was a 500 before).
    const noRule = await http('POST', `${pipeline.url}/v1/rules`, { key: admin });
    expect([noRule.status, noRule.body.message]).toEqual([400, 'body must be an object']);
    const noCorrection = await http('PUT', `${pipeline.url}/v1/classifications`, { key: admin });
    expect([noCorrection.status, noCorrection.body.message]).toEqual([400, 'body must be an object with app, title and url']);
  });

  it('lists every bad event of a batch by index and field, and keeps the valid ones', async () => {
    const corpus: Array<[unknown, string, string]> = [
      [{ ...valid('m'), durationSec: '60' }, 'durationSec', 'must be a number of seconds as a JSON number, not a string'],
      [{ ...valid('m'), userId: 42 }, 'userId', 'must be a string'],
      [{ ...valid('m'), startedAt: true }, 'startedAt', 'must be ISO-8601 with an offset (e.g. 2026-11-22T09:30:00Z) or epoch seconds'],
      [{ ...valid('m'), app: undefined }, 'app', 'is required'],
      [{ ...valid('m'), userId: { $gt: '' } }, 'userId', 'must be a string'],
      [{ ...valid('m'), $where: 'sleep(1000)' }, '$where', 'is not a known field'],
      [{ ...valid('m'), 'profile.name': 'x' }, 'profile.name', 'is not a known field'],
      [{ ...valid('m'), durationSec: -1 }, 'durationSec', 'must be > 0'],
      [{ ...valid('m'), durationSec: 0 }, 'durationSec', 'must be > 0'],
      [{ ...valid('m'), durationSec: 1e9 }, 'durationSec', 'must be <= 86400'],
      // Accepted before 2026-11-25, and counted 0 on every board.
      [{ ...valid('m'), durationSec: 0.0004 }, 'durationSec', DURATION_TOO_SHORT],
      [{ ...valid('m'), startedAt: '1970-01-01T00:00:00Z' }, 'startedAt', 'is before 2000-01-01'],
      [{ ...valid('m'), startedAt: '9999-12-31T00:00:00Z' }, 'startedAt', 'is more than an hour in the future'],
      [{ ...valid('m'), startedAt: -1 }, 'startedAt', 'is before 2000-01-01'],
      [{ ...valid('m'), startedAt: 1e20 }, 'startedAt', 'is more than an hour in the future'],
      [{ ...valid('m'), startedAt: '2026-13-45T99:00:00Z' }, 'startedAt', NOT_A_REAL_TIME],
      [{ ...valid('m'), eventId: 'has spaces' }, 'eventId', 'may hold only letters, digits and . _ : @ + = / - (found " ")'],
      [{ ...valid('m'), title: 'x'.repeat(3000) }, 'title', 'must be at most 2048 characters'],
      [null, '(event)', 'must be an object'],
      ['a string', '(event)', 'must be an object'],
    ];
    const events = [valid('mixed-ok-1', 60), ...corpus.map(([event]) => event), valid('mixed-ok-2', 30)];
    const response = await post({ events });
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(2);
    expect(response.body.rejected).toEqual(corpus.map(([, field, reason], i) => ({ index: i + 1, field, reason })));
    const score = (user: string) => redis.zscore(`${config.REDIS_PREFIX}lb:total:day:2026-11-21`, user);
    await waitFor(async () => (await score('mixed-ok-1')) === '60' && (await score('mixed-ok-2')) === '30', 'the valid events of the batch');
  });

  it('lists every rejected event of a batch without a valid one over GraphQL too, as REST does', async () => {
    const events = [{ ...valid('none-valid'), userId: 'a b' }, { ...valid('none-valid'), startedAt: 'yesterday' }, { ...valid('none-valid'), durationSec: -3 }];
    const overRest = await post({ events });
    expect(overRest.status).toBe(400);
    expect(overRest.body.rejected).toHaveLength(3);
    const overGraphql = await graphql(pipeline.url, admin, 'mutation($events: [ActivityEventInput!]!) { submitEvents(events: $events) { accepted } }', { events });
    expect(overGraphql.body.errors[0]).toMatchObject({
      message: overRest.body.message,
      extensions: { code: 'BAD_USER_INPUT', status: 400, field: overRest.body.field, accepted: 0, duplicates: 0, rejected: overRest.body.rejected },
    });
  });

  it('refuses start times that do not exist instead of rolling them over, on REST and GraphQL, and keeps the valid events', async () => {
    const at = (eventId: string, startedAt: string) => ({ ...valid('calendar'), eventId, startedAt });
    const impossible = [
      at('feb30', '2026-02-30T10:00:00Z'),
      at('nov31', '2026-11-31T10:00:00+01:00'),
      at('feb29-2025', '2025-02-29T10:00:00Z'),
      at('hour24', '2026-03-01T24:00:00Z'),
      at('hour25', '2026-03-01T25:00:00Z'),
      at('minute60', '2026-03-01T10:60:00Z'),
      at('offset15', '2026-03-01T10:00:00+15:00'),
    ];
    const rest = await post({ events: [...impossible, at('leap-day', '2024-02-29T10:00:00Z')] });
    expect(rest.status).toBe(202);
    expect(rest.body).toMatchObject({ accepted: 1, rejected: impossible.map((_, index) => ({ index, field: 'startedAt', reason: NOT_A_REAL_TIME })) });

    const gql = await graphql(pipeline.url, admin, 'mutation($events: [ActivityEventInput!]!) { submitEvents(events: $events) { accepted rejected { index field reason } } }', {
      events: [at('gql-feb30', '2026-02-30T10:00:00Z'), at('gql-epoch', String(Date.UTC(2026, 1, 28, 10) / 1000))],
    });
    expect(gql.body.data.submitEvents).toEqual({ accepted: 1, rejected: [{ index: 0, field: 'startedAt', reason: NOT_A_REAL_TIME }] });

    // The valid ones are stored; none of the others was counted on the day it would have rolled over to.
    // Each waited for: the two came in separate requests, and either may be stored first.
    const stored = async (eventId: string) => waitFor(async () => {
      const response = await http('GET', `${pipeline.url}/v1/events/${eventId}`, { key: admin });
      return response.status === 200 && response.body;
    }, `the valid event ${eventId}`);
    expect((await stored('gql-epoch')).startedAt).toBe('2026-02-28T10:00:00.000Z');
    expect((await stored('leap-day')).startedAt).toBe('2024-02-29T10:00:00.000Z');
    expect((await http('GET', `${pipeline.url}/v1/events/feb30`, { key: admin })).status).toBe(404);
    expect(await redis.zscore(`${config.REDIS_PREFIX}lb:total:day:2026-03-02`, 'calendar')).toBeNull();
  });

  it('names the input at fault in the field of each refusal: query and path parameters, body properties, the body', async () => {
    const cases: Array<[string, string, unknown, string, string]> = [
      ['GET', '/v1/leaderboards/total?period=year', undefined, 'period', 'period must be one of day, week, month, all'],
      ['GET', '/v1/leaderboards/total?limit=0', undefined, 'limit', 'limit must be an integer from 1 to 500'],
      ['GET', '/v1/leaderboards/total?limit=501', undefined, 'limit', 'limit must be an integer from 1 to 500'],
      ['GET', '/v1/leaderboards/total?offset=-1', undefined, 'offset', 'offset must be an integer from 0 to 10000000'],
      ['GET', '/v1/leaderboards/total?date=2026-02-30', undefined, 'date', 'date must be a calendar date YYYY-MM-DD: 2026-02 has days 01 to 28'],
      ['GET', '/v1/leaderboards/nope', undefined, 'board', 'board "nope" is unknown: use a category id, "productive" or "total"'],
      ['GET', '/v1/leaderboards/total/users/u?period=year', undefined, 'period', 'period must be one of day, week, month, all'],
      ['GET', '/v1/leaderboards/total/users/u?date=2026-02-30', undefined, 'date', 'date must be a calendar date YYYY-MM-DD: 2026-02 has days 01 to 28'],
      ['GET', '/v1/users/u/summary?period=year', undefined, 'period', 'period must be one of day, week, month, all'],
      ['GET', '/v1/users/u/summary?date=2026-02-30', undefined, 'date', 'date must be a calendar date YYYY-MM-DD: 2026-02 has days 01 to 28'],
      ['POST', '/v1/events', '{"events": []}', 'events', 'events must be an array of 1 to 1000 events'],
      ['POST', '/v1/events', '[]', 'events', 'events must be an array of 1 to 1000 events'],
      ['POST', '/v1/events', '{"events": "x"}', 'events', 'events must be an array of 1 to 1000 events'],
      ['POST', '/v1/events', 'null', 'events', 'events must be an array of 1 to 1000 events'],
      ['POST', '/v1/events', '{events:', 'body', expect.stringMatching(/^body is not valid JSON: \S.+/)],
      [
        'POST',
        '/v1/events',
        { events: [{ userId: 'u', app: 'Code', startedAt: '2026-11-20T10:00:00Z', durationSec: 60 }], idempotencyKey: 'k-1' },
        'idempotencyKey',
        'idempotencyKey is not a property of the request: it takes events only (an idempotency key goes in the Idempotency-Key header)',
      ],
      ['POST', '/v1/api-keys', { name: 'x' }, 'scopes', 'scopes is required: a list of ingest, read, admin'],
      ['POST', '/v1/api-keys', { name: 'x', scopes: 'admin' }, 'scopes', 'scopes must be a list of ingest, read, admin'],
      ['POST', '/v1/api-keys', { scopes: ['read'] }, 'name', 'name is required: a text of 1 to 100 characters'],
      ['POST', '/v1/api-keys', '[]', 'body', 'body must be an object { name, scopes, userId? }'],
      ['GET', '/v1/imports?limit=0', undefined, 'limit', 'limit must be an integer from 1 to 200'],
      ['POST', '/v1/imports?format=xml', undefined, 'format', 'format must be one of csv, activitywatch'],
      ['GET', '/v1/dead-letters?limit=0', undefined, 'limit', 'limit must be an integer from 1 to 500'],
    ];
    for (const [method, path, body, field, message] of cases) {
      const response = await http(method, `${pipeline.url}${path}`, { key: admin, body });
      expect([method, path, response.status, response.body]).toEqual([method, path, 400, expect.objectContaining({ statusCode: 400, error: 'Bad Request', message, field })]);
    }
  });

  it('names the argument at fault in extensions.field of each GraphQL refusal, as REST names it in field, whichever app refused', async () => {
    const cases: Array<[string, string, string]> = [
      ['{ leaderboard(board: "total", limit: 0) { board } }', 'limit', 'limit must be an integer from 1 to 500'],
      ['{ leaderboard(board: "nope") { board } }', 'board', 'board "nope" is unknown: use a category id, "productive" or "total"'],
      ['{ userRank(board: "total", userId: "u", period: "year") { rank } }', 'period', 'period must be one of day, week, month, all'],
      ['{ leaderboardAround(board: "total", userId: "u", k: 1000) { rank } }', 'k', 'k must be an integer from 0 to 100'],
      ['{ classify(items: []) { rulesetVersion } }', 'items', 'items must be an array of 1 to 1000 items'],
      ['mutation { submitEvents(events: []) { accepted } }', 'events', 'events must be an array of 1 to 1000 events'],
      ['mutation { createApiKey(input: { name: "x", scopes: ["root"] }) { id } }', 'scopes', 'scopes may only contain ingest, read, admin'],
      // The argument, where classification names REST's body.
      ['mutation { importRuleset(document: "[]") { mode } }', 'document', 'document must be an object { version, categories, rules }'],
    ];
    for (const [query, field, message] of cases) {
      const response = await graphql(pipeline.url, admin, query);
      expect([query, response.body.errors?.[0]]).toEqual([query, expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', status: 400, field }) })]);
    }
    // A value sent in a variable, as most clients send them, graphql-js refuses naming the variable only: no field.
    const variables: Array<[string, Record<string, unknown>, string]> = [
      ['mutation ($e: [ActivityEventInput!]!) { submitEvents(events: $e) { accepted } }', { e: [{ userId: 'v', app: 'Code', startedAt: 1795348800, durationSec: 60 }] }, 'events[0].startedAt'],
      ['query ($l: Int) { leaderboard(board: "total", limit: $l) { board } }', { l: 'ten' }, 'limit'],
      ['query ($u: String!) { userRank(board: "total", userId: $u) { rank } }', {}, 'userId'],
    ];
    for (const [query, values, field] of variables) {
      const response = await graphql(pipeline.url, admin, query, values);
      expect([query, response.body.errors?.[0]]).toEqual([query, expect.objectContaining({ message: expect.stringMatching(/^Variable "\$/), extensions: { code: 'BAD_USER_INPUT', field } })]);
    }
  });

  it('accepts and stores unicode edge cases intact', async () => {
    const title = 'Ünïcødé 🦄 \u202Eevil\u202C \u0000 zero\u200Bwidth 日本語';
    const response = await post({ events: [{ ...valid('uni'), eventId: 'uni-1', app: '🦄 App', title }] });
    expect(response.body).toMatchObject({ accepted: 1 });
    const mongo = pipeline.apps.leaderboard!.get<Connection>(getConnectionToken());
    const stored = await waitFor(async () => mongo.collection('usage_logs').findOne({ _id: 'uni-1' as never }), 'the unicode event');
    expect(stored.title).toBe(title.replace(/\s+/g, ' ').trim());
    expect(stored.app).toBe('🦄 App');
  });

  it('answers operator-shaped ids with 4xx, never a query', async () => {
    const response = await http('GET', `${pipeline.url}/v1/events/${encodeURIComponent('{"$ne":null}')}`, { key: admin });
    // No event has such an id (ingestion takes none): refused naming its first wrong character.
    expect([response.status, response.body.field, response.body.message]).toEqual([400, 'eventId', 'eventId may hold only letters, digits and . _ : @ + = / - (found "{")']);
  });

  it('rejects malformed and too deep GraphQL with errors, not crashes', async () => {
    const syntax = await graphql(pipeline.url, admin, '{ leaderboard(board: "total" { entries } }');
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors[0].message).toMatch(/Syntax Error/);
    const wrongType = await graphql(pipeline.url, admin, 'query($l: Int) { leaderboard(board: "total", limit: $l) { board } }', { l: 'ten' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0].message).toContain('$l');
    // A literal's error names its argument too, where graphql's own words named none.
    const overflow = await graphql(pipeline.url, admin, '{ leaderboard(board: "total", limit: 20, offset: 99999999999) { board } }');
    expect(overflow.status).toBe(400);
    expect(overflow.body.errors).toEqual([
      expect.objectContaining({
        message: 'Argument "offset" of "leaderboard": Int cannot represent non 32-bit signed integer value: 99999999999',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field: 'offset' },
      }),
    ]);
    let deep = 'name';
    for (let i = 0; i < 20; i++) deep = `ofType { ${deep} }`;
    const tooDeep = await graphql(pipeline.url, admin, `{ __type(name: "Leaderboard") { ${deep} } }`);
    expect(tooDeep.body.errors[0].message).toBe('Query depth limit of 12 exceeded, found 22.');
    // A field repeated this often is refused before graphql-js compares every pair of its repeats.
    const repeated = await graphql(pipeline.url, admin, `{ ${'__typename '.repeat(2000)}}`);
    expect([repeated.status, repeated.body.errors]).toEqual([400, [{ message: '"__typename" is asked for more than 16 times in one selection set: ask for it once', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]]);
    // 57 KB, which a request without a key may send: graphql-js built a conflict for each pair of
    // the 2,200 fields before it stopped, 0.4 to 0.9 s of the gateway's one thread a request (20
    // at once held a keyed request 12 s); refused at the first pair now, with or without a key.
    const conflicting = JSON.stringify({ query: `{${Array.from({ length: 2200 }, (_, i) => `event(eventId:"${i % 2}"){app}`).join(' ')}}` });
    for (const key of [admin, undefined]) {
      const refused = await fetch(`${pipeline.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) }, body: conflicting });
      expect([refused.status, await refused.json()]).toEqual([
        400,
        { errors: [{ message: '"event" is asked for as event(eventId:"0") and as event(eventId:"1") in one selection set: one response name is one field with one set of arguments (use an alias for the other)', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
      ]);
    }
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: leaderboard(board: "total") { board }`).join(' ');
    const tooMany = await graphql(pipeline.url, admin, `{ ${aliases} }`);
    expect(tooMany.body.errors[0].message).toMatch(/alias/i);
    const badEvents = await graphql(pipeline.url, admin, 'mutation { submitEvents(events: [{ userId: "g", app: "Code", startedAt: "yesterday", durationSec: -3 }]) { accepted } }');
    expect(badEvents.body.errors[0].message).toBe('no valid event: events[0].durationSec must be > 0');
  });

  it('refuses missing, wrong, revoked and under-scoped keys', async () => {
    const gateway = pipeline.apps.gateway!;
    const revoked = await gateway.get(ApiKeyRepository).create('soon revoked', ['ingest']);
    await gateway.get(ApiKeyRepository).revoke(revoked.id);
    const ingestOnly = await createApiKey(gateway, ['ingest']);
    expect((await post({ events: [valid('k')] }, '')).status).toBe(401);
    expect((await post({ events: [valid('k')] }, 'ap_0000_wrong')).status).toBe(401);
    const revokedAnswer = await post({ events: [valid('k')] }, revoked.key);
    expect(revokedAnswer.status).toBe(401);
    expect(revokedAnswer.body.message).toBe('invalid or revoked API key');
    // A 401 names the scheme that would do (RFC 9110 requires it; it had none).
    expect(revokedAnswer.headers.get('www-authenticate')).toBe('Bearer realm="activity-pipeline"');
    expect((await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key: ingestOnly })).status).toBe(403);
    // A key sent the wrong way says what to change, before a body is read (POST) and in the guard (GET):
    // Authorization without "Bearer " was answered "missing API key", "Bearer <key>" in x-api-key "invalid or revoked".
    for (const method of ['POST', 'GET']) {
      const url = `${pipeline.url}/v1/${method === 'POST' ? 'events' : 'leaderboards/total'}`;
      const body = method === 'POST' ? { events: [valid('k')] } : undefined;
      const noScheme = await http(method, url, { body, headers: { authorization: admin } });
      expect([method, noScheme.status, noScheme.body.message]).toEqual([method, 401, 'Authorization holds no "Bearer <key>": send the API key as Authorization: Bearer <key>, or as x-api-key: <key>']);
      const schemeInHeader = await http(method, url, { body, headers: { 'x-api-key': `Bearer ${admin}` } });
      expect([method, schemeInHeader.status, schemeInHeader.body.message]).toEqual([
        method,
        401,
        'invalid or revoked API key: a key looks like ap_<id>_<secret>, sent alone (no quotes, and "Bearer " only in Authorization)',
      ]);
    }
  });

  it('answers a request no route takes saying what would: the methods of its path (405, Allow), the route it nearly is, where routes are listed', async () => {
    // Nest's answer was "Cannot GET /v1/events", nothing more.
    const wrongMethod = await http('GET', `${pipeline.url}/v1/events`, { key: admin });
    expect([wrongMethod.status, wrongMethod.headers.get('allow'), wrongMethod.body]).toEqual([
      405,
      'POST',
      { statusCode: 405, error: 'Method Not Allowed', message: 'GET /v1/events is not a route: /v1/events takes POST (every route is listed at /docs)' },
    ]);
    const misspelt = await http('GET', `${pipeline.url}/v1/leaderboard/total?period=week`, { key: admin });
    expect([misspelt.status, misspelt.body.message]).toEqual([404, 'no route GET /v1/leaderboard/total: did you mean GET /v1/leaderboards/:board? Every route is listed at /docs']);
    const withoutPrefix = await http('POST', `${pipeline.url}/events`, { key: admin, body: { events: [valid('r')] } });
    expect([withoutPrefix.status, withoutPrefix.body.message]).toEqual([404, 'no route POST /events: did you mean POST /v1/events? Every route is listed at /docs']);
    // A route's own 404 keeps its message and field.
    const missing = await http('GET', `${pipeline.url}/v1/events/never-sent`, { key: admin });
    expect([missing.status, missing.body.field]).toEqual([404, 'eventId']);
  });

  it('answers a GraphQL request refused for its key 401 or 403 to a client taking application/graphql-response+json, 200 to one taking application/json (GraphQL over HTTP)', async () => {
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    const ask = (query: string, key: string | undefined, accept?: string) => http('POST', `${pipeline.url}/graphql`, { key, body: { query }, headers: accept ? { accept } : {} });
    const graphqlResponse = 'application/graphql-response+json, application/json;q=0.9';
    const board = '{ leaderboard(board: "total") { board } }';

    const missing = await ask(board, undefined, graphqlResponse);
    expect([missing.status, missing.headers.get('content-type'), missing.headers.get('www-authenticate')]).toEqual([401, 'application/graphql-response+json; charset=utf-8', 'Bearer realm="activity-pipeline"']);
    // No data: the request as a whole was not permitted (a request error), as the status says.
    expect(missing.body).toEqual({ errors: [expect.objectContaining({ message: 'missing API key: send x-api-key or Authorization: Bearer <key>', extensions: { code: 'UNAUTHENTICATED', status: 401 } })] });
    expect((await ask(board, 'ap_0000_wrong', graphqlResponse)).status).toBe(401);
    const forbidden = await ask('{ deadLetters { pending } }', reader, graphqlResponse);
    expect([forbidden.status, forbidden.body.errors[0].extensions.code, forbidden.body.data]).toEqual([403, 'FORBIDDEN', undefined]);
    expect([(await ask(board, reader, graphqlResponse)).status, (await ask(board, reader, graphqlResponse)).body]).toEqual([200, { data: { leaderboard: { board: 'total' } } }]);
    // Refused for what it asks, not for the key: executed, the field null, so 200 as before (the spec's "partial response").
    const unknownBoard = await ask('{ leaderboard(board: "nope") { board } }', reader, graphqlResponse);
    expect([unknownBoard.status, unknownBoard.body.data, unknownBoard.body.errors[0].extensions.code]).toEqual([200, { leaderboard: null }, 'BAD_USER_INPUT']);

    // application/json (the default, what every client took so far): 200 as before, which the spec asks for that type.
    for (const accept of [undefined, 'application/json']) {
      const legacy = await ask(board, undefined, accept);
      expect([legacy.status, legacy.headers.get('content-type'), legacy.body.errors[0].extensions.code]).toEqual([200, 'application/json; charset=utf-8', 'UNAUTHENTICATED']);
    }
  });

  it('varies what a key reads by key: no cache takes one key\'s answer for another\'s', async () => {
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    const board = await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key: reader });
    const graphqlAnswer = await graphql(pipeline.url, reader, '{ leaderboard(board: "total") { board } }');
    const refused = await http('GET', `${pipeline.url}/v1/leaderboards/total`);
    for (const answer of [board, graphqlAnswer, refused]) {
      expect([answer.headers.get('cache-control'), answer.headers.get('vary')]).toEqual(['no-store', 'x-api-key, Authorization']);
    }
  });

  it('keeps answers out of caches and MIME sniffing and does not name its framework, on every kind of route', async () => {
    const answers = {
      read: await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key: admin }),
      refused: await http('GET', `${pipeline.url}/v1/leaderboards/total`),
      graphql: await graphql(pipeline.url, admin, '{ categories { rulesetVersion } }'),
      watcher: await http('GET', `${pipeline.url}/api/0/info`, { key: admin }),
      unknownRoute: await http('GET', `${pipeline.url}/v1/nothing-here`, { key: admin }),
      metrics: await http('GET', `${pipeline.url}/metrics`),
    };
    for (const [name, answer] of Object.entries(answers)) {
      // A shared cache keys on the URL: x-api-key is no Authorization header, so without no-store it may serve one key's answer to anyone.
      expect([name, answer.headers.get('cache-control'), answer.headers.get('x-content-type-options'), answer.headers.get('x-powered-by')]).toEqual([name, 'no-store', 'nosniff', null]);
    }
  });

  it('refuses a request without a valid key before reading its body, and reads at most 64 KiB where a key is optional', async () => {
    // Bodies were parsed before the key was checked: 5 MB of {} became ~110 MB of heap per request, 8 at once took the gateway from 116 to 895 MB RSS, all for a 401.
    const huge = `[${'{},'.repeat(1_700_000)}{}]`;
    for (const key of [undefined, 'ap_000000000000_made-up']) {
      for (const body of [huge, '{"items": [']) {
        const answer = await http('POST', `${pipeline.url}/v1/classify`, { key, body });
        expect([answer.status, answer.body.message]).toEqual([401, key ? 'invalid or revoked API key' : 'missing API key: send x-api-key or Authorization: Bearer <key>']);
      }
    }
    const large = JSON.stringify({ query: `{ __typename ${' '.repeat(70 * 1024)}}` });
    const graphqlWithoutKey = await http('POST', `${pipeline.url}/graphql`, { body: large });
    expect([graphqlWithoutKey.status, graphqlWithoutKey.body.errors[0].message]).toEqual([413, 'body is larger than the limit of 65536 bytes for a request without a valid API key']);
    expect((await http('POST', `${pipeline.url}/graphql`, { key: admin, body: large })).body).toEqual({ data: { __typename: 'Query' } });
    const keylessWatcher = await http('POST', `${pipeline.url}/api/0/buckets/b/heartbeat?pulsetime=5`, { body: JSON.stringify({ timestamp: '2026-11-21T10:00:00Z', duration: 0, data: { app: 'x'.repeat(70 * 1024) } }) });
    expect([keylessWatcher.status, keylessWatcher.body.message, keylessWatcher.body.field]).toEqual([413, 'body is larger than the limit of 65536 bytes for a request without a valid API key', 'body']);
  });

  it('reads at most LARGE_BODIES_PER_KEY large bodies of one key and LARGE_BODIES_AT_ONCE in all at once: 429 or 503 with Retry-After past them', async () => {
    // A valid key could send any number of 5 MB bodies at once, each parsed into up to ~110 MB of heap (8 at once: 895 MB RSS).
    const [first, second, third] = [await createApiKey(pipeline.apps.gateway!, ['read', 'ingest']), await createApiKey(pipeline.apps.gateway!, ['read']), await createApiKey(pipeline.apps.gateway!, ['read'])];
    const { hostname, port } = new URL(pipeline.url);
    // A body that keeps arriving: its request holds a slot until it is closed; its head is sent when this resolves.
    const arriving = async (key: string) => {
      const request = httpRequest({ hostname, port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(LARGE_BODY_BYTES * 2), 'x-api-key': key } });
      request.on('error', () => undefined);
      await new Promise((sent) => request.write('{"query": "{ __typename ', sent));
      return request;
    };
    const large = JSON.stringify({ query: `{ __typename ${' '.repeat(LARGE_BODY_BYTES)}}` });
    const sendLarge = (key: string) => http('POST', `${pipeline.url}/graphql`, { key, body: large });
    // Keys known to the gateway and a round trip after the held requests began: they hold their slots before the others ask.
    for (const key of [first, second, third]) await graphql(pipeline.url, key, '{ __typename }');
    const held = [await arriving(first), await arriving(first)];
    await http('GET', `${pipeline.url}/health/live`);
    try {
      const perKey = await waitFor(async () => {
        const answer = await sendLarge(first);
        return answer.status === 429 && answer;
      }, 'the third large body of one key refused');
      expect(perKey.body.errors[0]).toEqual({
        message: `this API key has ${LARGE_BODIES_PER_KEY} bodies over ${LARGE_BODY_BYTES} bytes (or of undeclared length) being handled already, the most at once: send this one when one of them is answered (retry after 1 s)`,
        extensions: { code: 'TOO_MANY_REQUESTS', status: 429, field: 'body', retryAfter: 1 },
      });
      expect(perKey.headers.get('retry-after')).toBe('1');
      // An events batch that large is parsed here too, to be split into NATS-sized chunks: it takes a slot as well.
      const events = await http('POST', `${pipeline.url}/v1/events`, { key: first, body: { events: [valid('large', 60)], padding: ' '.repeat(LARGE_BODY_BYTES) } });
      expect([events.status, events.body.field]).toEqual([429, 'body']);
      // Small bodies of the same key are not held back.
      expect((await graphql(pipeline.url, first, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
      held.push(await arriving(second), await arriving(second));
      await http('GET', `${pipeline.url}/health/live`);
      const overall = await waitFor(async () => {
        const answer = await http('POST', `${pipeline.url}/v1/classify`, { key: third, body: `{"items": [${' '.repeat(LARGE_BODY_BYTES)}]}` });
        return answer.status === 503 && answer;
      }, 'a large body refused while the instance reads LARGE_BODIES_AT_ONCE');
      expect([overall.body.message, overall.body.field, overall.headers.get('retry-after')]).toEqual([`this gateway is handling ${LARGE_BODIES_AT_ONCE} bodies over ${LARGE_BODY_BYTES} bytes (or of undeclared length) already, the most at once: retry after 1 s`, 'body', '1']);
    } finally {
      held.forEach((request) => request.destroy());
    }
    // Each slot is free again once its request is gone.
    await waitFor(async () => (await sendLarge(first)).status === 200 && (await sendLarge(third)).status === 200, 'large bodies read again');
  });

  it('answers __schema once per request, to anyone: introspection needs no key, and 20 aliases of it took ~170 ms of the gateway\'s thread each', async () => {
    const twice = await http('POST', `${pipeline.url}/graphql`, { body: { query: '{ a: __schema { queryType { name } } b: __schema { queryType { name } } }' } });
    expect([twice.status, twice.body.errors[0].message, twice.body.errors[0].extensions.code]).toEqual([400, '__schema may be asked once per request: the whole schema is the same each time', 'GRAPHQL_VALIDATION_FAILED']);
    expect((await http('POST', `${pipeline.url}/graphql`, { body: { query: '{ __schema { queryType { name } } }' } })).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('answers 429 with Retry-After past the per-key rate limit', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['read']);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 420 && !retryAfter; i++) {
      const r = await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(400);
    expect(statuses[400]).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // GraphQL: the same refusal, the seconds in extensions.retryAfter, and over HTTP the header as well.
    const overHttp = await graphql(pipeline.url, key, '{ leaderboard(board: "total") { board } }');
    expect(overHttp.body.errors[0].extensions).toEqual({ code: 'TOO_MANY_REQUESTS', status: 429, retryAfter: expect.any(Number) });
    expect(Number(overHttp.headers.get('retry-after'))).toBe(overHttp.body.errors[0].extensions.retryAfter);
    // A subscription's WebSocket has no headers: extensions.retryAfter is all a client has.
    const client = createClient({ url: `${pipeline.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { 'x-api-key': key }, retryAttempts: 0 });
    try {
      const result = await new Promise<FormattedExecutionResult>((resolve, reject) => {
        client.subscribe({ query: 'subscription { leaderboardChanged(board: "total") { board } }' }, { next: resolve, error: reject, complete: () => undefined });
      });
      expect(result.errors?.[0].extensions).toEqual({ code: 'TOO_MANY_REQUESTS', status: 429, retryAfter: expect.any(Number) });
    } finally {
      await client.dispose();
    }
  });

  it('counts a GraphQL request once in the per-key rate limit, however many fields it asks for', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['read']);
    const fields = Array.from({ length: 20 }, (_, i) => `b${i}: leaderboard(board: "total") { board }`).join(' ');
    const combined = await graphql(pipeline.url, key, `{ ${fields} categories { rulesetVersion } }`);
    expect(combined.body.errors).toBeUndefined();
    let served = 1;
    for (let i = 0; i < 420; i++, served++) if ((await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key })).status === 429) break;
    // Before, the one request spent 21 of the 400.
    expect(served).toBe(400);
  });

  it("counts each field of a GraphQL mutation in the per-key rate limit, as the REST request it stands for", async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest', 'read']);
    const event = (i: number) => `{ userId: "rate-${i}", app: "Code", startedAt: "2026-11-21T10:00:00Z", durationSec: 60 }`;
    // 20 aliased submitEvents of 1,000 events each were 20,000 events for one request of the budget.
    const submitted = await graphql(pipeline.url, key, `mutation { ${Array.from({ length: 20 }, (_, i) => `s${i}: submitEvents(events: [${event(i)}]) { accepted }`).join(' ')} }`);
    expect(submitted.body.errors).toBeUndefined();
    let served = 0;
    while (served < 420 && (await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key })).status !== 429) served++;
    expect(served).toBe(400 - 20);
  });

  it('budgets keyless ActivityWatch requests per client address: 429 with Retry-After past it, keyed watchers unaffected', async () => {
    const keyless = () => http('GET', `${pipeline.url}/api/0/info`);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await keyless()).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await keyless();
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^rate limit of 30 requests per minute for keyless watcher requests from this address exceeded; retry after \d+ s$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Without TRUST_PROXY a forged X-Forwarded-For is no new address.
    expect((await http('GET', `${pipeline.url}/api/0/info`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(429);
    const bound = await createApiKey(pipeline.apps.gateway!, ['ingest'], 'watcher-user');
    expect((await http('GET', `${pipeline.url}/api/0/info`, { key: bound })).status).toBe(200);
  });

  it('answers a burst of /health/ready with one round of checks: the route is public and each check is a round trip to a server', async () => {
    const checks = [...pipeline.apps.gateway!.get<ReadinessCheck[]>(READINESS_CHECKS), ...pipeline.apps.gateway!.get<ReadinessCheck[]>(DEGRADED_CHECKS)];
    expect(checks.map((check) => check.name).sort()).toEqual(['mongo', 'nats', 'redis']);
    const spies = checks.map((check) => jest.spyOn(check, 'check'));
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => http('GET', `${pipeline.url}/health/ready`)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      // Before, 20 requests made 20 JetStream API calls, 20 Mongo pings and 20 Redis pings.
      for (const spy of spies) expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it('names the server that is down in /health/ready, which is public, without its address or URL', async () => {
    // The answer gave out the failing server's address (and a URL's credentials) to anyone asking.
    const checkOf = (token: symbol, name: string) => pipeline.apps.gateway!.get<ReadinessCheck[]>(token).find((check) => check.name === name)!;
    const redisDown = jest.spyOn(checkOf(DEGRADED_CHECKS, 'redis'), 'check').mockResolvedValue({ redis: { status: 'down', message: 'Error: connect ECONNREFUSED 10.0.4.17:6379 (redis://ops:s3cret@cache.internal:6379)' } });
    try {
      // A ready answer is reused for a second. Redis down, the gateway still takes events: ready, degraded.
      const degraded = await waitFor(async () => {
        const answer = await http('GET', `${pipeline.url}/health/ready`);
        return answer.body.degraded && answer;
      }, 'a degraded answer');
      expect([degraded.status, degraded.body.degraded.redis]).toEqual([200, { status: 'down', message: 'Error: connect ECONNREFUSED <address> (<address>)' }]);
      const natsDown = jest.spyOn(checkOf(READINESS_CHECKS, 'nats'), 'check').mockResolvedValue({ nats: { status: 'down', message: 'connect ECONNREFUSED 10.0.4.18:4222' } });
      try {
        const ready = await waitFor(async () => {
          const answer = await http('GET', `${pipeline.url}/health/ready`);
          return answer.status !== 200 && answer;
        }, 'a not-ready answer');
        // A 503 names every server that is down, the degraded ones too.
        expect([ready.status, ready.body.error]).toEqual([
          503,
          { nats: { status: 'down', message: 'connect ECONNREFUSED <address>' }, redis: { status: 'down', message: 'Error: connect ECONNREFUSED <address> (<address>)' } },
        ]);
      } finally {
        natsDown.mockRestore();
      }
    } finally {
      redisDown.mockRestore();
    }
  });

  it('is still healthy after all of it', async () => {
    expect((await http('GET', `${pipeline.url}/health/ready`)).status).toBe(200);
  });
});

describe('keyless watchers behind a trusted reverse proxy', () => {
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    pipeline = await startPipeline(testConfig({ KEYLESS_RATE_LIMIT_PER_MIN: '5', UNKNOWN_KEYS_PER_MIN: '5', TRUST_PROXY: 'loopback', HTTP_BODY_TIMEOUT_SEC: '1' }), ['gateway']);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('budgets each client address the proxy forwards, not the proxy', async () => {
    const from = (client: string) => http('GET', `${pipeline.url}/api/0/info`, { headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 5; i++) expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.1')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(200);
    // A client's own X-Forwarded-For entry in front of the proxy's does not buy a new budget.
    expect((await from('10.9.9.9, 198.51.100.1')).status).toBe(429);
  });

  it('budgets GraphQL requests without a key per client address, as much as keyless watchers (KEYLESS_RATE_LIMIT_PER_MIN): anyone could ask the whole schema without limit', async () => {
    const introspect = (client: string, key?: string) => http('POST', `${pipeline.url}/graphql`, { key, body: { query: '{ __schema { types { name } } }' }, headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 5; i++) expect((await introspect('198.51.100.30')).status).toBe(200);
    const refused = await introspect('198.51.100.30');
    expect([refused.status, refused.headers.get('retry-after'), refused.body.errors[0].extensions]).toEqual([429, expect.stringMatching(/^\d+$/), { code: 'TOO_MANY_REQUESTS', status: 429, field: 'x-api-key', retryAfter: expect.any(Number) }]);
    expect(refused.body.errors[0].message).toMatch(/^rate limit of 5 requests per minute for GraphQL requests without an API key from this address exceeded; retry after \d+ s: send an API key \(x-api-key\) to use its own budget$/);
    // With a key, the key's budget; from another address, that address's.
    expect((await introspect('198.51.100.30', await createApiKey(pipeline.apps.gateway!, ['read']))).status).toBe(200);
    expect((await introspect('198.51.100.31')).status).toBe(200);
  });

  it('budgets the unknown API keys of each client address (UNKNOWN_KEYS_PER_MIN): past it 429 with Retry-After and no lookup; known keys unaffected', async () => {
    // Each made-up key cost a Mongo lookup, without limit.
    const from = (client: string, key: string, body?: unknown) => http(body === undefined ? 'GET' : 'POST', `${pipeline.url}/v1/${body === undefined ? 'ops/pipeline' : 'classify'}`, { key, body, headers: { 'x-forwarded-for': client } });
    const gateway = pipeline.apps.gateway!;
    const known = await createApiKey(gateway, ['read']);
    expect((await from('198.51.100.20', known)).status).toBe(200);
    // Valid keys new to the gateway spend the budget only while they are checked.
    for (let i = 0; i < 6; i++) expect((await from('198.51.100.21', await createApiKey(gateway, ['read']))).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await from('198.51.100.21', `ap_000000000000_made-up-${i}`)).status).toBe(401);
    const lookups = jest.spyOn(gateway.get(ApiKeyRepository), 'findActiveByKey');
    try {
      const refused = await from('198.51.100.21', 'ap_000000000000_made-up-again');
      expect([refused.status, refused.body.message, Number(refused.headers.get('retry-after')) > 0]).toEqual([
        429,
        expect.stringMatching(/^rate limit of 5 requests per minute for API keys this gateway does not know, from this address exceeded; retry after \d+ s$/),
        true,
      ]);
      // With a body: refused before it is read, naming the header.
      const withBody = await from('198.51.100.21', 'ap_000000000000_made-up-again', { items: [{ app: 'Code' }] });
      expect([withBody.status, withBody.body.field, withBody.headers.get('retry-after')]).toEqual([429, 'x-api-key', expect.stringMatching(/^\d+$/)]);
      expect(lookups).not.toHaveBeenCalled();
      // A key the gateway knows still passes from that address; other addresses keep their budget.
      expect((await from('198.51.100.21', known)).status).toBe(200);
      expect((await from('198.51.100.22', 'ap_000000000000_made-up-0')).status).toBe(401);
    } finally {
      lookups.mockRestore();
    }
  });

  it('budgets the unknown keys of a WebSocket connection by the client address the proxy forwards, not the proxy', async () => {
    const closeOf = async (client: string, key: string) => {
      const socket = new WebSocket(`${pipeline.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers: { 'x-forwarded-for': client } });
      const closed = new Promise<[number, string]>((resolve) => socket.on('close', (code, reason) => resolve([code, String(reason)])));
      await new Promise((resolve) => socket.on('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': key } }));
      return closed;
    };
    for (let i = 0; i < 5; i++) expect(await closeOf('198.51.100.40', `ap_000000000000_ws-made-up-${i}`)).toEqual([4403, 'invalid or revoked API key']);
    const [code, reason] = await closeOf('198.51.100.40', 'ap_000000000000_ws-made-up-again');
    expect([code, reason]).toEqual([1013, expect.stringMatching(/^rate limit of 5 requests per minute for API keys this gateway does not know, from this address/)]);
    // Every connection came from the proxy's address: one client's made-up keys spent everyone's budget.
    expect(await closeOf('198.51.100.41', 'ap_000000000000_ws-made-up-0')).toEqual([4403, 'invalid or revoked API key']);
  });

  it('answers 408 and closes a connection whose body does not arrive within HTTP_BODY_TIMEOUT_SEC (imports keep HTTP_REQUEST_TIMEOUT_SEC)', async () => {
    // A body trickling in held its connection for HTTP_REQUEST_TIMEOUT_SEC (an hour, for import uploads) on every route,
    // so a few thousand keyless clients sending a byte now and then held every socket the gateway could open.
    const { port } = new URL(pipeline.url);
    const socket = connectTcp(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(answer)));
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
    const received = await orAfter(closed, 10_000, () => 'no answer within 10 s');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('body was not received within 1 s (HTTP_BODY_TIMEOUT_SEC)');
    socket.destroy();

    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    const upload = connectTcp(Number(port), '127.0.0.1');
    let uploaded = '';
    upload.on('data', (chunk) => (uploaded += String(chunk)));
    const body = 'app,started_at,duration_sec\nCode,2026-11-21T10:00:00Z,60\n';
    upload.write(`POST /v1/imports?format=csv&userId=slow HTTP/1.1\r\nHost: x\r\nx-api-key: ${admin}\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    upload.write(body.slice(10));
    const uploadAnswer = await orAfter(new Promise<string>((resolve) => upload.on('close', () => resolve(uploaded))), 10_000, () => 'no answer within 10 s');
    expect(uploadAnswer).toMatch(/^HTTP\/1\.1 202 /);
  });

  it('budgets an IPv6 client by its /64, which one host holds whole, and an IPv4-mapped address as the IPv4 one', async () => {
    // Each address had its own budget: a host given a /64 (the usual smallest IPv6 prefix) had 2^64 budgets.
    const from = (client: string) => http('GET', `${pipeline.url}/api/0/info`, { headers: { 'x-forwarded-for': client } });
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) statuses.push((await from(`2001:db8:0:7::${i.toString(16)}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await from('2001:db8:0:8::1')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await from('198.51.100.7')).status).toBe(200);
    expect((await from('::ffff:198.51.100.7')).status).toBe(429);
  });

  it('names the app that is not running behind a route (503), whatever the operation', async () => {
    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    for (const [path, app] of [['/v1/rules', 'classification'], ['/v1/leaderboards/total', 'leaderboard'], ['/v1/leaderboards/total/users/u/around', 'leaderboard']]) {
      const response = await http('GET', `${pipeline.url}${path}`, { key: admin });
      expect([path, response.status, response.body.message]).toEqual([path, 503, `service unavailable (${app} is not running)`]);
      expect(response.headers.get('retry-after')).toBe('5');
    }
    // GraphQL says when to try again too, where it said nothing.
    const overGraphql = await graphql(pipeline.url, admin, '{ rules { total } }');
    expect(overGraphql.body.errors[0]).toMatchObject({ message: 'service unavailable (classification is not running)', extensions: { code: 'SERVICE_UNAVAILABLE', status: 503, retryAfter: 5 } });
    expect(overGraphql.headers.get('retry-after')).toBe('5');
  });

  it('refuses a TRUST_PROXY it cannot read at boot, naming it', async () => {
    expect(() => testConfig({ TRUST_PROXY: 'proxy host!' })).toThrow(/TRUST_PROXY must be empty, a number of proxy hops/);
    await expect(startPipeline(testConfig({ TRUST_PROXY: '10.0.0.300' }), ['gateway'])).rejects.toThrow(/^TRUST_PROXY: invalid IP address: 10\.0\.0\.300$/);
  });
});

describe('an ingestion that does not answer in time', () => {
  let pipeline: RunningPipeline;
  let key: string;
  let stopSilentIngestion: () => Promise<void>;

  beforeAll(async () => {
    const config = testConfig({ RPC_TIMEOUT_MS: '300' });
    // Takes every ingestion request and never answers: a hung ingestion, or one that publishes and answers too late.
    const nc = await connect({ servers: config.NATS_URL });
    nc.subscribe(`${config.PIPELINE_PREFIX}.rpc.ingestion.>`, { queue: 'ingestion' });
    await nc.flush();
    stopSilentIngestion = () => nc.close();
    pipeline = await startPipeline(config, ['gateway']);
    key = await createApiKey(pipeline.apps.gateway!, ['ingest']);
  });

  afterAll(async () => {
    await pipeline?.close();
    await stopSilentIngestion?.();
  });

  it('answers 504 saying the events may have been accepted and that sending them again is safe (REST and GraphQL)', async () => {
    const event = { userId: 'u1', app: 'code', startedAt: new Date(Date.now() - 60_000).toISOString(), durationSec: 60 };
    const advice = 'upstream service timed out (ingestion did not answer within 300 ms, RPC_TIMEOUT_MS): the events may have been accepted; sending the same request again is safe (each event counts once, by its eventId)';
    const rest = await http('POST', `${pipeline.url}/v1/events`, { key, body: { events: [event] } });
    expect([rest.status, rest.body.message]).toEqual([504, advice]);
    const large = await http('POST', `${pipeline.url}/v1/events`, { key, body: { events: Array.from({ length: 900 }, (_, i) => ({ ...event, title: `${i} ${'x'.repeat(900)}` })) } });
    expect([large.status, large.body.message]).toEqual([504, advice]);
    const gql = await graphql(pipeline.url, key, 'mutation($events: [ActivityEventInput!]!) { submitEvents(events: $events) { accepted } }', { events: [event] });
    expect(gql.body.errors?.[0]?.message).toBe(advice);
  });
});
