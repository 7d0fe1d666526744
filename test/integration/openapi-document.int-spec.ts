import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NatsConnectionService } from '@lib/messaging';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { createApiKey, startPipeline, RunningPipeline } from '../support/pipeline';
import { http } from '../support/http';
import { testConfig, waitFor } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string; minimum?: number; maximum?: number };
}
type Answer = { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema: object }> };
type Operation = { parameters?: Parameter[]; requestBody?: unknown; responses: Record<string, Answer>; security?: Array<Record<string, string[]>> };
type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: { securitySchemes?: Record<string, unknown> } };

/** Room for the bounds test's requests under one key; the 429 test spends it all. */
const RATE_LIMIT = 100;

/** The OpenAPI document at /docs-json against what the routes take: what a client generated from it would send. */
describe('the OpenAPI document', () => {
  let pipeline: RunningPipeline;
  let document: OpenApiDocument;

  beforeAll(async () => {
    // Ingestion runs import jobs to their end: their answers then hold counts and rejected rows.
    pipeline = await startPipeline(testConfig({ RATE_LIMIT_PER_MIN: String(RATE_LIMIT) }), ['gateway', 'ingestion', 'leaderboard', 'classification']);
    document = (await http('GET', `${pipeline.url}/docs-json`)).body;
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const operations = () => Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));

  it('lists each parameter once (header names are case-insensitive), and the Idempotency-Key of POST /v1/events as optional', () => {
    const repeated = operations().flatMap(({ name, operation }) => {
      const keys = (operation.parameters ?? []).map((p) => `${p.in} ${p.in === 'header' ? p.name.toLowerCase() : p.name}`);
      return keys.filter((key, i) => keys.indexOf(key) !== i).map((key) => `${name}: ${key}`);
    });
    expect(repeated).toEqual([]);
    const headers = document.paths['/v1/events'].post.parameters!.filter((p) => p.in === 'header');
    expect(headers).toEqual([expect.objectContaining({ name: 'Idempotency-Key', required: false })]);
  });

  it('documents the body of every /v1 route that reads one, and a success answer of every route', () => {
    // Replaying one dead letter takes no body.
    const bodiless = ['POST /v1/dead-letters/{id}/replay'];
    const withoutBody = operations().filter(({ name, operation }) => /^(POST|PUT|PATCH) \/v1\//.test(name) && !bodiless.includes(name) && !operation.requestBody);
    expect(withoutBody.map(({ name }) => name)).toEqual([]);
    const withoutSuccess = operations().filter(({ operation }) => !Object.keys(operation.responses).some((status) => status.startsWith('2')));
    expect(withoutSuccess.map(({ name }) => name)).toEqual([]);
  });

  it('lists every /v1 route README.md and docs/ name, as they name it', () => {
    const root = join(__dirname, '..', '..');
    const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md') && name !== 'performance-history.md').map((name) => `docs/${name}`)];
    const routes = operations().map(({ name }) => new RegExp(`^${name.replace(/\{\w+\}/g, '[^/]+')}$`));
    const named: string[] = [];
    for (const page of pages) {
      // "no route GET /v1/leaderboard/total" quotes the 404 of a misspelt path.
      for (const m of readFileSync(join(root, page), 'utf8').matchAll(/(?<!no route )\b(GET|POST|PUT|PATCH|DELETE) (\/v1\/[^\s`|,;)?]*)/g)) {
        named.push(`${page}: ${m[1]} ${m[2].replace(/[.:]+$/, '')}`);
      }
    }
    expect(named.length).toBeGreaterThan(50);
    const unknown = named.filter((mention) => !routes.some((route) => route.test(mention.slice(mention.indexOf(': ') + 2).replace(/\/:\w+/g, '/x'))));
    expect(unknown).toEqual([]);
  });

  it('documents as the body of a rule import every field of the export it takes back', () => {
    type Schema = { $ref?: string; properties?: Record<string, unknown> };
    const resolved = (schema: Schema): Schema => (schema.$ref ? (document.components as { schemas: Record<string, Schema> }).schemas[schema.$ref.split('/').pop()!] : schema);
    const body = (document.paths['/v1/rules/import'].post.requestBody as { content: Record<string, { schema: Schema }> }).content['application/json'].schema;
    const exported = document.paths['/v1/rules/export'].get.responses['200'].content!['application/json'].schema as Schema;
    expect(Object.keys(resolved(body).properties ?? {}).sort()).toEqual(Object.keys(resolved(exported).properties ?? {}).sort());
  });

  it('offers the key as x-api-key or as Authorization: Bearer on every keyed route, as the routes take it', async () => {
    // The bearer token is the API key, not the JWT Nest's default bearerFormat announced.
    expect(document.components.securitySchemes).toEqual({
      'api-key': { type: 'apiKey', in: 'header', name: 'x-api-key' },
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'ap_<id>_<secret>', description: 'the API key, as Authorization: Bearer <key>' },
    });
    const keyed = operations().filter(({ operation }) => operation.security);
    // Either scheme alone is enough: two requirements, not one with both.
    const schemes = ({ operation }: { operation: Operation }) => operation.security!.map((requirement) => Object.keys(requirement).join('+')).sort();
    expect(keyed.filter((o) => schemes(o).join(' or ') !== 'api-key or bearer').map((o) => `${o.name}: ${schemes(o).join(' or ')}`)).toEqual([]);
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    expect((await http('GET', `${pipeline.url}/v1/imports`, { headers: { authorization: `Bearer ${reader}` } })).status).toBe(200);
  });

  it('types every number a query takes as an integer with the bounds the route enforces', async () => {
    const numeric = /^(limit|offset|k|after)$/;
    const untyped = operations().flatMap(({ name, operation }) =>
      (operation.parameters ?? []).filter((p) => p.in === 'query' && numeric.test(p.name) && p.schema?.type !== 'integer').map((p) => `${name} ${p.name}`),
    );
    expect(untyped).toEqual([]);
    // What a client generated from the document may send is taken; one past it is the 400 naming it.
    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    let checked = 0;
    for (const { name, operation } of operations().filter(({ name }) => name.startsWith('GET /v1/'))) {
      const path = name.slice('GET '.length).replace('{board}', 'total').replace('{userId}', 'u');
      const streams = path.endsWith('/stream');
      for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'query' && p.schema?.maximum !== undefined)) {
        const { maximum, minimum } = parameter.schema!;
        checked++;
        const given = (value: number) => http('GET', `${pipeline.url}${path}?${parameter.name}=${value}${path.endsWith('/group') ? '&users=u' : ''}`, { key: admin });
        for (const outside of [maximum! + 1, minimum! - 1]) {
          const refused = await given(outside);
          expect([name, outside, refused.status, refused.body.field]).toEqual([name, outside, 400, parameter.name]);
        }
        // An SSE stream taken would stay open: its refusals are what it can be held to here.
        if (!streams) for (const inside of [minimum!, maximum!]) expect([name, inside, (await given(inside)).status]).toEqual([name, inside, 200]);
      }
    }
    // limit and offset of the board, the user's rank, the stream, rules, corrections, imports and dead letters, and k.
    expect(checked).toBe(13);
  });

  /** `schema` with every object it describes closed: a property the document does not name fails it. */
  const closed = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(closed);
    if (typeof schema !== 'object' || schema === null) return schema;
    const copy = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v)]));
    return 'properties' in copy && !('additionalProperties' in copy) ? { ...copy, additionalProperties: false } : copy;
  };

  it('describes what the read routes answer: each answer matches the schema documented for it, no property left out', async () => {
    const day = '2026-10-05';
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).write([classifiedEnvelope('openapi-1', [{ eventId: 'oa-1', userId: 'oa', startedAt: `${day}T09:00:00Z`, durationSec: 60 }])]);
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    const reads: Array<[string, string]> = [
      ['/v1/leaderboards/{board}', `/v1/leaderboards/total?date=${day}`],
      ['/v1/leaderboards/{board}/count', `/v1/leaderboards/total/count?date=${day}`],
      ['/v1/leaderboards/{board}/users/{userId}', `/v1/leaderboards/total/users/oa?date=${day}`],
      ['/v1/leaderboards/{board}/users/{userId}', `/v1/leaderboards/total/users/nobody?date=${day}`],
      ['/v1/leaderboards/{board}/users/{userId}/around', `/v1/leaderboards/total/users/oa/around?date=${day}`],
      ['/v1/leaderboards/{board}/group', `/v1/leaderboards/total/group?users=oa,nobody&date=${day}`],
      ['/v1/users/{userId}/summary', `/v1/users/oa/summary?date=${day}`],
      ['/v1/events/{eventId}', '/v1/events/oa-1'],
    ];
    const ajv = new Ajv({ strict: false });
    const components = closed(document.components);
    for (const [route, url] of reads) {
      const answer = await http('GET', `${pipeline.url}${url}`, { key: reader });
      const schema = document.paths[route].get.responses['200']?.content?.['application/json']?.schema;
      expect([url, answer.status, schema === undefined ? 'undocumented' : 'documented']).toEqual([url, 200, 'documented']);
      const valid = ajv.validate({ ...(closed(schema) as object), components }, answer.body);
      expect([url, answer.body, valid ? 'matches' : ajv.errorsText()]).toEqual([url, answer.body, 'matches']);
    }
  });

  it('describes what the rules, categories, dead letters, imports and api-keys routes answer: each answer matches its schema, no property left out', async () => {
    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    const ajv = new Ajv({ strict: false });
    const components = closed(document.components);
    const nats = pipeline.apps.gateway!.get(NatsConnectionService);
    // A message classification cannot read becomes a dead letter; a CSV with bad rows an import job with rejections.
    await nats.js.publish(nats.names.subjects.events('live'), Buffer.from('not json at all'), { msgID: 'openapi-dead-letter' });
    // Waits poll with keys of their own: the answers' key stays far from RATE_LIMIT.
    const poller = await createApiKey(pipeline.apps.gateway!, ['admin']);
    const letter = await waitFor(async () => (await http('GET', `${pipeline.url}/v1/dead-letters`, { key: poller })).body.items?.[0], 'a dead letter', 20_000, 250);
    const csv = readFileSync(join(__dirname, '..', 'fixtures', 'imports', 'activity-with-bad-rows.csv'), 'utf8');
    const upload = await http('POST', `${pipeline.url}/v1/imports?format=csv`, { key: admin, body: csv, headers: { 'content-type': 'text/csv' } });
    const job = await waitFor(async () => {
      const answer = await http('GET', `${pipeline.url}/v1/imports/${upload.body.jobId}`, { key: poller });
      return answer.body.status === 'DONE' ? answer.body : undefined;
    }, 'the import job done', 20_000, 250);
    expect(job.rejected.length).toBeGreaterThan(0);
    // A url given as a function is built from the answers before it (an id or key they answered).
    const answered = new Map<string, { key?: string }>();
    const answers: Array<[string, string, string | (() => string), unknown?]> = [
      // A read with its list in the body: 200 as the GET (it answered 201 Created, creating nothing).
      ['post', '/v1/leaderboards/{board}/group', '/v1/leaderboards/total/group', { users: ['nobody'] }],
      // An accepted event's id and a rejected one's null: eventIds' items are nullable strings.
      ['post', '/v1/events', '/v1/events', { events: [{ userId: 'openapi', app: 'Code', startedAt: '2026-10-05T09:00:00Z', durationSec: 60 }, { userId: 'openapi' }] }],
      ['get', '/v1/rules', '/v1/rules?limit=3'],
      ['get', '/v1/rules/{id}', '/v1/rules/app:code'],
      ['get', '/v1/rules/export', '/v1/rules/export'],
      ['post', '/v1/rules', '/v1/rules', { id: 'openapi:rule', kind: 'title-regex', pattern: 'openapi', categoryId: 'work', priority: 2, appFilter: 'Code' }],
      ['patch', '/v1/rules/{id}', '/v1/rules/openapi:rule', { priority: 3 }],
      ['delete', '/v1/rules/{id}', '/v1/rules/openapi:rule'],
      ['post', '/v1/rules/import', '/v1/rules/import', { categories: [{ id: 'openapi-import', name: 'OpenAPI import', color: '#101010', productive: false }], rules: [{ id: 'openapi:import', kind: 'app', pattern: 'openapi-import', categoryId: 'openapi-import' }] }],
      ['post', '/v1/rules/import/activitywatch', '/v1/rules/import/activitywatch', [{ name: ['OpenAPI AW'], rule: { type: 'regex', regex: 'openapi-aw' } }]],
      ['post', '/v1/classify', '/v1/classify', { items: [{ app: 'openapi-import' }, { app: 'no-one-knows-this' }, { app: '' }] }],
      ['put', '/v1/classifications', '/v1/classifications', { app: 'openapi-app', title: 'openapi title', categoryId: 'openapi-import' }],
      ['delete', '/v1/classifications/{key}', () => `/v1/classifications/${answered.get('put /v1/classifications')!.key}`],
      ['get', '/v1/categories', '/v1/categories'],
      ['post', '/v1/categories', '/v1/categories', { name: 'OpenAPI', parentId: 'work' }],
      ['patch', '/v1/categories/{id}', '/v1/categories/work:openapi', { color: '#123456' }],
      ['delete', '/v1/categories/{id}', '/v1/categories/work:openapi'],
      ['get', '/v1/dead-letters', '/v1/dead-letters'],
      ['get', '/v1/dead-letters/{id}', `/v1/dead-letters/${letter.id}`],
      ['post', '/v1/dead-letters/{id}/replay', `/v1/dead-letters/${letter.id}/replay`],
      ['post', '/v1/dead-letters/replay', '/v1/dead-letters/replay', { subject: 'no such subject' }],
      ['post', '/v1/dead-letters/discard', '/v1/dead-letters/discard', { all: true }],
      ['post', '/v1/imports', '/v1/imports?format=csv&userId=openapi', 'user_id,app\n'],
      ['get', '/v1/imports', '/v1/imports'],
      ['get', '/v1/imports/{id}', `/v1/imports/${job.id}`],
      ['post', '/v1/api-keys', '/v1/api-keys', { name: 'openapi', scopes: ['read'], userId: 'openapi' }],
      ['get', '/v1/api-keys', '/v1/api-keys'],
    ];
    for (const [method, route, urlOf, body] of answers) {
      const url = typeof urlOf === 'string' ? urlOf : urlOf();
      const csvBody = typeof body === 'string';
      const answer = await http(method.toUpperCase(), `${pipeline.url}${url}`, { key: admin, body, headers: csvBody ? { 'content-type': 'text/csv' } : undefined });
      answered.set(`${method} ${route}`, answer.body);
      const status = String(answer.status);
      const schema = document.paths[route][method].responses[status]?.content?.['application/json']?.schema;
      // GET /v1/api-keys was documented as a bare array of keys: the answer is { items }.
      expect([method, url, status, schema === undefined ? 'undocumented' : 'documented']).toEqual([method, url, status.startsWith('2') ? status : '2xx', 'documented']);
      const valid = ajv.validate({ ...(closed(schema) as object), components }, answer.body);
      expect([method, url, answer.body, valid ? 'matches' : ajv.errorsText()]).toEqual([method, url, answer.body, 'matches']);
    }
  });

  it('documents the 413 and 415 of every route that reads a body, and both are answered in the one error shape', async () => {
    const missing = operations().flatMap(({ name, operation }) => (operation.requestBody ? ['413', '415'].filter((status) => !operation.responses[status]?.content?.['application/json']).map((status) => `${name} ${status}`) : []));
    expect(missing).toEqual([]);
    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    const refusals = [
      await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: 'kind=app', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: JSON.stringify({ pattern: 'x'.repeat(6 * 1024 * 1024) }) }),
    ];
    expect(refusals.map((r) => [r.status, r.body.field])).toEqual([[415, 'content-type'], [413, 'body']]);
    const ajv = new Ajv({ strict: false });
    for (const refusal of refusals) {
      const schema = document.paths['/v1/rules'].post.responses[String(refusal.status)].content!['application/json'].schema;
      const valid = ajv.validate({ ...schema, components: document.components }, refusal.body);
      expect([refusal.status, refusal.body, valid ? 'matches' : ajv.errorsText()]).toEqual([refusal.status, refusal.body, 'matches']);
    }
  });

  it('documents the 400 of every /v1 route and the 401, 403 and 429 of every keyed one, in the one error shape', () => {
    const missing = operations().flatMap(({ name, operation }) => {
      const expected = [...(name.includes(' /v1/') ? ['400'] : []), ...(operation.security?.some((s) => 'api-key' in s) ? ['401', '403', '429'] : [])];
      return expected.filter((status) => !operation.responses[status]?.content?.['application/json']).map((status) => `${name} ${status}`);
    });
    expect(missing).toEqual([]);
    expect(operations().filter(({ operation }) => operation.security).length).toBeGreaterThan(30);
  });

  it('documents the 404 and 409 the rules, categories and corrections routes answer', async () => {
    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    const call = async (method: string, path: string, body?: unknown) => (await http(method, `${pipeline.url}${path}`, { key: admin, body })).status;
    const rule = { id: 'openapi:code', kind: 'app', pattern: 'openapi-editor', categoryId: 'work' };
    expect(await call('POST', '/v1/rules', rule)).toBe(201);
    const rival = { kind: 'app', pattern: 'openapi-editor', categoryId: 'learning' };
    const conflicting = { version: 1, categories: [], rules: [{ ...rival, id: 'openapi:rival' }] };
    const refusals: Array<[string, string, number]> = [
      ['POST /v1/rules', '409', await call('POST', '/v1/rules', rule)],
      ['GET /v1/rules/{id}', '404', await call('GET', '/v1/rules/openapi%3Anone')],
      ['PATCH /v1/rules/{id}', '404', await call('PATCH', '/v1/rules/openapi%3Anone', { priority: 1 })],
      ['PATCH /v1/rules/{id}', '409', await call('PATCH', '/v1/rules/openapi%3Acode', { categoryId: 'work', pattern: 'code' })],
      ['DELETE /v1/rules/{id}', '404', await call('DELETE', '/v1/rules/openapi%3Anone')],
      ['POST /v1/rules/import', '409', await call('POST', '/v1/rules/import', conflicting)],
      ['POST /v1/rules/import/activitywatch', '409', await call('POST', '/v1/rules/import/activitywatch', { categories: [{ name: ['Work'], rule: { type: 'regex', regex: 'openapi-editor' } }, { name: ['Learning'], rule: { type: 'regex', regex: 'openapi-editor' } }] })],
      ['POST /v1/categories', '409', await call('POST', '/v1/categories', { id: 'work', name: 'Work' })],
      ['PATCH /v1/categories/{id}', '404', await call('PATCH', '/v1/categories/openapi-none', { name: 'x' })],
      ['DELETE /v1/categories/{id}', '404', await call('DELETE', '/v1/categories/openapi-none')],
      ['DELETE /v1/categories/{id}', '409', await call('DELETE', '/v1/categories/work')],
      ['PUT /v1/classifications', '404', await call('PUT', '/v1/classifications', { eventId: 'openapi-none', categoryId: 'work' })],
      ['DELETE /v1/classifications/{key}', '404', await call('DELETE', `/v1/classifications/${'0'.repeat(64)}`)],
    ];
    expect(refusals.filter(([, status, answered]) => String(answered) !== status)).toEqual([]);
    const undocumented = refusals.filter(([name, status]) => {
      const [method, path] = name.split(' ');
      return !document.paths[path][method.toLowerCase()].responses[status]?.content?.['application/json'];
    });
    expect(undocumented.map(([name, status]) => `${name} ${status}`)).toEqual([]);
  });

  it('describes the refusals a route really answers: each body matches the schema documented for its status', async () => {
    const ajv = new Ajv({ strict: false });
    const url = `${pipeline.url}/v1/leaderboards/total`;
    const ingestOnly = await createApiKey(pipeline.apps.gateway!, ['ingest']);
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    const refusals = [
      await http('GET', url),
      await http('GET', url, { key: 'ap_0000_wrong' }),
      await http('GET', url, { key: ingestOnly }),
      await http('GET', `${url}?perod=week`, { key: reader }),
    ];
    // The key's budget spent on a route the gateway answers alone.
    for (let i = 0; i < RATE_LIMIT; i++) expect((await http('GET', `${pipeline.url}/v1/imports`, { key: reader })).status).toBe(200);
    refusals.push(await http('GET', url, { key: reader }));
    const documented = document.paths['/v1/leaderboards/{board}'].get.responses;
    const statuses = refusals.map((r) => r.status);
    expect(statuses).toEqual([401, 401, 403, 400, 429]);
    for (const refusal of refusals) {
      const schema = documented[String(refusal.status)].content!['application/json'].schema;
      const valid = ajv.validate({ ...schema, components: document.components }, refusal.body);
      expect([refusal.status, refusal.body, valid ? 'matches' : ajv.errorsText()]).toEqual([refusal.status, refusal.body, 'matches']);
    }
    expect(Object.keys(documented['429'].headers ?? {})).toEqual(['Retry-After']);
    expect(Number(refusals.at(-1)!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
