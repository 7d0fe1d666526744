import { request as httpRequest, Server } from 'node:http';
import { Socket } from 'node:net';
import WebSocket from 'ws';
import { ApiKey } from '@lib/persistence';
import { ApiKeyVerifier } from '../../apps/gateway/src/auth/api-key.guard';
import { LiveBoardsService } from '../../apps/gateway/src/leaderboards/live-boards.service';
import { LARGE_BODIES_AT_ONCE, LARGE_BODIES_PER_KEY, LARGE_BODY_BYTES } from '../../apps/gateway/src/gateway.setup';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig } from '../support/test-config';

/**
 * A WebSocket connection and a large body take a slot of their key once the key is checked, and a
 * check may wait on Mongo (a key this instance has not seen yet, a slow or failing key store). A
 * client gone during that wait closed its socket before the slot's release was tied to the close:
 * each such slot stayed taken until a restart (LIVE_VIEWS_PER_KEY of them: every connection of
 * the key refused with 1013; LARGE_BODIES_AT_ONCE: every large body with a 503). Fixed in 11dccc5.
 */
describe('gateway slots taken after a key check the client did not wait for', () => {
  let pipeline: RunningPipeline;
  let verifier: ApiKeyVerifier;
  let server: Server;

  beforeAll(async () => {
    pipeline = await startPipeline(testConfig({ LIVE_VIEWS_PER_KEY: '1' }), ['gateway', 'leaderboard']);
    verifier = pipeline.apps.gateway!.get(ApiKeyVerifier);
    server = pipeline.apps.gateway!.getHttpServer() as Server;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await pipeline?.close();
  });

  /**
   * The next key check waits, as on a Mongo that does not answer yet, until `release`; `begun`
   * resolves when it is asked, `finished` once it has answered.
   */
  const holdNextKeyCheck = () => {
    const verify = verifier.verify.bind(verifier);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let begin!: () => void;
    const begun = new Promise<void>((resolve) => (begin = resolve));
    let finished!: Promise<ApiKey | null>;
    jest.spyOn(verifier, 'verify').mockImplementationOnce((...args) => {
      begin();
      finished = released.then(() => verify(...args));
      return finished;
    });
    return { begun, release, finished: async () => void (await finished.catch(() => undefined), await new Promise(setImmediate)) };
  };

  /** The gateway's end of the next connection it accepts, closed once it has seen the client go. */
  const nextServerSocketClosed = () => new Promise<void>((resolve) => server.once('connection', (socket: Socket) => socket.once('close', () => resolve())));

  /** A client that asks for a slot with `key`, then goes while its key is being checked. */
  const leaveDuringKeyCheck = async (ask: () => Promise<() => void>) => {
    const held = holdNextKeyCheck();
    const closedThere = nextServerSocketClosed();
    const leave = await ask();
    await held.begun;
    leave();
    await closedThere;
    held.release();
    await held.finished();
  };

  const wsUrl = () => `${pipeline.url.replace(/^http/, 'ws')}/graphql`;

  /** How a graphql-ws connection with `key` is answered: acknowledged, or closed with a code and reason. */
  const connectionAnswer = (key: string) =>
    new Promise<unknown>((resolve) => {
      const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': key } })));
      socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type !== 'connection_ack') return;
        socket.close();
        resolve('acknowledged');
      });
      socket.on('close', (code, reason) => resolve([code, String(reason)]));
    });

  /** How a subscription to the total board with `key` is first answered: a page, or its error's message. */
  const subscriptionAnswer = (key: string) =>
    new Promise<unknown>((resolve) => {
      const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': key } })));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; payload?: Array<{ message: string }> };
        if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { leaderboardChanged(board: "total", period: "day") { board } }' } }));
        if (message.type === 'next' || message.type === 'error') {
          socket.close();
          resolve(message.type === 'next' ? 'a first page' : message.payload?.[0]?.message);
        }
      });
      socket.on('close', (code, reason) => resolve([code, String(reason)]));
    });

  it('gives a WebSocket connection slot back: LIVE_VIEWS_PER_KEY still admits the key\'s next connection', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['read']);
    await leaveDuringKeyCheck(async () => {
      const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
      socket.on('error', () => undefined);
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': key } }));
      return () => socket.terminate();
    });
    // Before the fix: [1013, 'this API key holds 1 connections here, the most (LIVE_VIEWS_PER_KEY): close one first'], until a restart.
    expect(await connectionAnswer(key)).toBe('acknowledged');
  });

  it('gives an SSE live view back: LIVE_VIEWS_PER_KEY still admits the key\'s next stream', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['read']);
    const { hostname, port } = new URL(pipeline.url);
    await leaveDuringKeyCheck(async () => {
      const request = httpRequest({ hostname, port, path: '/v1/leaderboards/total/stream', headers: { 'x-api-key': key, accept: 'text/event-stream' } });
      request.on('error', () => undefined);
      request.end();
      return () => request.destroy();
    });
    // The stream's handler goes on after the key check (the first page's read): its view was taken, and never given back.
    const opened = new AbortController();
    try {
      const stream = await fetch(`${pipeline.url}/v1/leaderboards/total/stream`, { headers: { 'x-api-key': key }, signal: opened.signal });
      // Before the fix: 429 "this API key holds 1 live views on this gateway, the most allowed (LIVE_VIEWS_PER_KEY)…", until a restart.
      expect([stream.status, stream.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/event-stream')]);
    } finally {
      opened.abort();
    }
  });

  it('gives a GraphQL subscription\'s live view back when its connection closed during the first page\'s read', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['read']);
    const live = pipeline.apps.gateway!.get(LiveBoardsService);
    const read = live.read.bind(live);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let begin!: () => void;
    const begun = new Promise<void>((resolve) => (begin = resolve));
    let finished!: Promise<unknown>;
    jest.spyOn(live, 'read').mockImplementationOnce((...args) => {
      begin();
      const page = released.then(() => read(...args));
      finished = page;
      return page;
    });
    const closedThere = nextServerSocketClosed();
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
    socket.on('error', () => undefined);
    const acknowledged = new Promise<void>((resolve) => socket.on('message', (data) => (JSON.parse(String(data)) as { type: string }).type === 'connection_ack' && resolve()));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': key } }));
    await acknowledged;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { leaderboardChanged(board: "total", period: "day") { board } }' } }));
    await begun;
    socket.terminate();
    await closedThere;
    release();
    await finished;
    await new Promise(setImmediate);
    expect(await subscriptionAnswer(key)).toBe('a first page');
  });

  it('gives a large-body slot back: the key\'s and the instance\'s limits still admit large bodies', async () => {
    const keys = [await createApiKey(pipeline.apps.gateway!, ['read']), await createApiKey(pipeline.apps.gateway!, ['read'])];
    const { hostname, port } = new URL(pipeline.url);
    // As many as the instance takes at once, LARGE_BODIES_PER_KEY of each key.
    expect(keys.length * LARGE_BODIES_PER_KEY).toBe(LARGE_BODIES_AT_ONCE);
    for (const key of keys) {
      for (let i = 0; i < LARGE_BODIES_PER_KEY; i++) {
        await leaveDuringKeyCheck(async () => {
          const request = httpRequest({ hostname, port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(LARGE_BODY_BYTES * 2), 'x-api-key': key } });
          request.on('error', () => undefined);
          await new Promise((sent) => request.write('{"query": "{ __typename ', sent));
          return () => request.destroy();
        });
      }
    }
    const large = JSON.stringify({ query: `{ __typename ${' '.repeat(LARGE_BODY_BYTES)}}` });
    const third = await createApiKey(pipeline.apps.gateway!, ['read']);
    // Before the fix: 429 (the key's two slots taken) for the first two, 503 (the instance's four) for the third.
    for (const key of [...keys, third]) {
      const answer = await http('POST', `${pipeline.url}/graphql`, { key, body: large });
      expect([answer.status, answer.body]).toEqual([200, { data: { __typename: 'Query' } }]);
    }
  });
});
