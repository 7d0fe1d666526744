import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, launchApp, startNats, terminate } from '../../tools/infra/src';
import { configEnv, testConfig, waitFor } from '../support/test-config';

const ROOT = resolve(__dirname, '..', '..');

/**
 * launchApp (npm start, chaos, the benches, spawnApp) runs an app from its bundle. It took any 200
 * on the port for the app's readiness: two stacks started at once, the second printed "is up"
 * with URLs pointing at the first's apps while its own had all exited with EADDRINUSE.
 */
describe('launchApp', () => {
  let logDir: string;
  let other: Server | undefined;

  beforeAll(() => {
    logDir = mkdtempSync(join(tmpdir(), 'ap-launch-'));
  });

  afterAll(async () => {
    await new Promise((r) => (other ? other.close(r) : r(undefined)));
    rmSync(logDir, { recursive: true, force: true });
  });

  it('fails with the app EADDRINUSE when another process holds its port, even one answering /health/ready with 200', async () => {
    const port = await freePort();
    other = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
    await new Promise<void>((r) => other!.listen(port, '127.0.0.1', r));
    const log = join(logDir, 'ingestion-taken.log');
    const started = Date.now();
    const launch = launchApp(ROOT, 'ingestion', { ...process.env, ...configEnv(testConfig()) }, port, log);
    await expect(launch).rejects.toThrow(
      new RegExp(`^ingestion exited \\(code 1\\) before it was ready; the end of ${log}:\\n(.*\\n)*  ingestion failed to start: cannot listen on HOST=127\\.0\\.0\\.1 PORT=${port}: listen EADDRINUSE: address already in use 127\\.0\\.0\\.1:${port}$`),
    );
    // At once, not after the 60 s start-up limit.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('fails naming HOST when it cannot listen there (before: "getaddrinfo ENOTFOUND 999.1.1.1" alone)', async () => {
    const port = await freePort();
    const log = join(logDir, 'ingestion-bad-host.log');
    const launch = launchApp(ROOT, 'ingestion', { ...process.env, ...configEnv(testConfig()), HOST: '999.1.1.1' }, port, log);
    await expect(launch).rejects.toThrow(new RegExp(`  ingestion failed to start: cannot listen on HOST=999\\.1\\.1\\.1 PORT=${port}: getaddrinfo ENOTFOUND 999\\.1\\.1\\.1$`));
  });

  it('fails naming NATS_URL and JetStream when its NATS runs without JetStream (before: "failed to start: 503" alone)', async () => {
    const nats = await startNats({ dataDir: join(logDir, 'nats-without-jetstream'), jetStream: false });
    try {
      const log = join(logDir, 'ingestion-no-jetstream.log');
      const launch = launchApp(ROOT, 'ingestion', { ...process.env, ...configEnv(testConfig({ NATS_URL: nats.url })) }, await freePort(), log);
      await expect(launch).rejects.toThrow(
        `  ingestion failed to start: NATS at NATS_URL=${nats.url} has no JetStream (its JetStream API answered 503): start nats-server with -js (--jetstream), or enable JetStream for this account`,
      );
    } finally {
      await nats.stop();
    }
  });

  it('fails naming NATS_URL, its password masked, when NATS refuses the credentials (before: "failed to start: \'Authorization Violation\'" alone)', async () => {
    const nats = await startNats({ dataDir: join(logDir, 'nats-with-auth'), credentials: { user: 'ops', password: 'right' } });
    try {
      const url = nats.url.replace('nats://', 'nats://ops:wrong@');
      const launch = launchApp(ROOT, 'ingestion', { ...process.env, ...configEnv(testConfig({ NATS_URL: url })) }, await freePort(), join(logDir, 'ingestion-nats-auth.log'));
      await expect(launch).rejects.toThrow(`  ingestion failed to start: cannot reach NATS at NATS_URL=${nats.url.replace('nats://', 'nats://ops:***@')}: 'Authorization Violation'`);
    } finally {
      await nats.stop();
    }
  });

  /** The classification app launched against `mongoUrl`, and the first line it logs about the database (within 20 s). */
  function launchClassificationWith(mongoUrl: string): { child: ChildProcess; firstDatabaseLine(): Promise<string> } {
    const env = { ...process.env, ...configEnv(testConfig({ MONGO_URL: mongoUrl })), PORT: '0' };
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'tools', 'bundle', 'launch-app.js'), 'classification'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const firstDatabaseLine = () => waitFor(async () => output.split('\n').find((l) => l.includes('Unable to connect to the database')), 'a line about the database', 20_000, 100);
    return { child, firstDatabaseLine };
  }

  it('logs at once that its MONGO_URL does not answer (before: nothing for ~2 minutes, then the lines it held back)', async () => {
    const { child, firstDatabaseLine } = launchClassificationWith(`mongodb://127.0.0.1:${await freePort()}`);
    try {
      // Each attempt waits 10 s for server selection: the first line comes after it, not after all ten.
      const line = await firstDatabaseLine();
      // The app's own JSON shape (pino's), as every later line: before, Nest's ConsoleLogger wrote { level: "error", message, stack } without the app.
      expect(JSON.parse(line)).toMatchObject({ level: 50, app: 'classification', context: 'MongooseModule', msg: expect.stringContaining('Unable to connect'), err: { stack: expect.stringContaining('ECONNREFUSED') } });
      // The reason in the line itself (before: only in the stack), naming MONGO_URL (before: the reason alone).
      expect(JSON.parse(line)).toMatchObject({ msg: expect.stringMatching(/^Unable to connect to the database\. Message: cannot reach MongoDB at MONGO_URL=mongodb:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED 127\.0\.0\.1:\d+\. Retrying \(1\)\.\.\.$/) });
    } finally {
      await terminate(child);
    }
  });

  it('says that MONGO_URL points at a server that is not MongoDB (before: "connection <monitor> to 127.0.0.1:4222 closed")', async () => {
    const notMongo = `mongodb://${new URL(process.env.NATS_URL!).host}`;
    const { child, firstDatabaseLine } = launchClassificationWith(notMongo);
    try {
      const line = await firstDatabaseLine();
      expect(JSON.parse(line)).toMatchObject({
        msg: `Unable to connect to the database. Message: cannot reach MongoDB at MONGO_URL=${notMongo}: ${new URL(notMongo).host} takes connections but closes them without a MongoDB answer: is it another server's port (NATS, HTTP…)?. Retrying (1)...`,
      });
    } finally {
      await terminate(child);
    }
  });

  it('names each server it connected to by its variable, as configured (before: NATS by its host alone, Mongo and Redis not at all)', async () => {
    const config = testConfig({ REDIS_URL: `${process.env.REDIS_URL}/0`, LOG_LEVEL: 'info' });
    const log = join(logDir, 'leaderboard-connected.log');
    const app = await launchApp(ROOT, 'leaderboard', { ...process.env, ...configEnv(config) }, await freePort(), log);
    try {
      const lines = readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('"connected to '));
      expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(expect.arrayContaining([
        expect.objectContaining({ level: 30, context: 'Nats', msg: 'connected to NATS', NATS_URL: config.NATS_URL, server: expect.any(String) }),
        expect.objectContaining({ level: 30, context: 'Mongo', msg: 'connected to MongoDB', MONGO_URL: config.MONGO_URL, MONGO_DB: config.MONGO_DB }),
        expect.objectContaining({ level: 30, context: 'Redis', msg: 'connected to Redis', REDIS_URL: config.REDIS_URL }),
      ]));
    } finally {
      await terminate(app.process);
    }
  });

  it('serves the watcher API on the main port alone when AW_PORT is PORT, saying so (before: an error asking whether aw-server ran)', async () => {
    const port = await freePort();
    const log = join(logDir, 'gateway-aw-port.log');
    const app = await launchApp(ROOT, 'gateway', { ...process.env, ...configEnv(testConfig({ LOG_LEVEL: 'info' })), AW_PORT: String(port) }, port, log);
    try {
      const lines = readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('AW_PORT'));
      expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
        expect.objectContaining({ level: 30, msg: `AW_PORT is PORT (${port}): the watcher API is served there, under /api/0, with the rest of the API` }),
      ]);
      expect((await fetch(`http://127.0.0.1:${port}/api/0/info`)).status).toBe(200);
    } finally {
      await terminate(app.process);
    }
  });

  it('warns at once of a variable that looks like a misspelt setting (before: ignored without a word, the setting at its default)', async () => {
    const port = await freePort();
    const log = join(logDir, 'ingestion-misspelt.log');
    const app = await launchApp(ROOT, 'ingestion', { ...process.env, ...configEnv(testConfig()), CONSUMER_CONCURENCY: '4' }, port, log);
    try {
      const lines = readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('CONSUMER_CONCURENCY'));
      expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
        expect.objectContaining({ level: 40, app: 'ingestion', msg: 'CONSUMER_CONCURENCY is not a setting (ignored): did you mean CONSUMER_CONCURRENCY?', variable: 'CONSUMER_CONCURENCY', meant: 'CONSUMER_CONCURRENCY' }),
      ]);
    } finally {
      await terminate(app.process);
    }
  });

  it('answers /health/live 200 and /health/ready 503 (starting) while it waits for its servers, and takes no work before it is ready', async () => {
    // Before: nothing listened until the app was ready, so a liveness probe failed all along (a NATS down at boot: restarted over and over).
    const port = await freePort();
    const env = { ...process.env, ...configEnv(testConfig({ NATS_URL: `nats://127.0.0.1:${await freePort()}` })), PORT: String(port) };
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'tools', 'bundle', 'launch-app.js'), 'gateway'], { env, stdio: 'ignore' });
    try {
      const live = await waitFor(() => fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined), '/health/live to answer');
      expect([live.status, await live.json()]).toEqual([200, { status: 'ok', info: {}, error: {}, details: {} }]);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect([ready.status, await ready.json()]).toEqual([503, { status: 'error', info: {}, error: { lifecycle: { status: 'down', message: expect.stringMatching(/^starting for \d+ s: connecting to its servers \(its log names one that does not answer\)$/) } }, details: expect.any(Object) }]);
      const work = await fetch(`http://127.0.0.1:${port}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"events": []}' });
      expect([work.status, work.headers.get('retry-after'), await work.json()]).toEqual([503, '1', { statusCode: 503, error: 'Service Unavailable', message: 'gateway is starting: retry in a moment' }]);
    } finally {
      await terminate(child);
    }
  });

  it('says, as one of its JSON lines, that a fault nothing caught ended it, and exits 1', async () => {
    // A fault on demand: SIGUSR2 rejects a promise no one awaits.
    const fault = join(logDir, 'fault-on-sigusr2.js');
    writeFileSync(fault, "process.on('SIGUSR2', () => void Promise.reject(new Error('a fault nothing caught')));\n");
    const port = await freePort();
    const env = { ...process.env, ...configEnv(testConfig()), PORT: String(port) };
    const child = spawn(process.execPath, ['--require', fault, join(ROOT, 'dist', 'tools', 'bundle', 'launch-app.js'), 'ingestion'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status === 200, 'the app ready');
      child.kill('SIGUSR2');
      expect(await exited).toBe(1);
      // Before: Node's bare stack on stderr, which a log pipeline reading the app's JSON lines did not take for one of them.
      const crash = output.split('\n').filter((line) => line.includes('a fault nothing caught') && line.startsWith('{')).map((line) => JSON.parse(line) as unknown);
      expect(crash).toEqual([expect.objectContaining({ level: 60, app: 'ingestion', msg: 'ingestion crashed (unhandledRejection): a fault nothing caught', err: expect.objectContaining({ stack: expect.stringContaining('Error: a fault nothing caught') }) })]);
    } finally {
      await terminate(child);
    }
  });

  it('resolves once its own app is ready, and closes the channel the app reported on', async () => {
    const port = await freePort();
    const app = await launchApp(ROOT, 'ingestion', { ...process.env, ...configEnv(testConfig()) }, port, join(logDir, 'ingestion.log'));
    try {
      expect(app.process.connected).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    } finally {
      await terminate(app.process);
    }
  });
});

/** Running: neither gone nor a zombie (an orphan's reaper may be slow, or absent in a container). */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * A SIGKILLed `npm start` left its nats-server running on .data (and its apps), and the next start
 * ran a second nats-server on the same JetStream store: servers and apps now die with their launcher.
 */
describe('a launcher killed with SIGKILL', () => {
  it('takes its servers and apps with it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ap-launcher-'));
    const launcher = `
      const infra = require(${JSON.stringify(join(ROOT, 'dist/tools/infra/src'))});
      (async () => {
        const nats = await infra.startNats({ dataDir: ${JSON.stringify(join(dataDir, 'nats'))} });
        const app = await infra.launchApp(${JSON.stringify(ROOT)}, 'ingestion', JSON.parse(process.env.APP_ENV), await infra.freePort(), ${JSON.stringify(join(dataDir, 'ingestion.log'))});
        console.log(JSON.stringify([nats.process.pid, app.process.pid]));
      })();`;
    const env = { ...process.env, ...configEnv(testConfig()) };
    const child = spawn(process.execPath, ['-e', launcher], { env: { ...process.env, APP_ENV: JSON.stringify(env) }, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const pids = JSON.parse(await new Promise<string>((r) => child.stdout!.once('data', (chunk: Buffer) => r(chunk.toString())))) as number[];
      expect(pids.filter(running)).toEqual(pids);
      child.kill('SIGKILL');
      await waitFor(async () => pids.every((pid) => !running(pid)), 'the killed launcher\'s nats-server and app to be gone');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
