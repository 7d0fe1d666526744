import { AppConfig, loadConfig } from '@lib/config';
import { LeaderboardPage } from '@lib/contracts';
import { boardChangedSubject } from '@lib/leaderboard-core';
import { NatsConnectionService } from '@lib/messaging';
import { ApiKeyRepository, AppliedEnvelopeRepository } from '@lib/persistence';
import { orAfter } from '@lib/platform';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { BoardRecomputeService } from '../../apps/leaderboard/src/maintenance/board-recompute.service';
import { http, serverSentEvents } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { configEnv, testConfig, waitFor } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

/**
 * Board-change notices travel on core NATS, fire and forget: one published while a gateway is cut
 * off from NATS reaches nobody there. The gateway reaches NATS through a relay the test cuts, while
 * the leaderboard app stays connected and goes on writing.
 */
describe('a live view on a gateway that lost NATS for a while', () => {
  let config: AppConfig;
  let boards: RunningPipeline;
  let front: RunningPipeline;
  let proxy: TcpProxy;
  let readKey: string;
  const day = '2026-11-20';

  beforeAll(async () => {
    config = testConfig();
    proxy = await startTcpProxy(Number(new URL(config.NATS_URL).port));
    boards = await startPipeline(config, ['leaderboard']);
    front = await startPipeline(loadConfig({ ...configEnv(config), NATS_URL: `nats://127.0.0.1:${proxy.port}` }), ['gateway']);
    readKey = await createApiKey(front.apps.gateway!, ['read']);
  });

  afterAll(async () => {
    await front?.close();
    await boards?.close();
    await proxy?.close();
  });

  it('shows the changes made meanwhile once it is back, without waiting for another change', async () => {
    const abort = new AbortController();
    const response = await fetch(`${front.url}/v1/leaderboards/total/stream?date=${day}&limit=5`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).value).toMatchObject({ periodKey: day, entries: [] });

    await proxy.cut();
    await waitFor(async () => (await http('GET', `${front.url}/health/ready`)).status === 503, 'the gateway to notice NATS is gone');
    await boards.apps.leaderboard!.get(LeaderboardWriterService).write([classifiedEnvelope('cut-off', [{ eventId: 'cut-off', userId: 'ines', startedAt: `${day}T09:00:00Z`, durationSec: 120 }])]);
    await proxy.restore();

    // Before, nothing came: the notice was gone, and the view showed the old board until the next change.
    const next = await orAfter(events.next(), 20_000, () => undefined);
    abort.abort();
    expect(next?.value).toMatchObject({ periodKey: day, entries: [{ rank: 1, userId: 'ines', score: 120 }] });
  });

  it("ends the views of a key revoked while it was cut off, once it is back (the revocation's message never reached it)", async () => {
    const keys = front.apps.gateway!.get(ApiKeyRepository);
    const { id, key } = await keys.create('wall display', ['read']);
    const response = await fetch(`${front.url}/v1/leaderboards/total/stream?date=${day}`, { headers: { 'x-api-key': key } });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).done).toBe(false);

    await proxy.cut();
    await waitFor(async () => (await http('GET', `${front.url}/health/ready`)).status === 503, 'the gateway to notice NATS is gone');
    // Revoked by another gateway instance or the api-key CLI: its message on NATS reaches nobody here.
    expect(await keys.revoke(id)).not.toBeNull();
    await proxy.restore();

    // Before, the stream went on for good: the key's cached copy expires, an open view is never checked again.
    const ended = await orAfter<string>(events.next().then((r) => (r.done ? 'ended' : 'another page')), 20_000, () => 'still open after 20 s');
    expect(ended).toBe('ended');
  });

  it('goes on after a notice it cannot read (any NATS client may publish on the subject)', async () => {
    const quietDay = '2026-11-18';
    const abort = new AbortController();
    const response = await fetch(`${front.url}/v1/leaderboards/total/stream?date=${quietDay}&limit=5`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).value).toMatchObject({ periodKey: quietDay, entries: [] });
    const nats = boards.apps.leaderboard!.get(NatsConnectionService);
    for (const unreadable of ['not json', '{"boards":5}', '{"boards":[null]}']) nats.nc.publish(boardChangedSubject(config.PIPELINE_PREFIX), unreadable);
    await boards.apps.leaderboard!.get(LeaderboardWriterService).write([classifiedEnvelope('after-garbage', [{ eventId: 'after-garbage', userId: 'ines', startedAt: `${quietDay}T10:00:00Z`, durationSec: 30 }])]);

    // Before, the first one threw inside the NATS client's reader, which stopped reading for good:
    // no push, and no answer to any request of the gateway's either.
    const next = await orAfter(events.next(), 20_000, () => undefined);
    abort.abort();
    expect(next?.value).toMatchObject({ periodKey: quietDay, entries: [{ rank: 1, userId: 'ines', score: 30 }] });
    expect((await http('GET', `${front.url}/v1/leaderboards/total?date=${quietDay}`, { key: readKey })).status).toBe(200);
  });
});

/**
 * A change announced while no leaderboard instance answers the gateway's read (the one that wrote
 * it stopped right after, for a deploy): the notice came, the read failed. Another leaderboard app
 * (its own PIPELINE_PREFIX, the same Redis and Mongo) writes the boards without a notice the
 * gateway hears, and the test announces the change as the stopped instance would have.
 */
