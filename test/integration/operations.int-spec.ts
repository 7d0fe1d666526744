import { Logger, LoggerService } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { AckPolicy, DeliverPolicy, headers as natsHeaders } from 'nats';
import { Connection } from 'mongoose';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@lib/config';
import { maintenanceBucket, writeMaintenanceRecord } from '@lib/contracts';
import { NatsConnectionService } from '@lib/messaging';
import { DeadLetterStore } from '../../apps/gateway/src/operations/dead-letter.store';
import { replayMsgId } from '../../apps/gateway/src/operations/dead-letter.view';
import { graphql, http } from '../support/http';
import { PipelineWithRefusableBoards, startPipelineWithRefusableBoards } from '../support/refusable-boards';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { waitFor } from '../support/test-config';

/** The leaderboard app runs against a private redis-server the test makes refuse writes (startPipelineWithRefusableBoards). */
describe('operations: dead letters, API keys, pipeline health, correlation ids', () => {
  let setup: PipelineWithRefusableBoards;
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let boards: RunningPipeline;
  let admin: string;
  let nats: NatsConnectionService;

  const event = (userId: string, extra: Record<string, unknown> = {}) => ({ userId, app: 'Code', title: 'ops.ts - api - Visual Studio Code', startedAt: '2026-11-21T10:00:00Z', durationSec: 600, ...extra });
  const boardScore = async (userId: string) => {
    const page = await http('GET', `${pipeline.url}/v1/leaderboards/total?period=day&date=2026-11-21&limit=500`, { key: admin });
    return page.body.entries?.find((e: { userId: string }) => e.userId === userId)?.score as number | undefined;
  };
  const leaderboardLetters = async () => (await http('GET', `${pipeline.url}/v1/dead-letters?stage=leaderboard`, { key: admin })).body;
  const metricsOf = async (url: string) => (await fetch(`${url}/metrics`)).text();

  beforeAll(async () => {
    setup = await startPipelineWithRefusableBoards('ops');
    ({ config, pipeline, boards, admin, nats } = setup);
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('dead-letters a message while Redis refuses writes; after the fix, a replay counts it exactly once', async () => {
    await setup.refuseWrites(true);
    let first: any;
    try {
      const posted = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [event('ann')] }, headers: { 'x-correlation-id': 'ops-replay-1' } });
      expect(posted.status).toBe(202);

      const page = await waitFor(async () => {
        const body = await leaderboardLetters();
        return body.items.length > 0 && body;
      }, 'the dead letter of the leaderboard stage');
      expect(page.pending).toBe(1);
      first = page.items[0];
      expect(first).toMatchObject({
        stage: 'leaderboard',
        subject: nats.names.subjects.classified('live'),
        stream: nats.names.streams.classified,
        deliveries: 2,
        replays: 0,
        correlationId: 'ops-replay-1',
      });
      expect(first.reason).toMatch(/^failed 2 deliveries: .*NOREPLICAS/);
      expect(first.firstFailedAt).toBe(first.lastFailedAt);

      const inspected = await http('GET', `${pipeline.url}/v1/dead-letters/${first.id}`, { key: admin });
      expect(inspected.status).toBe(200);
      expect(inspected.body.payload.encoding).toBe('json');
      expect(inspected.body.payload.value.events[0]).toMatchObject({ userId: 'ann', durationSec: 600, classification: { categoryId: 'work:programming' } });
      expect(inspected.body.headers['ap-correlation-id']).toBe('ops-replay-1');
      expect(Object.keys(inspected.body.headers).filter((h) => h.startsWith('ap-dlq-'))).toEqual([]);

      const gatewayUrl = pipeline.url;
      await waitFor(async () => (await metricsOf(gatewayUrl)).includes('ap_dead_letters_pending{stage="leaderboard"} 1'), 'the pending gauge');
      const leaderboardUrl = (await boards.apps.leaderboard!.getUrl()).replace('[::1]', '127.0.0.1');
      expect(await metricsOf(leaderboardUrl)).toContain('ap_dead_letters_total{stage="leaderboard",kind="exhausted"} 1');

      // Replayed while the cause persists: back as a new dead letter that remembers its first failure.
      const replayed = await http('POST', `${pipeline.url}/v1/dead-letters/${first.id}/replay`, { key: admin });
      expect(replayed.status).toBe(200);
      expect(replayed.body).toMatchObject({ id: first.id, subject: nats.names.subjects.classified('live'), stream: nats.names.streams.classified });
      const again = await waitFor(async () => (await leaderboardLetters()).items.find((l: { id: number }) => l.id > first.id), 'the second dead letter');
      expect(again).toMatchObject({ replays: 1, origin: first.origin, firstFailedAt: first.firstFailedAt, deliveries: 2 });
      expect(Date.parse(again.lastFailedAt)).toBeGreaterThan(Date.parse(first.lastFailedAt));
      expect((await http('GET', `${pipeline.url}/v1/dead-letters/${first.id}`, { key: admin })).status).toBe(404);
      expect(await boardScore('ann')).toBeUndefined();
    } finally {
      await setup.refuseWrites(false);
    }

    const bulk = await http('POST', `${pipeline.url}/v1/dead-letters/replay`, { key: admin, body: { stage: 'leaderboard' } });
    expect(bulk.status).toBe(200);
    expect(bulk.body.count).toBe(1);
    await waitFor(async () => (await boardScore('ann')) !== undefined, 'ann on the board');
    // The Mongo write of the failed attempts happened; the board must still count the event once.
    await waitFor(async () => (await nats.jsm.consumers.info(nats.names.streams.classified, nats.names.durable('leaderboard', 'live'))).num_ack_pending === 0, 'the ack');
    expect(await boardScore('ann')).toBe(600);
    expect((await leaderboardLetters()).items).toEqual([]);
    // Back to 0, not gone: a series that disappears is a gap in every graph of it.
    await waitFor(async () => (await metricsOf(pipeline.url)).includes('ap_dead_letters_pending{stage="leaderboard"} 0'), 'the pending gauge at 0');
    const mongo = boards.apps.leaderboard!.get<Connection>(getConnectionToken());
    expect(await mongo.collection('usage_logs').countDocuments({ userId: 'ann' })).toBe(1);
  });

  it('lists with filters and pages, shows payloads as JSON, text or base64, and discards', async () => {
    const subject = nats.names.subjects.events('live');
    await nats.js.publish(subject, Buffer.from('not json at all'), { msgID: 'ops-text' });
    await nats.js.publish(subject, Buffer.from([0xff, 0xfe, 0x00, 0x01]), { msgID: 'ops-binary' });
    await nats.js.publish(subject, Buffer.from('{"id": "ops-bad", "lane": "live", "events": [{"userId": 42}]}'), { msgID: 'ops-shape' });
    const list = (query: string) => http('GET', `${pipeline.url}/v1/dead-letters?${query}`, { key: admin });
    await waitFor(async () => (await list('stage=classification')).body.pending === 3, 'three classification dead letters');

    const firstPage = await list('stage=classification&limit=2');
    expect(firstPage.body.items).toHaveLength(2);
    expect(firstPage.body.next).toBe(firstPage.body.items[1].id);
    const secondPage = await list(`stage=classification&limit=2&after=${firstPage.body.next}`);
    expect(secondPage.body.items).toHaveLength(1);
    expect(secondPage.body.next).toBeNull();
    // Batches may be handled concurrently, so the stream order need not be the publish order.
    const letters = [...firstPage.body.items, ...secondPage.body.items];
    const ids = letters.map((l: { id: number }) => l.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const [text, binary, shape] = [15, 4, 61].map((size) => letters.find((l: { sizeBytes: number }) => l.sizeBytes === size));
    expect(text.reason).toMatch(/^invalid payload: not JSON/);
    expect(shape.reason).toBe('invalid payload: events.0.eventId is required');

    expect((await list('reason=EVENTID IS')).body.items.map((l: { id: number }) => l.id)).toEqual([shape.id]);
    expect((await list(`subject=${encodeURIComponent('.events.live')}`)).body.items).toHaveLength(3);
    expect((await list('subject=unclassified')).body.items).toEqual([]);
    expect((await list('stage=inference')).body).toEqual({ items: [], next: null, pending: 0 });

    const inspect = (id: number) => http('GET', `${pipeline.url}/v1/dead-letters/${id}`, { key: admin });
    expect((await inspect(text.id)).body.payload).toEqual({ encoding: 'text', value: 'not json at all' });
    expect((await inspect(binary.id)).body.payload).toEqual({ encoding: 'base64', value: Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64') });
    expect((await inspect(shape.id)).body.payload).toEqual({ encoding: 'json', value: { id: 'ops-bad', lane: 'live', events: [{ userId: 42 }] } });

    expect((await list('limit=0')).body).toMatchObject({ statusCode: 400, message: 'limit must be an integer from 1 to 500' });
    expect((await list('stage=Not!A!Stage')).status).toBe(400);
    expect((await inspect(Number.NaN)).body.message).toBe("id must be an integer from 1 to 9007199254740991 (the dead letter's sequence number)");
    expect((await inspect(999_999)).body).toMatchObject({ statusCode: 404, field: 'id' });
    const everything = await http('POST', `${pipeline.url}/v1/dead-letters/discard`, { key: admin, body: {} });
    expect(everything.body).toMatchObject({ statusCode: 400, message: 'give a filter (stage, subject or reason) or all: true to discard every dead letter', field: 'body' });
    const replayEverything = await http('POST', `${pipeline.url}/v1/dead-letters/replay`, { key: admin, body: {} });
    expect(replayEverything.body).toMatchObject({ statusCode: 400, message: 'give a filter (stage, subject or reason) or all: true to replay every dead letter', field: 'body' });
    // A misspelt filter was ignored: this discarded every letter of the stage, whatever its reason.
    const misspelt = await http('POST', `${pipeline.url}/v1/dead-letters/discard`, { key: admin, body: { stage: 'classification', reasn: 'no such reason' } });
    expect(misspelt.body).toMatchObject({ statusCode: 400, message: 'reasn is not a property of the request: it takes stage, subject, reason, all', field: 'reasn' });
    expect((await list('stage=classification')).body.items).toHaveLength(3);

    const gql = await graphql(pipeline.url, admin, '{ deadLetters(filter: { stage: "classification" }, limit: 5) { pending items { id stage reason } } }');
    expect(gql.body.data.deadLetters.pending).toBe(3);
    expect(gql.body.data.deadLetters.items.map((l: { id: number }) => l.id)).toEqual(ids);
    const gqlDetail = await graphql(pipeline.url, admin, `{ deadLetter(id: ${shape.id}) { payloadEncoding payload headers { name value } } }`);
    expect(gqlDetail.body.data.deadLetter.payloadEncoding).toBe('json');
    expect(JSON.parse(gqlDetail.body.data.deadLetter.payload).id).toBe('ops-bad');
    // The gateway's own not-found: its code by status and no stack (Nest's default was INTERNAL_SERVER_ERROR with a stacktrace).
    const gqlMissing = await graphql(pipeline.url, admin, '{ deadLetter(id: 999999) { id } }');
    expect(gqlMissing.body.errors).toEqual([
      expect.objectContaining({ message: 'dead letter 999999 does not exist (replayed or discarded already?)', extensions: { code: 'NOT_FOUND', status: 404, field: 'id' } }),
    ]);

    expect((await http('DELETE', `${pipeline.url}/v1/dead-letters/${binary.id}`, { key: admin })).status).toBe(204);
    expect((await http('DELETE', `${pipeline.url}/v1/dead-letters/${binary.id}`, { key: admin })).status).toBe(404);
    // Past the stream's last sequence nats-server fails the delete with another text ("stream store eof").
    expect((await http('DELETE', `${pipeline.url}/v1/dead-letters/999999`, { key: admin })).body).toMatchObject({ statusCode: 404, message: 'dead letter 999999 does not exist (replayed or discarded already?)', field: 'id' });
    const discarded = await graphql(pipeline.url, admin, 'mutation { discardDeadLetters(filter: { reason: "invalid payload" }) { count ids } }');
    expect(discarded.body.data.discardDeadLetters).toEqual({ count: 2, ids: [text.id, shape.id].sort((a, b) => a - b) });
    expect((await list('')).body).toEqual({ items: [], next: null, pending: 0 });

    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    expect((await http('GET', `${pipeline.url}/v1/dead-letters`, { key: reader })).status).toBe(403);
    expect((await graphql(pipeline.url, reader, '{ deadLetters { pending } }')).body.errors[0].message).toContain('lacks the "admin" scope');
  });

  it('a letter that cannot be replayed is refused naming the id, alone or in a bulk replay that stops at it', async () => {
    // Put there by hand (another tool, an older version): no ap-dlq-subject, so nowhere to replay it to.
    const stored = await nats.js.publish(nats.names.subjects.deadLetter('manual'), Buffer.from('{"by": "hand"}'), { msgID: 'ops-no-subject' });
    const message = `dead letter ${stored.seq} has no ap-dlq-subject header: it cannot be replayed (discard it instead)`;

    const one = await http('POST', `${pipeline.url}/v1/dead-letters/${stored.seq}/replay`, { key: admin });
    expect(one.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message, field: 'id', id: stored.seq });
    const bulk = await http('POST', `${pipeline.url}/v1/dead-letters/replay`, { key: admin, body: { stage: 'manual' } });
    // What was replayed before the stop is said, with the letter at fault.
    expect(bulk.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message: `replay stopped after 0 dead letters: ${message}`, field: 'id', id: stored.seq, count: 0, ids: [], duplicateIds: [] });
    const gql = await graphql(pipeline.url, admin, 'mutation { replayDeadLetters(filter: { stage: "manual" }) { count } }');
    expect(gql.body.errors[0]).toMatchObject({ message: `replay stopped after 0 dead letters: ${message}`, extensions: { code: 'BAD_USER_INPUT', status: 422, field: 'id', id: stored.seq, count: 0, ids: [] } });

    expect((await http('DELETE', `${pipeline.url}/v1/dead-letters/${stored.seq}`, { key: admin })).status).toBe(204);
  });

  it('replays a letter numbered as one replayed before the dead-letter stream was recreated, and says when a replay was stored already', async () => {
    const dlq = nats.names.streams.deadLetter;
    const target = nats.names.subjects.events('live');
    /** What `nats stream rm` and the apps' provisioning at their next start leave: the same stream, numbered from 1 again. */
    const recreateDeadLetterStream = async () => {
      const { config: streamConfig } = await nats.jsm.streams.info(dlq);
      await nats.jsm.streams.delete(dlq);
      await nats.jsm.streams.add(streamConfig);
    };
    const letterOf = async (userId: string) => {
      const envelope = { id: `ops-recreated-${userId}`, lane: 'live', events: [{ eventId: `ops-recreated-${userId}`, userId, app: 'Code', startedAtMs: Date.parse('2026-11-21T11:00:00Z'), durationSec: 300 }] };
      const h = natsHeaders();
      for (const [name, value] of Object.entries({ 'ap-dlq-subject': target, 'ap-dlq-stage': 'classification', 'ap-dlq-reason': 'failed 2 deliveries: rules store down', 'ap-lane': 'live' })) h.set(name, value);
      return (await nats.js.publish(nats.names.subjects.deadLetter('classification'), Buffer.from(JSON.stringify(envelope)), { headers: h })).seq;
    };
    const replay = (id: number) => http('POST', `${pipeline.url}/v1/dead-letters/${id}/replay`, { key: admin });

    await recreateDeadLetterStream();
    const first = await letterOf('ops-recreated-a');
    expect((await replay(first)).body).toMatchObject({ id: first, duplicate: false });
    await waitFor(async () => (await boardScore('ops-recreated-a')) === 300, 'the first letter counted');
    await recreateDeadLetterStream();
    const second = await letterOf('ops-recreated-b');
    expect(second).toBe(first);
    // Its copy had the first one's Nats-Msg-Id (replay:<id>): dropped as its duplicate, and the letter deleted all the same.
    expect((await replay(second)).body).toMatchObject({ id: second, duplicate: false });
    await waitFor(async () => (await boardScore('ops-recreated-b')) === 300, 'the letter numbered as the first one counted');

    // A replay whose copy was stored but whose letter was not deleted (the gateway stopped in between): replayed again, it says so.
    const interrupted = await letterOf('ops-recreated-c');
    const letter = (await pipeline.apps.gateway!.get(DeadLetterStore).get(interrupted))!;
    const copy = await nats.js.publish(target, letter.data, { msgID: replayMsgId(letter) });
    const answer = await replay(interrupted);
    expect(answer.body).toEqual({ id: interrupted, subject: target, stream: copy.stream, streamSeq: copy.seq, duplicate: true });
    expect((await replay(interrupted)).status).toBe(404);
    await waitFor(async () => (await boardScore('ops-recreated-c')) === 300, 'the interrupted replay counted once');
  });

  it('refuses a bulk replay or discard whose body has a property it does not take, instead of acting on every letter of the stage', async () => {
    const letter = (reason: string) => {
      const h = natsHeaders();
      for (const [name, value] of Object.entries({ 'ap-dlq-stage': 'typo', 'ap-dlq-reason': reason })) h.set(name, value);
      return nats.js.publish(nats.names.subjects.deadLetter('typo'), Buffer.from('{}'), { headers: h });
    };
    await letter('first cause');
    await letter('second cause');
    // "reson" misspelt: the filter was read as { stage } alone, and both letters discarded.
    const discard = await http('POST', `${pipeline.url}/v1/dead-letters/discard`, { key: admin, body: { stage: 'typo', reson: 'first' } });
    expect([discard.status, discard.body.field, discard.body.message]).toEqual([400, 'reson', 'reson is not a property of the request: it takes stage, subject, reason, all']);
    const notTrue = await http('POST', `${pipeline.url}/v1/dead-letters/replay`, { key: admin, body: { all: 'yes' } });
    expect([notTrue.status, notTrue.body.field, notTrue.body.message]).toEqual([400, 'all', 'all must be true or false']);
    // Over GraphQL the filter is an argument, not the REST body.
    const unfiltered = await graphql(pipeline.url, admin, 'mutation { discardDeadLetters(filter: {}) { count } }');
    expect(unfiltered.body.errors[0]).toMatchObject({ message: 'give a filter (stage, subject or reason) or all: true to discard every dead letter', extensions: { code: 'BAD_USER_INPUT', field: 'filter' } });
    expect((await http('GET', `${pipeline.url}/v1/dead-letters?stage=typo`, { key: admin })).body.pending).toBe(2);
    expect((await http('POST', `${pipeline.url}/v1/dead-letters/discard`, { key: admin, body: { stage: 'typo' } })).body.count).toBe(2);
  });

  it('says which letters of a bulk replay the stream held a copy of already, as a single replay does', async () => {
    const target = nats.names.subjects.events('live');
    const reason = 'failed 2 deliveries: bulk-duplicate test';
    const letter = async (userId: string) => {
      const envelope = { id: `ops-bulk-${userId}`, lane: 'live', events: [{ eventId: `ops-bulk-${userId}`, userId, app: 'Code', startedAtMs: Date.parse('2026-11-21T12:00:00Z'), durationSec: 120 }] };
      const h = natsHeaders();
      for (const [name, value] of Object.entries({ 'ap-dlq-subject': target, 'ap-dlq-stage': 'classification', 'ap-dlq-reason': reason, 'ap-lane': 'live' })) h.set(name, value);
      return (await nats.js.publish(nats.names.subjects.deadLetter('classification'), Buffer.from(JSON.stringify(envelope)), { headers: h })).seq;
    };
    const fresh = await letter('ops-bulk-a');
    const interrupted = await letter('ops-bulk-b');
    // A replay of it was cut short after its copy was stored, before the letter was deleted.
    const stored = (await pipeline.apps.gateway!.get(DeadLetterStore).get(interrupted))!;
    await nats.js.publish(target, stored.data, { msgID: replayMsgId(stored) });

    const bulk = await http('POST', `${pipeline.url}/v1/dead-letters/replay`, { key: admin, body: { reason: 'bulk-duplicate test' } });
    expect(bulk.body).toEqual({ count: 2, ids: [fresh, interrupted], duplicateIds: [interrupted] });
    const third = await letter('ops-bulk-c');
    const gql = await graphql(pipeline.url, admin, 'mutation { replayDeadLetters(filter: { reason: "bulk-duplicate test" }) { count ids duplicateIds } }');
    expect(gql.body.data.replayDeadLetters).toEqual({ count: 1, ids: [third], duplicateIds: [] });
    await waitFor(async () => (await boardScore('ops-bulk-b')) === 120 && (await boardScore('ops-bulk-c')) === 120, 'the letters counted once');
  });

  it('creates, lists and revokes API keys; a revoked key is refused at once', async () => {
    const created = await http('POST', `${pipeline.url}/v1/api-keys`, { key: admin, body: { name: 'zoe tracker', scopes: ['ingest', 'read'], userId: 'zoe' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'zoe tracker', scopes: ['ingest', 'read'], userId: 'zoe' });
    const { id, key } = created.body;
    expect(key).toMatch(/^ap_[0-9a-f]+_/);

    // Used once, so the guard has it cached when it is revoked.
    expect((await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key })).status).toBe(200);
    const listed = await http('GET', `${pipeline.url}/v1/api-keys`, { key: admin });
    expect(listed.body.items.find((k: { id: string }) => k.id === id)).toEqual({ id, name: 'zoe tracker', scopes: ['ingest', 'read'], userId: 'zoe', createdAt: expect.any(String) });
    expect(JSON.stringify(listed.body)).not.toMatch(/hash|"key"|ap_[0-9a-f]+_/);

    // A second gateway instance has the key cached too: the revocation must reach it at once, not
    // after its cache entry expires (10 s).
    const secondGateway = await startPipeline(config, ['gateway']);
    try {
      expect((await http('GET', `${secondGateway.url}/v1/leaderboards/total`, { key })).status).toBe(200);
      expect((await http('DELETE', `${pipeline.url}/v1/api-keys/${id}`, { key: admin })).status).toBe(204);
      const refused = await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key });
      expect(refused.status).toBe(401);
      expect(refused.body.message).toBe('invalid or revoked API key');
      await waitFor(async () => (await http('GET', `${secondGateway.url}/v1/leaderboards/total`, { key })).status === 401, 'the revocation on the other gateway instance', 1_000, 20);
    } finally {
      await secondGateway.close();
    }
    expect((await http('DELETE', `${pipeline.url}/v1/api-keys/${id}`, { key: admin })).body).toMatchObject({ statusCode: 404, message: `no active API key with id ${id}`, field: 'id' });
    const afterRevoke = await http('GET', `${pipeline.url}/v1/api-keys`, { key: admin });
    expect(afterRevoke.body.items.find((k: { id: string }) => k.id === id).revokedAt).toEqual(expect.any(String));

    const bad = (body: unknown) => http('POST', `${pipeline.url}/v1/api-keys`, { key: admin, body });
    expect((await bad({ name: '', scopes: [] })).body).toMatchObject({ statusCode: 400, message: 'name must be 1 to 100 characters; scopes must name at least one scope' });
    expect((await bad({ name: 'x', scopes: ['root'] })).body.message).toBe('scopes may only contain ingest, read, admin');
    expect((await bad({ name: 'x', scopes: ['read'], userId: 'no spaces please' })).body.message).toBe('userId must be 1-128 letters, digits or ._:@+=/-');
    expect((await bad({ name: 'x', scopes: ['read'], admin: true })).body.message).toBe('admin is not a known field (use name, scopes, userId)');
    expect((await bad([1])).body.message).toBe('body must be an object { name, scopes, userId? }');

    const ingestOnly = await createApiKey(pipeline.apps.gateway!, ['ingest']);
    expect((await http('GET', `${pipeline.url}/v1/api-keys`, { key: ingestOnly })).status).toBe(403);

    const gqlCreated = await graphql(pipeline.url, admin, 'mutation { createApiKey(input: { name: "gql", scopes: ["read"] }) { id key scopes } }');
    const gqlKey = gqlCreated.body.data.createApiKey;
    expect(gqlKey.scopes).toEqual(['read']);
    expect((await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key: gqlKey.key })).status).toBe(200);
    expect((await graphql(pipeline.url, admin, `mutation { revokeApiKey(id: "${gqlKey.id}") }`)).body.data.revokeApiKey).toBe(true);
    expect((await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key: gqlKey.key })).status).toBe(401);
  });

  it('carries the correlation id from the HTTP request in NATS headers to the leaderboard stage, which logs it', async () => {
    const records: Array<{ level: string; message: unknown; context?: string }> = [];
    const capture = (level: string) => (message: unknown, context?: string) => void records.push({ level, message, context });
    const capturing: LoggerService = { log: capture('log'), error: capture('error'), warn: capture('warn'), debug: capture('debug'), verbose: capture('verbose') };
    Logger.overrideLogger(capturing);
    try {
      const posted = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [event('cora')] }, headers: { 'x-correlation-id': 'abc' } });
      expect(posted.status).toBe(202);
      await waitFor(async () => (await boardScore('cora')) === 600, 'cora on the board');

      const classified = await nats.jsm.streams.getMessage(nats.names.streams.classified, { last_by_subj: nats.names.subjects.classified('live') });
      expect(JSON.parse(new TextDecoder().decode(classified.data)).events[0].userId).toBe('cora');
      expect(classified.header.get('ap-correlation-id')).toBe('abc');
      expect(Number(classified.header.get('ap-ingested-at'))).toBeGreaterThan(Date.now() - 60_000);

      const line = await waitFor(async () => records.find((r) => r.context === `Consumer:${nats.names.durable('leaderboard', 'live')}` && JSON.stringify(r.message).includes('"abc"')), 'the leaderboard stage log line');
      expect(line).toMatchObject({ level: 'debug', message: { msg: 'batch handled', stage: 'leaderboard', correlationIds: ['abc'] } });
    } finally {
      Logger.overrideLogger(pipeline.apps.gateway!.get(PinoLogger));
    }
    const leaderboardUrl = (await boards.apps.leaderboard!.getUrl()).replace('[::1]', '127.0.0.1');
    expect(await metricsOf(leaderboardUrl)).toMatch(/ap_ingest_to_leaderboard_seconds_count [1-9]/);
  });

  it('reports pipeline health: stage throughput and latency, end-to-end percentiles, lag and dead letters', async () => {
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [event('hal', { app: 'Slack', title: 'general' })] } });
    const health = await waitFor(async () => {
      const r = await http('GET', `${pipeline.url}/v1/ops/pipeline`, { key: reader });
      const leaderboard = r.body.stages?.find((s: { stage: string }) => s.stage === 'leaderboard');
      // Stats of earlier tests can already be in the window: wait for this event to be handled too,
      // or a consumer still holds it (oldestUnackedAgeSec 0, not null).
      const settled = r.body.consumers?.every((c: { pending: number; ackPending: number }) => c.pending === 0 && c.ackPending === 0);
      return leaderboard?.eventsPerSec > 0 && r.body.ingestToLeaderboardSeconds && settled && r.body;
    }, 'stage stats from the running apps, every event handled', 30_000);

    expect(health.windowSec).toBe(60);
    expect(health.stages.map((s: { stage: string }) => s.stage)).toEqual(expect.arrayContaining(['classification', 'inference', 'leaderboard']));
    const leaderboard = health.stages.find((s: { stage: string }) => s.stage === 'leaderboard');
    expect(leaderboard.instances).toBe(1);
    expect(leaderboard.latencySeconds.p99).toBeGreaterThan(0);
    expect(leaderboard.successRate).toBeGreaterThan(0);
    expect(health.ingestToLeaderboardSeconds.samples).toBeGreaterThan(0);
    expect(health.ingestToLeaderboardSeconds.p50).toBeGreaterThan(0);
    expect(health.consumers.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['classification-bulk', 'classification-live', 'inference-bulk', 'inference-live', 'leaderboard-bulk', 'leaderboard-live']));
    for (const consumer of health.consumers) {
      expect(consumer).toEqual({ name: consumer.name, stream: consumer.stream, pending: expect.any(Number), ackPending: expect.any(Number), redelivered: expect.any(Number), oldestUnackedAgeSec: null });
      expect(Object.values(nats.names.streams)).toContain(consumer.stream);
    }
    expect(health.streamMaxAgeSec).toBe(config.STREAM_MAX_AGE_HOURS * 3600);
    expect(health.deadLetters).toEqual({ pending: 0, byStage: {} });
    // The gateway reports every consumer's oldest unacknowledged age (running or not: every 15 s) and the retention.
    await waitFor(async () => (await metricsOf(pipeline.url)).includes(`ap_consumer_oldest_unacked_age_seconds{consumer="${nats.names.durable('leaderboard', 'live')}"} 0`), 'the age gauge', 20_000);
    expect(await metricsOf(pipeline.url)).toContain(`ap_stream_max_age_seconds ${config.STREAM_MAX_AGE_HOURS * 3600}`);

    // A stage that stops consuming: its oldest unhandled event ages toward the stream's retention.
    const stalled = `${config.PIPELINE_PREFIX}-stalled-probe`;
    await nats.jsm.consumers.add(nats.names.streams.events, { durable_name: stalled, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New, filter_subject: nats.names.subjects.events('live') });
    try {
      const postedAt = Date.now();
      expect((await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: [event('ivy')] } })).status).toBe(202);
      const probe = await waitFor(async () => {
        const view = (await http('GET', `${pipeline.url}/v1/ops/pipeline`, { key: reader })).body;
        const consumer = view.consumers.find((c: { name: string }) => c.name === 'stalled-probe');
        return consumer?.oldestUnackedAgeSec >= 2 && consumer;
      }, 'the stalled consumer to show its oldest event 2 s old');
      expect(probe).toMatchObject({ pending: 1, ackPending: 0 });
      expect(probe.oldestUnackedAgeSec).toBeLessThanOrEqual(Math.ceil((Date.now() - postedAt) / 1000));
      // Its backlog shows in the gateway's metrics too, although no running stage reports this consumer.
      await waitFor(async () => (await metricsOf(pipeline.url)).includes(`ap_consumer_pending_messages{consumer="${stalled}"} 1`), 'the gateway\'s pending gauge for the stalled consumer', 20_000);
    } finally {
      await nats.jsm.consumers.delete(nats.names.streams.events, stalled);
    }

    // The leaderboard's daily maintenance record, written as its MaintenanceJobsService writes it
    // (that service's own test covers the writing), is passed on as it is.
    const record = { day: '2026-11-24', finishedAt: '2026-11-24T03:00:05.000Z', archived: 1, archiveFailures: 0, verifiedDay: '2026-11-23', driftEntries: 4 };
    await writeMaintenanceRecord(await nats.js.views.kv(maintenanceBucket(config.PIPELINE_PREFIX), { history: 1 }), record);
    expect((await http('GET', `${pipeline.url}/v1/ops/pipeline`, { key: reader })).body.maintenance).toEqual(record);

    // The same over GraphQL (before 2026-11-25 it had no pipeline health), maps as { name, count } lists.
    const overGraphql = await graphql(
      pipeline.url,
      reader,
      `{ pipelineHealth { boardsTimeZone windowSec streamMaxAgeSec stages { stage instances eventsPerSec successRate latencySeconds { p50 p99 samples } llmCalls { name count } }
         ingestToLeaderboardSeconds { samples } consumers { name stream pending ackPending redelivered oldestUnackedAgeSec } deadLetters { pending byStage { name count } }
         maintenance { day finishedAt archived archiveFailures verifiedDay verifiedFrom driftEntries } } }`,
    );
    const viaGraphql = overGraphql.body.data.pipelineHealth;
    expect(viaGraphql).toMatchObject({ boardsTimeZone: 'UTC', windowSec: 60, streamMaxAgeSec: config.STREAM_MAX_AGE_HOURS * 3600, deadLetters: { pending: 0, byStage: [] } });
    expect(viaGraphql.maintenance).toEqual({ ...record, verifiedFrom: null });
    expect(viaGraphql.stages.map((s: { stage: string }) => s.stage)).toEqual(expect.arrayContaining(['classification', 'inference', 'leaderboard']));
    expect(viaGraphql.consumers.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['leaderboard-live']));
    expect((await graphql(pipeline.url, await createApiKey(pipeline.apps.gateway!, ['ingest']), '{ pipelineHealth { at } }')).body.errors[0].extensions.code).toBe('FORBIDDEN');

    const ingestOnly = await createApiKey(pipeline.apps.gateway!, ['ingest']);
    expect((await http('GET', `${pipeline.url}/v1/ops/pipeline`, { key: ingestOnly })).status).toBe(403);
  });
});
