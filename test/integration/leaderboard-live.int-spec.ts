import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AppConfig } from '@lib/config';
import { LeaderboardPage } from '@lib/contracts';
import { boardChangedSubject } from '@lib/leaderboard-core';
import { NatsConnectionService } from '@lib/messaging';
import { orAfter } from '@lib/platform';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION, MISSING_CONNECTION_KEY } from '../../apps/gateway/src/graphql/graphql-subscriptions.server';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { http, serverSentEvents } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

const SUBSCRIPTION = `subscription($board: String!, $date: String, $limit: Int) {
  leaderboardChanged(board: $board, period: "day", date: $date, limit: $limit) { board periodKey entries { rank userId score } }
}`;

/** Above one connection's subscription cap, so that reaching it takes two connections. */
const VIEWS_PER_KEY = MAX_SUBSCRIPTIONS_PER_CONNECTION + 10;

describe('live leaderboards: GraphQL subscription (graphql-ws) and Server-Sent Events', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let readKey: string;
  let ingestKey: string;
  let client: Client;
  const day = '2026-11-21';

  const subscribe = (variables: Record<string, unknown>, key = readKey) => {
    const pages: LeaderboardPage[] = [];
    const errors: unknown[] = [];
    client = createClient({ url: `${pipeline.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { 'x-api-key': key }, retryAttempts: 0 });
    const stop = client.subscribe<{ leaderboardChanged: LeaderboardPage }>(
      { query: SUBSCRIPTION, variables },
      { next: (result) => (result.errors ? errors.push(...result.errors) : pages.push(result.data!.leaderboardChanged)), error: (e) => errors.push(e), complete: () => undefined },
    );
    return { pages, errors, stop };
  };

  beforeAll(async () => {
    config = testConfig({ LIVE_UPDATES_PER_SEC: '4', LIVE_VIEWS_PER_KEY: String(VIEWS_PER_KEY), LIVE_KEEPALIVE_SEC: '1' });
    pipeline = await startPipeline(config, ['gateway', 'ingestion', 'classification', 'leaderboard']);
    readKey = await createApiKey(pipeline.apps.gateway!, ['read']);
    ingestKey = await createApiKey(pipeline.apps.gateway!, ['ingest']);
  });

  afterEach(async () => {
    await client?.dispose();
  });

  /** A raw graphql-ws connection, acknowledged, collecting what the server sends and how it closes. */
  const connect = async (key = readKey) => {
    const socket = new WebSocket(`${pipeline.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: Array<{ id?: string; type: string; payload?: unknown }> = [];
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': key } }));
    await waitFor(async () => messages.some((m) => m.type === 'connection_ack'), 'connection_ack');
    const subscribe = (id: string) => socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { board: 'total', date: day } } }));
    const firstPages = () => new Set(messages.filter((m) => m.type === 'next').map((m) => m.id)).size;
    return { socket, messages, closed, subscribe, firstPages };
  };

  afterAll(async () => {
    await pipeline?.close();
  });

  it('sends the current top N, then an update with the user and score after an event is posted over HTTP', async () => {
    const live = subscribe({ board: 'total', date: day, limit: 10 });
    await waitFor(async () => live.pages.length > 0, 'the first page');
    expect(live.pages[0]).toEqual({ board: 'total', periodKey: day, entries: [] });

    const posted = await http('POST', `${pipeline.url}/v1/events`, {
      key: ingestKey,
      body: { events: [{ userId: 'lena', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${day}T10:00:00Z`, durationSec: 300 }] },
    });
    expect(posted.status).toBe(202);
    const update = await waitFor(async () => live.pages.find((p) => p.entries.length > 0), 'a pushed update');
    expect(update).toEqual({ board: 'total', periodKey: day, entries: [{ rank: 1, userId: 'lena', score: 300 }] });
    expect(live.errors).toEqual([]);
    live.stop();
  });

  it('delivers the final state of a burst of changes (throttled per board)', async () => {
    const live = subscribe({ board: 'work', date: day, limit: 3 });
    await waitFor(async () => live.pages.length > 0, 'the first page');
    const writer = pipeline.apps.leaderboard!.get(LeaderboardWriterService);
    for (let i = 1; i <= 10; i++) {
      await writer.write([classifiedEnvelope(`burst-${i}`, [{ eventId: `burst-${i}`, userId: 'max', startedAt: `${day}T12:00:00Z`, durationSec: 10 }])]);
    }
    const last = await waitFor(async () => live.pages.find((p) => p.entries.some((e) => e.userId === 'max' && e.score === 100)), 'the page after the last change');
    expect(last.entries).toEqual([{ rank: 1, userId: 'lena', score: 300 }, { rank: 2, userId: 'max', score: 100 }]);
  });

  it('refuses a connection without a valid key, a subscription without the read scope and one with a bad board, naming the reason', async () => {
    for (const [key, reason] of [['ap_wrong_key', 'invalid or revoked API key'], ['', MISSING_CONNECTION_KEY]]) {
      const anonymous = subscribe({ board: 'total', date: day }, key);
      await waitFor(async () => anonymous.errors.length > 0, 'the refusal');
      const closed = anonymous.errors[0] as { code: number; reason: string };
      expect([closed.code, closed.reason]).toEqual([4403, reason]);
      await client.dispose();
    }
    const ingestOnly = subscribe({ board: 'total', date: day }, ingestKey);
    await waitFor(async () => ingestOnly.errors.length > 0, 'the refusal');
    expect(JSON.stringify(ingestOnly.errors)).toContain('this API key lacks the \\"read\\" scope');
    await client.dispose();
    const badBoard = subscribe({ board: 'nope', date: day });
    await waitFor(async () => badBoard.errors.length > 0, 'the refusal');
    expect(JSON.stringify(badBoard.errors)).toContain('board \\"nope\\" is unknown');
    expect(badBoard.pages).toEqual([]);
  });

  it('names the argument whose literal its type cannot represent, as over HTTP', async () => {
    const { socket, messages } = await connect();
    socket.send(JSON.stringify({ id: 'big', type: 'subscribe', payload: { query: 'subscription { leaderboardChanged(board: "total", limit: 99999999999) { board } }' } }));
    await waitFor(async () => messages.some((m) => m.id === 'big'), 'the refusal');
    socket.close();
    expect(messages.filter((m) => m.id === 'big')).toEqual([
      {
        id: 'big',
        type: 'error',
        payload: [expect.objectContaining({ message: 'Argument "limit" of "leaderboardChanged": Int cannot represent non 32-bit signed integer value: 99999999999', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field: 'limit' } })],
      },
    ]);
  });

  it('answers a subscription it cannot parse, validate or take the variables of with that error, coded as over HTTP, and keeps the connection', async () => {
    const { socket, messages, closed, subscribe } = await connect();
    try {
      let closeCode: number | undefined;
      void closed.then((code) => (closeCode = code));
      subscribe('live');
      await waitFor(async () => messages.some((m) => m.id === 'live' && m.type === 'next'), 'the first page');
      const send = (id: string, query: string, variables?: Record<string, unknown>) => socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
      send('syntax', 'subscription { leaderboardChanged(board: "total" { board } }');
      send('unknown', 'subscription { leaderboardChanged(board: "total", limt: 3) { board } }');
      send('variable', 'subscription($limit: Int) { leaderboardChanged(board: "total", limit: $limit) { board } }', { limit: 'ten' });
      send('repeated', `subscription { leaderboardChanged(board: "total") { ${'board '.repeat(2000)}} }`);
      await waitFor(async () => ['syntax', 'unknown', 'variable', 'repeated'].every((id) => messages.some((m) => m.id === id)), 'the four refusals');
      type Errors = Array<{ message: string; extensions?: { code?: string; field?: string } }>;
      const errorOf = (id: string) => {
        // An operation refused before it runs is an `error` message; one whose variables are refused, a result with errors.
        const { type, payload } = messages.find((m) => m.id === id) as { type: string; payload: Errors | { errors: Errors } };
        return { type, error: (Array.isArray(payload) ? payload : payload.errors)[0] };
      };
      const summary = (id: string) => [errorOf(id).type, errorOf(id).error.extensions?.code, errorOf(id).error.message];
      // The argument the variable stands for, as over HTTP (it had no field).
      expect(errorOf('variable').error.extensions?.field).toBe('limit');
      expect(summary('syntax')).toEqual(['error', 'GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected Name, found "{".']);
      expect(summary('unknown')).toEqual(['error', 'GRAPHQL_VALIDATION_FAILED', 'Unknown argument "limt" on field "Subscription.leaderboardChanged". Did you mean "limit"?']);
      expect(summary('variable')).toEqual(['next', 'BAD_USER_INPUT', 'Variable "$limit" got invalid value "ten"; Int cannot represent non-integer value: "ten"']);
      expect(summary('repeated')).toEqual(['error', 'GRAPHQL_VALIDATION_FAILED', '"board" is asked for more than 16 times in one selection set: ask for it once']);
      // The connection and its live subscription are still there.
      send('after', SUBSCRIPTION, { board: 'total', date: day });
      await waitFor(async () => messages.some((m) => m.id === 'after' && m.type === 'next'), 'a page after the refusals');
      expect(closeCode).toBeUndefined();
    } finally {
      socket.close();
    }
  });

  it('streams the same pages as Server-Sent Events, and answers bad parameters with a 400', async () => {
    const abort = new AbortController();
    const response = await fetch(`${pipeline.url}/v1/leaderboards/total/stream?date=${day}&limit=2`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).value).toEqual({ board: 'total', period: 'day', periodKey: day, timeZone: 'UTC', entries: [{ rank: 1, userId: 'lena', score: 300 }, { rank: 2, userId: 'max', score: 100 }], hasMore: false, nextCursor: null });
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).write([
      classifiedEnvelope('sse-1', [{ eventId: 'sse-1', userId: 'nora', startedAt: `${day}T15:00:00Z`, durationSec: 1000, category: 'video' }]),
    ]);
    expect((await events.next()).value.entries).toEqual([{ rank: 1, userId: 'nora', score: 1000 }, { rank: 2, userId: 'lena', score: 300 }]);
    abort.abort();
    const watchers = async () => /ap_live_board_watchers (\d+)/.exec((await http('GET', `${pipeline.url}/metrics`)).body)?.[1];
    await waitFor(async () => (await watchers()) === '0', 'the closed stream and the ended subscriptions to release their watches');

    const bad = await http('GET', `${pipeline.url}/v1/leaderboards/total/stream?limit=0`, { key: readKey });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('limit must be an integer from 1 to 500');
    expect((await http('GET', `${pipeline.url}/v1/leaderboards/total/stream`)).status).toBe(401);
  });

  it('sends a keep-alive comment on a stream with no change, which page readers pass over', async () => {
    const abort = new AbortController();
    const response = await fetch(`${pipeline.url}/v1/leaderboards/total/stream?date=${day}&limit=1`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // Before, a quiet board's stream sent nothing after its first page: proxies closed it, and a
    // client could not tell it from a dead one.
    const heard = await orAfter(
      (async () => {
        while (!/\n: keepalive\n\n/.test(text)) {
          const chunk = await reader.read();
          if (chunk.done) return 'ended';
          text += decoder.decode(chunk.value, { stream: true });
        }
        return 'keepalive';
      })(),
      5000,
      () => 'no keep-alive within 5 s',
    );
    abort.abort();
    expect(heard).toBe('keepalive');
    // The page came first; the keep-alive is a comment, which serverSentEvents (as EventSource) skips.
    const pages: LeaderboardPage[] = [];
    for await (const page of serverSentEvents<LeaderboardPage>(new Blob([text]).stream())) pages.push(page);
    expect(pages.map((p) => p.board)).toEqual(['total']);
  });

  it('follows a board whose period is given empty (the default, day) like one given as day', async () => {
    const abort = new AbortController();
    const response = await fetch(`${pipeline.url}/v1/leaderboards/total/stream?period=&date=${day}&limit=1`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).value).toMatchObject({ period: 'day', periodKey: day });
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).write([
      classifiedEnvelope('sse-empty-period', [{ eventId: 'sse-empty-period', userId: 'omar', startedAt: `${day}T16:00:00Z`, durationSec: 5000 }]),
    ]);
    // Before, the page was served but never again: the watch matched no changed board.
    const next = await orAfter(events.next(), 5000, () => undefined);
    abort.abort();
    expect(next?.value?.entries).toEqual([{ rank: 1, userId: 'omar', score: 5000 }]);
  });

  it('ends the live views of a category deleted meanwhile with the 400 a new view of it gets, SSE and GraphQL alike', async () => {
    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    const created = await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { name: 'Gone Live', parentId: 'personal' } });
    expect(created.status).toBe(201);
    const board = created.body.category.id as string;
    const response = await waitFor(async () => {
      const attempt = await fetch(`${pipeline.url}/v1/leaderboards/${board}/stream?date=${day}`, { headers: { 'x-api-key': readKey } });
      return attempt.status === 200 ? attempt : void (await attempt.body?.cancel());
    }, 'the new category to be a board');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const ended = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
      return 'ended';
    })();
    const ws = await connect();
    const subscribeTo = (id: string) => ws.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { board, date: day } } }));
    subscribeTo('deleted-board');
    await waitFor(async () => ws.firstPages() === 1 && /^data: /m.test(text), 'the first pages');

    expect((await http('DELETE', `${pipeline.url}/v1/categories/${board}`, { key: admin })).status).toBe(200);
    await waitFor(async () => (await http('GET', `${pipeline.url}/v1/leaderboards/${board}?date=${day}`, { key: readKey })).status === 400, 'the leaderboard app to know the board deleted');
    // What a write to the board or the reconcile (every LIVE_RECONCILE_SEC) sets going: a read of it.
    pipeline.apps.gateway!.get(NatsConnectionService).nc.publish(boardChangedSubject(config.PIPELINE_PREFIX), JSON.stringify({ boards: [{ board, period: 'day', periodKey: day }] }));

    // Before, both went on showing the last page for good (and each reconcile logged the refusal).
    expect(await orAfter(ended, 10_000, () => 'still open after 10 s')).toBe('ended');
    const refusal = await http('GET', `${pipeline.url}/v1/leaderboards/${board}/stream?date=${day}`, { key: readKey });
    expect(refusal.status).toBe(400);
    expect(refusal.body).toMatchObject({ field: 'board', message: `board "${board}" is unknown: use a category id, "productive" or "total"` });
    const lastEvent = text.trim().split('\n\n').pop()!;
    expect(lastEvent.split('\n')[0]).toBe('event: error');
    expect(JSON.parse(lastEvent.split('\n').find((line) => line.startsWith('data: '))!.slice(6))).toEqual(refusal.body);

    const ending = await waitFor(async () => ws.messages.find((m) => m.id === 'deleted-board' && m.type !== 'next'), 'the subscription to end', 10_000);
    expect(ending).toEqual({ id: 'deleted-board', type: 'error', payload: [expect.objectContaining({ message: refusal.body.message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', status: 400, field: 'board' }) })] });
    subscribeTo('new-on-deleted-board');
    const refusedSubscription = await waitFor(async () => ws.messages.find((m) => m.id === 'new-on-deleted-board'), 'the answer to a new subscription');
    expect(refusedSubscription).toMatchObject({ type: 'next', payload: { errors: [expect.objectContaining({ message: refusal.body.message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', status: 400, field: 'board' }) })] } });
    ws.socket.close();
    const watchers = async () => /ap_live_board_watchers (\d+)/.exec((await http('GET', `${pipeline.url}/metrics`)).body)?.[1];
    await waitFor(async () => (await watchers()) === '0', 'the ended views to be released');
  });

  it('bounds what one WebSocket may ask: a message over BODY_LIMIT_BYTES closes it (1009), a subscription past the limit is refused, another path is not served', async () => {
    const huge = await connect();
    huge.socket.send(JSON.stringify({ id: 'big', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { board: 'total', pad: 'x'.repeat(config.BODY_LIMIT_BYTES) } } }));
    expect(await orAfter<number | string>(huge.closed, 10_000, () => 'still open after 10 s')).toBe(1009);

    // Before its key is checked, a connection may send 64 KiB: graphql-ws parsed a 5 MB connection_init
    // of {} (~110 MB of heap) from anyone, and only then refused it for its missing key (4403).
    const anonymous = new WebSocket(`${pipeline.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const anonymousClosed = new Promise<[number, string]>((resolve) => anonymous.on('close', (code, reason) => resolve([code, String(reason)])));
    await new Promise((resolve) => anonymous.on('open', resolve));
    anonymous.send(JSON.stringify({ type: 'connection_init', payload: { pad: Array.from({ length: 1_500_000 }, () => ({})) } }));
    expect(await orAfter<[number, string] | string>(anonymousClosed, 10_000, () => 'still open after 10 s')).toEqual([1009, 'messages before the connection is acknowledged are limited to 65536 bytes']);

    const many = await connect();
    for (let i = 1; i <= MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) many.subscribe(`s${i}`);
    await waitFor(async () => many.firstPages() === MAX_SUBSCRIPTIONS_PER_CONNECTION, 'a first page on each subscription');
    many.subscribe('one-too-many');
    const refused = await waitFor(async () => many.messages.find((m) => m.id === 'one-too-many'), 'the refusal');
    expect(refused).toEqual({
      id: 'one-too-many',
      type: 'error',
      payload: [expect.objectContaining({ message: `a connection follows at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions at once: complete one or open another connection`, extensions: { code: 'TOO_MANY_REQUESTS' } })],
    });
    many.socket.close();

    const elsewhere = new WebSocket(`${pipeline.url.replace(/^http/, 'ws')}/v1/events`, 'graphql-transport-ws');
    expect(await new Promise((resolve) => elsewhere.on('unexpected-response', (_req, res) => resolve(res.statusCode)).on('error', () => resolve('error')))).toBe(404);
  });

  it('caps the live views one key holds, SSE streams and subscriptions together, and frees a place when one closes', async () => {
    const capKey = await createApiKey(pipeline.apps.gateway!, ['read']);
    const openStream = async (key = capKey) => {
      const abort = new AbortController();
      const response = await fetch(`${pipeline.url}/v1/leaderboards/total/stream?date=${day}`, { headers: { 'x-api-key': key }, signal: abort.signal });
      return { response, abort };
    };
    const full = await connect(capKey);
    for (let i = 1; i <= MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) full.subscribe(`a${i}`);
    await waitFor(async () => full.firstPages() === MAX_SUBSCRIPTIONS_PER_CONNECTION, 'a first page on each subscription of the first connection');
    const second = await connect(capKey);
    for (let i = 1; i <= VIEWS_PER_KEY - MAX_SUBSCRIPTIONS_PER_CONNECTION - 2; i++) second.subscribe(`b${i}`);
    await waitFor(async () => second.firstPages() === VIEWS_PER_KEY - MAX_SUBSCRIPTIONS_PER_CONNECTION - 2, 'a first page on each subscription of the second connection');
    const streams = [await openStream(), await openStream()];
    expect(streams.map((s) => s.response.status)).toEqual([200, 200]);

    const message = `this API key holds ${VIEWS_PER_KEY} live views on this gateway, the most allowed (LIVE_VIEWS_PER_KEY): close a stream or subscription first`;
    const refusedStream = await openStream();
    if (refusedStream.response.status !== 429) refusedStream.abort.abort(); // a stream opened: fail now, not at the timeout
    expect(refusedStream.response.status).toBe(429);
    expect(((await refusedStream.response.json()) as { message: string }).message).toBe(message);
    second.subscribe('over-the-cap');
    const refusedSubscription = await waitFor(async () => second.messages.find((m) => m.id === 'over-the-cap'), 'the refused subscription');
    // A resolver's refusal: one result with the error, then the operation completes.
    expect(refusedSubscription).toEqual({ id: 'over-the-cap', type: 'next', payload: { errors: [expect.objectContaining({ message, extensions: { code: 'TOO_MANY_REQUESTS', status: 429 } })] } });
    await waitFor(async () => second.messages.some((m) => m.id === 'over-the-cap' && m.type === 'complete'), 'the refused subscription to complete');

    // Another key is not held back by this one.
    const other = await openStream(readKey);
    expect(other.response.status).toBe(200);
    other.abort.abort();

    streams[0].abort.abort();
    const reopened = await waitFor(async () => {
      const attempt = await openStream();
      if (attempt.response.status === 200) return attempt;
      attempt.abort.abort();
      return undefined;
    }, 'the closed stream to free its place');
    reopened.abort.abort();
    streams[1].abort.abort();
    full.socket.close();
    second.socket.close();
    const watchers = async () => /ap_live_board_watchers (\d+)/.exec((await http('GET', `${pipeline.url}/metrics`)).body)?.[1];
    await waitFor(async () => (await watchers()) === '0', 'every view to be released');
  });

  it('caps the WebSocket connections one key holds at LIVE_VIEWS_PER_KEY: the next is closed with 1013 and the reason, and a closed one frees a place', async () => {
    // Connections without a subscription were unbounded: one key could hold any number of sockets open.
    const capKey = await createApiKey(pipeline.apps.gateway!, ['read']);
    const open = [];
    for (let i = 0; i < VIEWS_PER_KEY; i++) open.push(await connect(capKey));
    const refused = new WebSocket(`${pipeline.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<[number, string]>((resolve) => refused.on('close', (code, reason) => resolve([code, String(reason)])));
    await new Promise((resolve) => refused.on('open', resolve));
    refused.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': capKey } }));
    expect(await closed).toEqual([1013, `this API key holds ${VIEWS_PER_KEY} connections here, the most (LIVE_VIEWS_PER_KEY): close one first`]);
    // Another key is not held back; a closed connection frees its place.
    (await connect(readKey)).socket.close();
    const last = open.pop()!;
    last.socket.close();
    await last.closed;
    (await connect(capKey)).socket.close();
    open.forEach((connection) => connection.socket.close());
  });

  // Last: it stops this suite's gateway.
  it("ends a revoked key's live views at once, SSE streams and GraphQL subscriptions alike", async () => {
    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    const { id, key } = (await http('POST', `${pipeline.url}/v1/api-keys`, { key: admin, body: { name: 'wall display', scopes: ['read'] } })).body;
    const response = await fetch(`${pipeline.url}/v1/leaderboards/total/stream?date=${day}`, { headers: { 'x-api-key': key } });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).done).toBe(false);
    const ws = await connect(key);
    ws.subscribe('revoked-view');
    await waitFor(async () => ws.firstPages() === 1, "the subscription's first page");

    expect((await http('DELETE', `${pipeline.url}/v1/api-keys/${id}`, { key: admin })).status).toBe(204);
    const ended = await orAfter<string>(events.next().then((r) => (r.done ? 'ended' : 'another page')), 5000, () => 'still open after 5 s');
    expect(ended).toBe('ended');
    await waitFor(async () => ws.messages.some((m) => m.type === 'complete' && m.id === 'revoked-view'), 'the subscription completed', 5000);
    // The open connection cannot start another: each subscription checks the key again.
    ws.subscribe('after-revocation');
    const refused = await waitFor(async () => ws.messages.find((m) => m.id === 'after-revocation' && m.type !== 'complete'), 'the answer to a new subscription', 5000);
    expect(refused).toMatchObject({ type: 'next', payload: { errors: [expect.objectContaining({ message: 'invalid or revoked API key', extensions: { code: 'UNAUTHENTICATED', status: 401 } })] } });
    ws.socket.close();
    expect((await fetch(`${pipeline.url}/v1/leaderboards/total/stream?date=${day}`, { headers: { 'x-api-key': key } })).status).toBe(401);
  });

  it('ends the open live views when the gateway shuts down, so its HTTP server can close and clients reconnect elsewhere', async () => {
    const response = await fetch(`${pipeline.url}/v1/leaderboards/total/stream?date=${day}`, { headers: { 'x-api-key': readKey } });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).done).toBe(false);
    const gateway = pipeline.apps.gateway!;
    delete pipeline.apps.gateway; // closed here, not again after the suite
    const closing = gateway.close();
    // Before, the server's close waited on the open response until something timed it out (10 s).
    const ended = await orAfter<string>(events.next().then((r) => (r.done ? 'ended' : 'another page')), 5000, () => 'still open after 5 s');
    expect(ended).toBe('ended');
    await closing;
  });
});