describe('a live view whose read after a change fails', () => {
  let config: AppConfig;
  let boards: RunningPipeline | undefined;
  let otherWriter: RunningPipeline;
  let front: RunningPipeline;
  let readKey: string;
  const day = '2026-11-19';

  beforeAll(async () => {
    config = testConfig();
    boards = await startPipeline(config, ['leaderboard']);
    otherWriter = await startPipeline(loadConfig({ ...configEnv(config), PIPELINE_PREFIX: `${config.PIPELINE_PREFIX}x` }), ['leaderboard']);
    front = await startPipeline(config, ['gateway']);
    readKey = await createApiKey(front.apps.gateway!, ['read']);
  });

  afterAll(async () => {
    await front?.close();
    await otherWriter?.close();
    await boards?.close();
  });

  it('reads the board again until it gets an answer, and pushes it', async () => {
    const abort = new AbortController();
    const response = await fetch(`${front.url}/v1/leaderboards/total/stream?date=${day}&limit=5`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).value).toMatchObject({ periodKey: day, entries: [] });

    await boards!.close();
    boards = undefined;
    await otherWriter.apps.leaderboard!.get(LeaderboardWriterService).write([classifiedEnvelope('unread', [{ eventId: 'unread', userId: 'olga', startedAt: `${day}T09:00:00Z`, durationSec: 90 }])]);
    const nats = front.apps.gateway!.get(NatsConnectionService);
    nats.nc.publish(boardChangedSubject(config.PIPELINE_PREFIX), JSON.stringify({ boards: [{ board: 'total', period: 'day', periodKey: day }] }));
    await nats.nc.flush();
    // The gateway's read now finds no leaderboard app ("service unavailable"), until this one is up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    boards = await startPipeline(config, ['leaderboard']);

    // Before, the failed read was the end of it: the view kept the empty board until the next change.
    const next = await orAfter(events.next(), 20_000, () => undefined);
    abort.abort();
    expect(next?.value).toMatchObject({ periodKey: day, entries: [{ rank: 1, userId: 'olga', score: 90 }] });
  });
});

/** `leaderboard:rebuild` rewrites boards from the usage logs, outside the writer's path. */
describe('a live view of a board that a rebuild rewrites', () => {
  let pipeline: RunningPipeline;
  let readKey: string;
  const day = '2026-11-17';

  beforeAll(async () => {
    pipeline = await startPipeline(testConfig(), ['gateway', 'leaderboard']);
    readKey = await createApiKey(pipeline.apps.gateway!, ['read']);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('is pushed the rebuilt board', async () => {
    // A usage log recorded as counted whose increments the boards lack: the drift a Redis that lost its data leaves.
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).storeLogs([classifiedEnvelope('drifted', [{ eventId: 'drifted', userId: 'rafa', startedAt: `${day}T08:00:00Z`, durationSec: 45 }])]);
    await pipeline.apps.leaderboard!.get(AppliedEnvelopeRepository).markApplied(['drifted']);
    const abort = new AbortController();
    const response = await fetch(`${pipeline.url}/v1/leaderboards/total/stream?date=${day}&limit=5`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).value).toMatchObject({ periodKey: day, entries: [] });

    expect(await pipeline.apps.leaderboard!.get(BoardRecomputeService).rebuild({ from: day, to: day, periods: ['day'] })).toEqual({ boards: 4, entries: 4 });

    // Before, the view went on showing the drifted board until the next change on it.
    const next = await orAfter(events.next(), 20_000, () => undefined);
    abort.abort();
    expect(next?.value).toMatchObject({ periodKey: day, entries: [{ rank: 1, userId: 'rafa', score: 45 }] });
  });
});

/**
 * A notice lost with every connection up (a route between clustered NATS servers down for a while,
 * a notice dropped for a slow consumer): nothing tells the gateway. Another leaderboard app (its own
 * PIPELINE_PREFIX, the same Redis and Mongo) writes the change, and its notice goes where no gateway listens.
 */
describe('a live view whose change notice was lost on the way', () => {
  let config: AppConfig;
  let boards: RunningPipeline;
  let otherWriter: RunningPipeline;
  let readKey: string;
  const day = '2026-11-16';

  beforeAll(async () => {
    config = testConfig({ LIVE_RECONCILE_SEC: '2' });
    boards = await startPipeline(config, ['gateway', 'leaderboard']);
    otherWriter = await startPipeline(loadConfig({ ...configEnv(config), PIPELINE_PREFIX: `${config.PIPELINE_PREFIX}x` }), ['leaderboard']);
    readKey = await createApiKey(boards.apps.gateway!, ['read']);
  });

  afterAll(async () => {
    await otherWriter?.close();
    await boards?.close();
  });

  it('shows the board as it is within LIVE_RECONCILE_SEC, and pushes nothing while it stays so', async () => {
    const abort = new AbortController();
    const response = await fetch(`${boards.url}/v1/leaderboards/total/stream?date=${day}&limit=5`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).value).toMatchObject({ periodKey: day, entries: [] });

    await otherWriter.apps.leaderboard!.get(LeaderboardWriterService).write([classifiedEnvelope('lost', [{ eventId: 'lost', userId: 'pia', startedAt: `${day}T09:00:00Z`, durationSec: 75 }])]);

    // Before, the view showed the empty board until the next change it heard of.
    const next = await orAfter(events.next(), 20_000, () => undefined);
    expect(next?.value).toMatchObject({ periodKey: day, entries: [{ rank: 1, userId: 'pia', score: 75 }] });
    // Reconciling reads the board every 2 s here; an unchanged page is not sent again.
    const again = await orAfter(events.next(), 5_000, () => undefined);
    abort.abort();
    expect(again).toBeUndefined();
  });
});
