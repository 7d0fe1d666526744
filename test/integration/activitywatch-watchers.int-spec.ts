import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { freePort } from '@lib/infra';
import { graphql, http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';
import { NOT_A_REAL_TIME } from '../../apps/ingestion/src/start-time';

const DAY = '2026-11-20';
const T0 = Date.parse(`${DAY}T09:00:00Z`);
const at = (sec: number) => new Date(T0 + sec * 1000).toISOString().replace('Z', '000+00:00');
const code = { app: 'Code', title: 'main.ts - activity-pipeline - Visual Studio Code' };
const slack = { app: 'Slack', title: 'general | Team - Slack' };

describe('ActivityWatch watcher API (/api/0, also on AW_PORT)', () => {
  let pipeline: RunningPipeline;
  let awUrl: string;
  let admin: string;

  beforeAll(async () => {
    const awPort = await freePort();
    pipeline = await startPipeline(testConfig({ AW_PORT: String(awPort) }));
    awUrl = `http://127.0.0.1:${awPort}`;
    admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  /** As aw-client sends: Authorization: Bearer <key> when it has one, nothing otherwise. */
  const aw = (method: string, path: string, options: { key?: string; body?: unknown; base?: string } = {}) =>
    http(method, `${options.base ?? awUrl}/api/0${path}`, { body: options.body, headers: options.key ? { authorization: `Bearer ${options.key}` } : {} });
  const createBucket = (id: string, type: string, hostname: string, key?: string) => aw('POST', `/buckets/${id}`, { key, body: { client: 'aw-test-watcher', type, hostname } });
  const heartbeat = (bucket: string, sec: number, durationSec: number, data: Record<string, unknown>, pulsetime: number, key?: string) =>
    aw('POST', `/buckets/${bucket}/heartbeat?pulsetime=${pulsetime}`, { key, body: { timestamp: at(sec), duration: durationSec, data } });
  const score = async (userId: string, board = 'total') => (await http('GET', `${pipeline.url}/v1/leaderboards/${board}/users/${userId}?period=day&date=${DAY}`, { key: admin })).body.score as number;

  it('answers /api/0/info as aw-server does and serves nothing but /api/0 on AW_PORT', async () => {
    const info = await aw('GET', '/info');
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ hostname: expect.any(String), version: expect.stringMatching(/^v\d/), testing: false, device_id: expect.any(String) });
    expect((await aw('GET', '/info', { base: pipeline.url })).body).toEqual(info.body);
    const other = await http('GET', `${awUrl}/v1/leaderboards/total`, { key: admin });
    expect(other.status).toBe(404);
  });

  it('counts a heartbeat sequence as aw-watcher-window sends it exactly like the equivalent plain events', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest'], 'hb-user');
    const bucket = 'aw-watcher-window_testhost';
    expect((await createBucket(bucket, 'currentwindow', 'testhost', key)).status).toBe(200);
    expect((await createBucket(bucket, 'currentwindow', 'testhost', key)).status).toBe(304);
    const listed = await aw('GET', '/buckets/', { key });
    expect(listed.body[bucket]).toMatchObject({ id: bucket, type: 'currentwindow', client: 'aw-test-watcher', hostname: 'testhost' });
    expect((await aw('GET', `/buckets/${bucket}`, { key })).body).toMatchObject({ id: bucket, name: bucket });

    // aw-client pre-merges 1 s polls and commits every 10 s (pulsetime = poll time + 1 s).
    const sent: Array<[number, number, Record<string, unknown>]> = [
      [0, 10, code], [10, 10, code], [20, 10, code], [30, 2, code], // merges: Code 0–32
      [33, 10, slack], [43, 10, slack], // data change: a new event, Slack 33–53
      [43, 10, slack], // a retried request: adds nothing
      [90, 10, slack], // a gap longer than pulsetime: a new event 90–100
      [100, 5, code], // Code 100–105
    ];
    let last;
    for (const [sec, duration, data] of sent) {
      last = await heartbeat(bucket, sec, duration, data, 2.0, key);
      expect(last.status).toBe(200);
    }
    expect(last!.body).toEqual({ timestamp: new Date(T0 + 100_000).toISOString(), duration: 5, data: code });

    const plain = [
      { app: code.app, title: code.title, startedAt: at(0), durationSec: 32 },
      { app: slack.app, title: slack.title, startedAt: at(33), durationSec: 20 },
      { app: slack.app, title: slack.title, startedAt: at(90), durationSec: 10 },
      { app: code.app, title: code.title, startedAt: at(100), durationSec: 5 },
    ].map((e) => ({ ...e, userId: 'plain-user' }));
    expect((await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: plain } })).status).toBe(202);

    await waitFor(async () => (await score('hb-user')) === 67 && (await score('plain-user')) === 67, 'both users on the total board');
    const logs = await pipeline.apps.leaderboard!.get<Connection>(getConnectionToken()).collection('usage_logs').find({ userId: 'plain-user' }).toArray();
    const boards = [...new Set(logs.flatMap((l) => l.boards as string[]))];
    expect(boards.length).toBeGreaterThan(2);
    for (const board of boards) expect([board, await score('hb-user', board)]).toEqual([board, await score('plain-user', board)]);
  });

  it('does not count window time the AFK watcher reports as AFK, even when it reports it late', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest'], 'afk-user');
    const [window, afk] = ['aw-watcher-window_afkhost', 'aw-watcher-afk_afkhost'];
    await createBucket(window, 'currentwindow', 'afkhost', key);
    await createBucket(afk, 'afkstatus', 'afkhost', key);
    const status = (sec: number, duration: number, value: string) => heartbeat(afk, sec, duration, { status: value }, 185, key);
    await status(0, 0, 'not-afk');
    // Input stops at 100 s; the window watcher keeps reporting the same window.
    for (let t = 0; t < 400; t += 10) await heartbeat(window, t, 10, code, 2.0, key);
    await status(100, 0, 'not-afk');
    await waitFor(async () => (await score('afk-user')) === 100, 'the time known as not AFK');
    // 180 s without input: aw-watcher-afk reports AFK from the last input (1 ms later), and again until the user is back at 400 s.
    await status(100.001, 180, 'afk');
    await status(100.001, 299.999, 'afk');
    await status(400.001, 0, 'not-afk');
    for (let t = 400; t < 600; t += 10) await heartbeat(window, t, 10, code, 2.0, key);
    await status(400.001, 199.999, 'not-afk');
    // Window 0–600 s minus AFK 100.001–400.000 s.
    await waitFor(async () => Math.abs((await score('afk-user')) - 300.001) < 1e-6, 'the window time without the AFK period');
    await new Promise((r) => setTimeout(r, 300));
    expect(await score('afk-user')).toBeCloseTo(300.001, 6);
  });

  it('counts concurrent heartbeats of one user from several machines once each (compare-and-set on the shared state)', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest'], 'busy-user');
    const hosts = ['host-a', 'host-b', 'host-c', 'host-d'];
    await Promise.all(hosts.map((h) => createBucket(`aw-watcher-window_${h}`, 'currentwindow', h, key)));
    const responses = await Promise.all(
      hosts.map(async (h) => {
        const statuses: number[] = [];
        for (let t = 0; t < 60; t += 10) statuses.push((await heartbeat(`aw-watcher-window_${h}`, t, 10, code, 2.0, key)).status);
        return statuses;
      }),
    );
    expect(responses.flat().every((s) => s === 200)).toBe(true);
    await waitFor(async () => (await score('busy-user')) === 240, 'four machines × 60 s');
    await new Promise((r) => setTimeout(r, 300));
    expect(await score('busy-user')).toBe(240);
  });

  it('counts the window and AFK watchers of one user sending at once exactly once (each user\'s state updated by one request at a time)', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest'], 'two-watchers');
    const [window, afk] = ['aw-watcher-window_pair', 'aw-watcher-afk_pair'];
    await createBucket(window, 'currentwindow', 'pair', key);
    await createBucket(afk, 'afkstatus', 'pair', key);
    // As the watchers send: a window poll every second (pulsetime 2), not-afk heartbeats (pulsetime 185), concurrently.
    const send = async (bucket: string, data: Record<string, unknown>, pulsetime: number, seconds: number) => {
      const statuses: number[] = [];
      for (let t = 0; t <= seconds; t++) statuses.push((await heartbeat(bucket, t, 0, data, pulsetime, key)).status);
      return statuses;
    };
    const statuses = await Promise.all([send(window, code, 2, 120), send(afk, { status: 'not-afk' }, 185, 121)]);
    expect(statuses.flat()).toEqual(new Array(243).fill(200));
    await waitFor(async () => (await score('two-watchers')) >= 120, 'the window time of t=0..120');
    await new Promise((r) => setTimeout(r, 300));
    expect(await score('two-watchers')).toBe(120);
    const state = await pipeline.apps.ingestion!.get<Connection>(getConnectionToken()).collection('watcher_states').findOne({ _id: 'two-watchers' as never });
    // One state change per request: none was lost to another.
    expect(state?.version).toBe(243);
  });

  it('counts ten machines of one user sending at once, each second once', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest'], 'ten-hosts');
    const hosts = Array.from({ length: 10 }, (_, i) => `ten-${i}`);
    await Promise.all(hosts.map((h) => createBucket(`aw-watcher-window_${h}`, 'currentwindow', h, key)));
    const statuses = await Promise.all(
      hosts.map(async (h) => {
        const sent: number[] = [];
        for (let t = 0; t <= 29; t++) sent.push((await heartbeat(`aw-watcher-window_${h}`, t, 0, code, 2, key)).status);
        return sent;
      }),
    );
    expect(statuses.flat()).toEqual(new Array(300).fill(200));
    await waitFor(async () => (await score('ten-hosts')) >= 290, 'ten machines × 29 s');
    await new Promise((r) => setTimeout(r, 300));
    expect(await score('ten-hosts')).toBe(290);
  });

  it('counts inserted events older than the host\'s latest window time where that time was not counted yet (backfill, unsorted lists)', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest'], 'backfill-user');
    const bucket = 'aw-watcher-window_backfill';
    await createBucket(bucket, 'currentwindow', 'backfill', key);
    const insert = (events: Array<[number, number]>) => aw('POST', `/buckets/${bucket}/events`, { key, body: events.map(([sec, duration]) => ({ timestamp: at(sec), duration, data: code })) });
    // 10:00 then 09:00 in one list (t = 0 is 09:00), then 08:00 later, then a resend and an overlap.
    const first = await insert([[3600, 60], [0, 60]]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual([
      { timestamp: new Date(T0 + 3_600_000).toISOString(), duration: 60, data: code },
      { timestamp: new Date(T0).toISOString(), duration: 60, data: code },
    ]);
    await waitFor(async () => (await score('backfill-user')) === 120, 'both events of the unsorted list');
    expect((await insert([[-3600, 60]])).status).toBe(200);
    await waitFor(async () => (await score('backfill-user')) === 180, 'the event at 08:00');
    // Already counted time counts once: a resend adds nothing, an overlapping event only its new 30 s.
    expect((await insert([[0, 60], [30, 60]])).status).toBe(200);
    await waitFor(async () => (await score('backfill-user')) === 210, 'the new part of the overlapping event');
    // Live heartbeats still merge with the latest event (10:00), not with the inserted older ones.
    expect((await heartbeat(bucket, 3660, 10, code, 2, key)).body).toEqual({ timestamp: new Date(T0 + 3_600_000).toISOString(), duration: 70, data: code });
    await waitFor(async () => (await score('backfill-user')) === 220, 'the heartbeat after the latest event');
    await new Promise((r) => setTimeout(r, 300));
    expect(await score('backfill-user')).toBe(220);
  });

  it('reads a state document written before taken spans: the host\'s time before its old frontier stays counted', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest'], 'legacy-user');
    const bucket = 'aw-watcher-window_legacy';
    await createBucket(bucket, 'currentwindow', 'legacy', key);
    const states = pipeline.apps.ingestion!.get<Connection>(getConnectionToken()).collection('watcher_states');
    const old = { version: 1, lasts: [], frontiers: [{ hostname: 'legacy', endMs: T0 + 60_000 }], held: [], afk: [], web: [], outbox: [] };
    await states.insertOne({ _id: 'legacy-user' as never, ...old });
    expect((await aw('POST', `/buckets/${bucket}/events`, { key, body: [{ timestamp: at(0), duration: 90, data: code }] })).status).toBe(200);
    await waitFor(async () => (await score('legacy-user')) === 30, 'only the time after the old frontier');
  });

  it('maps hostnames over GraphQL as over REST (watchers, mapWatcher, unmapWatcher), naming the argument at fault', async () => {
    // Before 2026-11-25 GraphQL had no watcher operations: /v1/watchers was REST only.
    const mapped = await graphql(pipeline.url, admin, 'mutation { mapWatcher(hostname: "GQL-Host", userId: "gql-user") { hostname userId updatedAt } }');
    expect(mapped.body.data.mapWatcher).toMatchObject({ hostname: 'gql-host', userId: 'gql-user' });
    const listed = await graphql(pipeline.url, admin, '{ watchers { hostname userId updatedAt } }');
    const overRest = await http('GET', `${pipeline.url}/v1/watchers`, { key: admin });
    expect(listed.body.data.watchers).toEqual(overRest.body.watchers);
    expect(listed.body.data.watchers).toContainEqual(mapped.body.data.mapWatcher);
    const refused = await graphql(pipeline.url, admin, 'mutation { a: mapWatcher(hostname: "a/b", userId: "u") { hostname } b: mapWatcher(hostname: "h", userId: "a b") { hostname } }');
    expect(refused.body.errors.map((e: { path: string[]; extensions: { field: string; code: string } }) => [e.path[0], e.extensions.field, e.extensions.code]).sort()).toEqual([
      ['a', 'hostname', 'BAD_USER_INPUT'],
      ['b', 'userId', 'BAD_USER_INPUT'],
    ]);
    expect((await graphql(pipeline.url, admin, 'mutation { unmapWatcher(hostname: "gql-host") }')).body.data.unmapWatcher).toBe(true);
    const missing = await graphql(pipeline.url, admin, 'mutation { unmapWatcher(hostname: "gql-host") }');
    expect(missing.body.errors[0]).toMatchObject({ message: 'hostname "gql-host" is not mapped', extensions: { code: 'NOT_FOUND', field: 'hostname' } });
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    expect((await graphql(pipeline.url, reader, '{ watchers { hostname } }')).body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('maps hostnames of watchers that send no key to users, and refuses unmapped or unbound senders', async () => {
    const put = await http('PUT', `${pipeline.url}/v1/watchers/Mapped-Host`, { key: admin, body: { userId: 'mapped-user' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ hostname: 'mapped-host', userId: 'mapped-user' });
    expect((await http('GET', `${pipeline.url}/v1/watchers`, { key: admin })).body.watchers).toContainEqual(expect.objectContaining({ hostname: 'mapped-host', userId: 'mapped-user' }));
    // Another property was ignored, as if it had been taken.
    const extra = await http('PUT', `${pipeline.url}/v1/watchers/other-host`, { key: admin, body: { userId: 'mapped-user', apiKey: 'x' } });
    expect([extra.status, extra.body.field, extra.body.message]).toEqual([400, 'apiKey', 'apiKey is not a property of the request: it takes userId only']);

    const bucket = 'aw-watcher-window_mapped-host';
    expect((await createBucket(bucket, 'currentwindow', 'mapped-host')).status).toBe(200);
    expect((await heartbeat(bucket, 0, 10, code, 2.0)).status).toBe(200);
    expect((await heartbeat(bucket, 10, 20, code, 2.0)).status).toBe(200);
    await waitFor(async () => (await score('mapped-user')) === 30, 'the keyless watcher time on the mapped user');
    expect(Object.keys((await aw('GET', '/buckets/')).body)).toEqual([bucket]);

    const stranger = await createBucket('aw-watcher-window_stranger', 'currentwindow', 'stranger');
    expect(stranger.status).toBe(401);
    expect(stranger.body.message).toContain('host "stranger" is not mapped to a user');

    expect((await http('DELETE', `${pipeline.url}/v1/watchers/mapped-host`, { key: admin })).status).toBe(204);
    expect((await http('DELETE', `${pipeline.url}/v1/watchers/mapped-host`, { key: admin })).status).toBe(404);
    const afterUnmap = await heartbeat(bucket, 30, 10, code, 2.0);
    expect(afterUnmap.status).toBe(401);
    expect(await score('mapped-user')).toBe(30);

    const unbound = await createApiKey(pipeline.apps.gateway!, ['ingest']);
    const refused = await createBucket('aw-watcher-window_x', 'currentwindow', 'x', unbound);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('not bound to a user');
    expect((await createBucket('aw-watcher-window_x', 'currentwindow', 'x', 'ap_wrong_key')).status).toBe(401);
    const reader = await createApiKey(pipeline.apps.gateway!, ['read'], 'reader');
    expect((await createBucket('aw-watcher-window_x', 'currentwindow', 'x', reader)).status).toBe(403);
  });

  it('answers bad watcher input with 400s naming the field and unknown buckets with 404', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest'], 'strict-user');
    const bucket = 'aw-watcher-window_strict';
    await createBucket(bucket, 'currentwindow', 'strict', key);
    const noPulse = await aw('POST', `/buckets/${bucket}/heartbeat`, { key, body: { timestamp: at(0), duration: 0, data: code } });
    expect(noPulse).toMatchObject({ status: 400, body: { message: 'pulsetime must be given as a number of seconds >= 0 (query parameter)', field: 'pulsetime' } });
    expect(await aw('POST', `/buckets/${bucket}/heartbeat?pulsetime=1`, { key, body: { timestamp: '2026-02-30T09:00:00.000000+00:00', data: code } })).toMatchObject({
      status: 400,
      body: { message: `event.timestamp ${NOT_A_REAL_TIME}`, field: 'event.timestamp' },
    });
    expect((await aw('POST', `/buckets/${bucket}/heartbeat?pulsetime=1`, { key, body: { timestamp: 'now', data: code } })).body.message).toBe(
      'event.timestamp must be an ISO-8601 time with an offset (e.g. 2026-11-22T09:30:00.000000+00:00)',
    );
    expect((await heartbeat(bucket, 0, 1, { title: 'no app' }, 1, key)).body).toMatchObject({ statusCode: 400, message: 'event.data.app must be a non-empty string' });
    // The valid events of a list with bad ones are stored (here 2 s); every bad one is listed.
    const mixed = await aw('POST', `/buckets/${bucket}/events`, {
      key,
      body: [{ timestamp: at(0), duration: 1, data: code }, { timestamp: at(1), duration: -1, data: code }, { timestamp: at(2), duration: 1, data: code }, { timestamp: 'now', data: code }],
    });
    expect(mixed).toMatchObject({
      status: 400,
      body: {
        message: 'events[1].duration must be a number of seconds >= 0; the other 2 of 4 events were stored',
        field: 'events[1].duration',
        details: { stored: 2, rejected: [{ index: 1, field: 'events[1].duration' }, { index: 3, field: 'events[3].timestamp' }] },
      },
    });
    await waitFor(async () => (await score('strict-user')) === 2, 'the valid events of the list with bad ones');
    expect((await aw('POST', `/buckets/${bucket}/events`, { key, body: [{ timestamp: at(1), duration: -1, data: code }] })).body).toMatchObject({
      message: 'events[0].duration must be a number of seconds >= 0',
      details: { stored: 0 },
    });
    expect((await aw('POST', '/buckets/nope', { key, body: { client: 'c' } })).body.message).toBe('type must be a non-empty string of at most 128 characters');
    const unknown = await heartbeat('aw-watcher-window_unknown', 0, 1, code, 1, key);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('bucket "aw-watcher-window_unknown" does not exist');
    // The path parameter not found is named, as every 404 of a route with one (README, "HTTP API"); until 2026-11-25 none was.
    expect(unknown.body.field).toBe('bucketId');
    const inserted = await aw('POST', `/buckets/${bucket}/events`, { key, body: [{ timestamp: at(0), duration: 4, data: code }] });
    expect(inserted.body).toEqual([{ timestamp: new Date(T0).toISOString(), duration: 4, data: code }]);
    await waitFor(async () => (await score('strict-user')) === 4, 'inserted events counted');
    // One stored is said in the singular (it read "the other 1 of 2 events were stored").
    expect((await aw('POST', `/buckets/${bucket}/events`, { key, body: [{ timestamp: at(10), duration: 1, data: code }, { timestamp: at(11), duration: -1, data: code }] })).body.message).toBe(
      'events[1].duration must be a number of seconds >= 0; the other 1 of 2 events was stored',
    );
  });
});
