import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect as connectTcp, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { connect, NatsConnection } from 'nats';
import { WebSocket } from 'ws';
import { AppConfig } from '@lib/config';
import { pipelineNames } from '@lib/contracts';
import { freePort, launchApp, LocalServer, startFerretDb, terminate } from '../../tools/infra/src';
import { startPrivateRedis } from '../support/private-redis';
import { runCli } from '../support/run-cli';
import { configEnv, testConfig, waitFor } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

const ROOT = resolve(__dirname, '..', '..');

/** The app's JSON log lines that carry `msg`. */
function logLines(file: string): Array<{ level: number; msg: string; [field: string]: unknown }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((line) => typeof line.msg === 'string');
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
}

/**
 * SIGTERM to an app (README guarantee 6): it says it is stopping, finishes or hands back its work
 * and exits, within SHUTDOWN_GRACE_SEC even when a batch waits on a hung Mongo. Before
 * 2026-11-25 nothing was logged, and a leaderboard whose FerretDB was frozen took 31 s to exit
 * (the driver's monitor timeout), past the 10 s Docker and the 15 s npm start give it.
 */
describe('an app stopped by SIGTERM', () => {
  let dir: string;
  let mongo: LocalServer;
  let nats: NatsConnection;
  let config: AppConfig;
  const apps: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ap-shutdown-'));
    // A FerretDB of its own, to freeze without touching the other tests'.
    mongo = await startFerretDb({ dataDir: join(dir, 'mongo') });
    config = testConfig({ MONGO_URL: mongo.url, LOG_LEVEL: 'info', SHUTDOWN_GRACE_SEC: '3' });
    nats = await connect({ servers: config.NATS_URL });
  });

  afterAll(async () => {
    mongo.process.kill('SIGCONT');
    await Promise.all(apps.map((app) => terminate(app)));
    await nats?.close();
    await mongo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const launchLeaderboard = async (log: string) => {
    const app = await launchApp(ROOT, 'leaderboard', { ...process.env, ...configEnv(config) }, await freePort(), log);
    apps.push(app.process);
    return app;
  };
  const usageLogs = async () => {
    const client = await MongoClient.connect(mongo.url);
    try {
      return await client.db(config.MONGO_DB).collection('usage_logs').countDocuments();
    } finally {
      await client.close();
    }
  };

  it('says it is stopping and that it stopped, and exits with code 0', async () => {
    const log = join(dir, 'idle.log');
    const app = await launchLeaderboard(log);
    app.process.kill('SIGTERM');
    expect(await exited(app.process)).toEqual({ code: 0, signal: null });
    const lines = logLines(log).map(({ level, msg }) => ({ level, msg }));
    expect(lines).toEqual(expect.arrayContaining([
      { level: 30, msg: 'leaderboard stopping (SIGTERM): finishing in-flight work' },
      { level: 30, msg: 'leaderboard stopped' },
    ]));
  });

  it('stops on SIGHUP as on SIGTERM, saying so (a closed terminal, `kill -HUP`): before, Node\'s default ended it at once without a word', async () => {
    const log = join(dir, 'hangup.log');
    const app = await launchLeaderboard(log);
    app.process.kill('SIGHUP');
    expect(await exited(app.process)).toEqual({ code: 0, signal: null });
    expect(logLines(log).map(({ level, msg }) => ({ level, msg }))).toEqual(expect.arrayContaining([
      { level: 30, msg: 'leaderboard stopping (SIGHUP): finishing in-flight work' },
      { level: 30, msg: 'leaderboard stopped' },
    ]));
  });

  it('answers /health/ready 503 (stopping) from the start of its drain, and /health/live 200 until it exits', async () => {
    // A Redis that takes no writes (it still answers PING) holds the leaderboard's batch, and so its drain, till SHUTDOWN_GRACE_SEC: its servers all answer.
    const redis = await startPrivateRedis('shutdown');
    const client = new Redis(redis.url);
    try {
      // Streams and a database of its own: the event it leaves half written is not the other tests'.
      const own = testConfig({ MONGO_URL: mongo.url, REDIS_URL: redis.url, LOG_LEVEL: 'info', SHUTDOWN_GRACE_SEC: '3' });
      const log = join(dir, 'draining.log');
      const app = await launchApp(ROOT, 'leaderboard', { ...process.env, ...configEnv(own) }, await freePort(), log);
      apps.push(app.process);
      await client.call('CLIENT', 'PAUSE', '60000', 'WRITE');
      const envelope = classifiedEnvelope('shutdown-draining', [{ eventId: 'sd-1', userId: 'sam', startedAt: '2026-11-20T09:00:00Z', durationSec: 60 }]);
      await nats.jetstream().publish(pipelineNames(own.PIPELINE_PREFIX).subjects.classified('live'), JSON.stringify(envelope), { msgID: envelope.id });
      await waitFor(async () => /^ap_stage_batch_messages_count\{[^}]*stage="leaderboard"[^}]*\} 1$/m.test(await (await fetch(`http://127.0.0.1:${app.port}/metrics`)).text()), 'the batch in the handler');
      app.process.kill('SIGTERM');
      await waitFor(async () => logLines(log).some(({ msg }) => msg === 'leaderboard stopping (SIGTERM): finishing in-flight work'), 'the stopping line');
      // Before: 200 (nats, mongo and redis up), and a load balancer kept sending work to an app on its way out.
      const ready = await fetch(`http://127.0.0.1:${app.port}/health/ready`);
      expect([ready.status, await ready.json()]).toEqual([503, expect.objectContaining({ status: 'error', error: { lifecycle: { status: 'down', message: 'stopping (SIGTERM): finishing in-flight work' } } })]);
      expect((await fetch(`http://127.0.0.1:${app.port}/health/live`)).status).toBe(200);
      expect(await exited(app.process)).toEqual({ code: 1, signal: null });
    } finally {
      await client.call('CLIENT', 'UNPAUSE').catch(() => undefined);
      client.disconnect();
      await redis.stop();
    }
  }, 60_000);

  /** A POST /graphql on its own connection, its body cut short: what the gateway answers once the rest is sent, and when the connection closes. */
  const startGraphqlRequest = async (port: number) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.on('error', () => undefined);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const body = JSON.stringify({ query: '{ __typename }' });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
    return { finish: () => socket.write(body.slice(5)), closed, answer: () => answer };
  };

  it('closes a keep-alive connection once the answer it was sending when the stop began is sent, and exits 0 (the gateway)', async () => {
    const log = join(dir, 'keep-alive.log');
    const app = await launchApp(ROOT, 'gateway', { ...process.env, ...configEnv(config) }, await freePort(), log);
    apps.push(app.process);
    // A request whose body is still coming when the stop begins.
    const request = await startGraphqlRequest(app.port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    app.process.kill('SIGTERM');
    // The port closed: the stop waits for the connections still open, this one among them.
    const refused = () => new Promise<boolean>((resolve) => connectTcp(app.port, '127.0.0.1').once('connect', function (this: Socket) { this.destroy(); resolve(false); }).once('error', () => resolve(true)));
    await waitFor(refused, 'the port closed');
    request.finish();
    // The HTTP drain closes each connection once its answer is sent: the 65 s keep-alive (HTTP_KEEP_ALIVE_SEC) does not hold the stop past SHUTDOWN_GRACE_SEC.
    await request.closed;
    expect(request.answer()).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\{"data":\{"__typename":"Query"\}\}\n?$/);
    expect(await exited(app.process)).toEqual({ code: 0, signal: null });
  });

  it('says Connection: close in the answer it was preparing when the stop began, so a keep-alive client sends its next request elsewhere (the gateway)', async () => {
    const log = join(dir, 'keep-alive-answer.log');
    const app = await launchApp(ROOT, 'gateway', { ...process.env, ...configEnv(config) }, await freePort(), log);
    apps.push(app.process);
    const request = await startGraphqlRequest(app.port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    app.process.kill('SIGTERM');
    await waitFor(async () => logLines(log).some(({ msg }) => msg === 'gateway stopping (SIGTERM): finishing in-flight work'), 'the stopping line');
    request.finish();
    await request.closed;
    // Before: no Connection header, and the drain ended the connection right after the answer: a
    // client (Node's http.Agent under load) had its next request already on the way, and got
    // ECONNRESET for a request the gateway had accepted.
    expect(request.answer()).toMatch(/^HTTP\/1\.1 200 OK\r\n(?:[^\r\n]+\r\n)*Connection: close\r\n/i);
    expect(await exited(app.process)).toEqual({ code: 0, signal: null });
  });

  it('answers a request that comes on a connection opened just before the stop, with Connection: close, instead of taking it and cutting the connection (the gateway)', async () => {
    const log = join(dir, 'fresh-connection.log');
    const app = await launchApp(ROOT, 'gateway', { ...process.env, ...configEnv(config) }, await freePort(), log);
    apps.push(app.process);
    // A client (a proxy without keep-alive) has connected, its request on the way.
    const socket = connectTcp(app.port, '127.0.0.1');
    socket.on('error', () => undefined);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    app.process.kill('SIGTERM');
    await waitFor(async () => logLines(log).some(({ msg }) => msg === 'gateway stopping (SIGTERM): finishing in-flight work'), 'the stopping line');
    const body = JSON.stringify({ query: '{ __typename }' });
    socket.write(`POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    await closed;
    // Before: the drain ended the connection at once, the request came all the same and was
    // handled (events stored), and its answer went nowhere: ECONNRESET, or nothing at all.
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n(?:[^\r\n]+\r\n)*Connection: close\r\n[^]*\{"data":\{"__typename":"Query"\}\}\n?$/i);
    expect(await exited(app.process)).toEqual({ code: 0, signal: null });
  });

  it('keeps its port open and serving for SHUTDOWN_DELAY_SEC, /health/ready 503 meanwhile, before it drains: a load balancer probing it takes it out before it refuses connections (the gateway)', async () => {
    const log = join(dir, 'delay.log');
    const own = testConfig({ MONGO_URL: mongo.url, LOG_LEVEL: 'info', SHUTDOWN_DELAY_SEC: '2' });
    const app = await launchApp(ROOT, 'gateway', { ...process.env, ...configEnv(own) }, await freePort(), log);
    apps.push(app.process);
    app.process.kill('SIGTERM');
    await waitFor(async () => logLines(log).some(({ msg }) => msg === 'gateway stopping (SIGTERM): finishing in-flight work'), 'the stopping line');
    // Before: the port closed at once, so a probe (on a new connection, as a load balancer's) was refused and never saw the 503.
    const ready = await fetch(`http://127.0.0.1:${app.port}/health/ready`, { headers: { connection: 'close' } });
    expect([ready.status, await ready.json()]).toEqual([503, expect.objectContaining({ error: { lifecycle: { status: 'down', message: 'stopping (SIGTERM): finishing in-flight work' } } })]);
    const served = await fetch(`http://127.0.0.1:${app.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect([served.status, await served.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
    expect(await exited(app.process)).toEqual({ code: 0, signal: null });
    expect(logLines(log).filter(({ level }) => level >= 40).map(({ msg }) => msg)).toEqual([]);
  });

  it('lets a request finish for as long as SHUTDOWN_GRACE_SEC allows, past the 10 s Apollo cut it at before (the gateway)', async () => {
    const log = join(dir, 'long-grace.log');
    const own = testConfig({ MONGO_URL: mongo.url, LOG_LEVEL: 'info', SHUTDOWN_GRACE_SEC: '14' });
    const app = await launchApp(ROOT, 'gateway', { ...process.env, ...configEnv(own) }, await freePort(), log);
    apps.push(app.process);
    const request = await startGraphqlRequest(app.port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    app.process.kill('SIGTERM');
    await waitFor(async () => logLines(log).some(({ msg }) => msg === 'gateway stopping (SIGTERM): finishing in-flight work'), 'the stopping line');
    // Past Apollo's fixed 10 s, well within the 13 s this grace leaves requests.
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    request.finish();
    await request.closed;
    expect(request.answer()).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\{"data":\{"__typename":"Query"\}\}\n?$/);
    expect(await exited(app.process)).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('cuts a request still open as SHUTDOWN_GRACE_SEC ends, saying so, and exits 0 (the gateway)', async () => {
    const log = join(dir, 'short-grace.log');
    const own = testConfig({ MONGO_URL: mongo.url, LOG_LEVEL: 'info', SHUTDOWN_GRACE_SEC: '2' });
    const app = await launchApp(ROOT, 'gateway', { ...process.env, ...configEnv(own) }, await freePort(), log);
    apps.push(app.process);
    const request = await startGraphqlRequest(app.port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    app.process.kill('SIGTERM');
    // Before: the process exited at 2 s with code 1, saying it "did not stop" as if a dependency hung, Apollo's drain waiting its 10 s.
    await request.closed;
    expect(await exited(app.process)).toEqual({ code: 0, signal: null });
    expect(logLines(log).filter(({ level }) => level >= 40).map(({ msg }) => msg)).toEqual([
      'gateway cut 1 HTTP request still open 1.5 s into its stop (SHUTDOWN_GRACE_SEC 2 s, less what closing its connections needs)',
    ]);
  }, 60_000);

  it('ends its live views (an SSE stream, a GraphQL subscription) as it stops, closing the WebSocket itself, and cuts nothing (the gateway)', async () => {
    const log = join(dir, 'live-views.log');
    const own = testConfig({ MONGO_URL: mongo.url, LOG_LEVEL: 'info', SHUTDOWN_GRACE_SEC: '20' });
    const env = { ...process.env, ...configEnv(own) };
    const created = await runCli(join(ROOT, 'dist', 'apps', 'gateway', 'src', 'cli', 'api-key.cli.js'), ['create', '--name', 'live', '--scopes', 'read'], { env });
    expect(created).toMatchObject({ status: 0 });
    const { key } = JSON.parse(created.stdout) as { key: string };
    // The first page of a view is the leaderboard app's answer.
    const [app, leaderboard] = await Promise.all([launchApp(ROOT, 'gateway', env, await freePort(), log), launchApp(ROOT, 'leaderboard', env, await freePort())]);
    apps.push(app.process, leaderboard.process);
    const stream = await fetch(`http://127.0.0.1:${app.port}/v1/leaderboards/total/stream?date=2026-11-21`, { headers: { 'x-api-key': key } });
    expect(stream.status).toBe(200);
    const streamEnded = stream.text().then(() => 'ended', () => 'cut');
    const socket = new WebSocket(`ws://127.0.0.1:${app.port}/graphql`, 'graphql-transport-ws');
    const messages: Array<{ type: string }> = [];
    const closedWith = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': key } }));
    await waitFor(async () => messages.some(({ type }) => type === 'connection_ack'), 'connection_ack');
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { leaderboardChanged(board: "total", date: "2026-11-21") { board } }' } }));
    await waitFor(async () => messages.some(({ type }) => type === 'next'), 'the first page');
    app.process.kill('SIGTERM');
    // 1001 (going away) from the subscription server: the drain did not hold the stop until its deadline, where the socket is cut (1006).
    expect(await closedWith).toBe(1001);
    expect(await streamEnded).toBe('ended');
    expect(await exited(app.process)).toEqual({ code: 0, signal: null });
    expect(logLines(log).filter(({ level }) => level >= 40).map(({ msg }) => msg)).toEqual([]);
  }, 60_000);

  it('stops, saying so, while it still waits for its NATS (before: a container\'s PID 1 would have had no handler)', async () => {
    const env = { ...process.env, ...configEnv(config), NATS_URL: `nats://127.0.0.1:${await freePort()}`, PORT: '0' };
    const app = spawn(process.execPath, [join(ROOT, 'dist', 'tools', 'bundle', 'launch-app.js'), 'leaderboard'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    apps.push(app);
    let output = '';
    app.stdout.on('data', (chunk) => (output += chunk));
    app.stderr.on('data', (chunk) => (output += chunk));
    // Nest's modules are up (Mongo connected): what is left is the wait for NATS.
    await waitFor(async () => output.includes('Nest application successfully started'), 'the app waiting for NATS');
    app.kill('SIGTERM');
    expect(await exited(app)).toEqual({ code: 0, signal: null });
    expect(output.split('\n').filter((line) => line.includes('before it was ready')).map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ level: 40, app: 'leaderboard', msg: 'leaderboard stopped (SIGTERM) before it was ready' }),
    ]);
  });

  it('exits within SHUTDOWN_GRACE_SEC while a batch waits on a frozen Mongo, saying so, and the batch is stored once by the next instance', async () => {
    const log = join(dir, 'frozen.log');
    const app = await launchLeaderboard(log);
    mongo.process.kill('SIGSTOP');
    const envelope = classifiedEnvelope('shutdown-frozen', [{ eventId: 'sf-1', userId: 'sam', startedAt: '2026-11-20T09:00:00Z', durationSec: 60 }]);
    const names = pipelineNames(config.PIPELINE_PREFIX);
    await nats.jetstream().publish(names.subjects.classified('live'), JSON.stringify(envelope), { msgID: envelope.id });
    // A batch's size is observed as its handler begins: the batch is in it, its writes waiting on the frozen server.
    await waitFor(async () => /^ap_stage_batch_messages_count\{[^}]*stage="leaderboard"[^}]*\} 1$/m.test(await (await fetch(`http://127.0.0.1:${app.port}/metrics`)).text()), 'the batch in the handler');
    app.process.kill('SIGTERM');
    // A second signal (Ctrl-C reaches npm start's apps besides its SIGTERM) does not cut the drain short.
    await waitFor(async () => logLines(log).some(({ msg }) => msg.includes('stopping (SIGTERM)')), 'the stopping line');
    app.process.kill('SIGINT');
    expect(await exited(app.process)).toEqual({ code: 1, signal: null });
    expect(logLines(log).filter(({ level }) => level >= 30).map(({ msg }) => msg)).toEqual(expect.arrayContaining([
      'leaderboard stopping (SIGTERM): finishing in-flight work',
      'leaderboard did not stop within 3 s (SHUTDOWN_GRACE_SEC): exiting now; what it had not acked is delivered again after ACK_WAIT_SEC',
    ]));
    mongo.process.kill('SIGCONT');
    await launchLeaderboard(join(dir, 'next.log'));
    expect(await waitFor(async () => (await usageLogs()) > 0 && usageLogs(), 'the event stored', 40_000, 250)).toBe(1);
  }, 90_000);
});
