import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { failureReport, readCommandLine } from '../../libs/command-line/src/command-line';
// The file, not the @lib/config index: that one loads Nest, which start-up does not need.
import { processStartTicks, removeRunningStack, RUNNING_STACK_SETTINGS, writeRunningStack } from '../../libs/config/src/running-stack';
import { loadConfig } from '../../libs/config/src/app-config';
import { APP_NAMES, AppName, AppProcess, freePort, launchApp, LocalServer, startFerretDb, startNats, startRedis, terminate, waitForPort } from '../infra/src';
import { appStopGraceMs, instanceCounts, localMongoNotes, serversLine, stackEnvironment, stackUpText } from './start-command';
import { acquireStackLock, StackLock } from './stack-lock';

/**
 * `npm start`: the servers (unless NATS_URL / REDIS_URL / MONGO_URL point elsewhere) and every
 * app, instance counts from flags (`--classification 2`), logs in .data/logs, dev key printed.
 * Refuses to start while another start of this checkout runs (.data/stack.lock); once up, writes
 * .data/stack.json (libs/config/src/running-stack.ts). Ctrl-C stops the apps (SIGTERM: they
 * drain), then the servers.
 */
const APPS = APP_NAMES;
const BASE_PORT: Record<AppName, number> = { gateway: 3000, ingestion: 3101, classification: 3201, inference: 3301, leaderboard: 3401 };

const root = resolve(__dirname, '..', '..', '..');
const dataDir = join(root, '.data');
const servers: LocalServer[] = [];
/** Every app launch, ready or not: stop() waits for each to settle and stops those that started. */
const launches: Promise<AppProcess>[] = [];
let lock: StackLock | undefined;
/** How long a stop waits for each app before it kills it (appStopGraceMs), once the apps' config is read. */
let stopGraceMs = appStopGraceMs(0);

async function someoneListens(port: number): Promise<boolean> {
  try {
    await waitForPort(port, 0);
    return true;
  } catch {
    return false;
  }
}

async function portOr(preferred: number): Promise<number> {
  return (await someoneListens(preferred)) ? freePort() : preferred;
}

// Before anything starts: --help prints the usage (exit 0), a bad option its reason and the usage (exit 2).
const counts = readCommandLine('npm start', () => instanceCounts(process.argv.slice(2)));

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(dataDir, { recursive: true });
  lock = acquireStackLock(dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const env = stackEnvironment(process.env as Record<string, string>);

  const step = (text: string) => process.stdout.write(`• ${text}\n`);
  if (!env.NATS_URL) {
    const s = await startNats({ dataDir: join(dataDir, 'nats'), port: await portOr(4222) });
    servers.push(s);
    env.NATS_URL = s.url;
  }
  if (!env.REDIS_URL) {
    const s = await startRedis({ dataDir: join(dataDir, 'redis'), port: await portOr(6379), appendOnly: true });
    servers.push(s);
    env.REDIS_URL = s.url;
  }
  const localMongo = !env.MONGO_URL;
  if (!env.MONGO_URL) {
    const s = await startFerretDb({ dataDir: join(dataDir, 'mongo'), port: await portOr(27017) });
    servers.push(s);
    env.MONGO_URL = s.url;
  }
  step(serversLine(env));

  const keyFile = join(dataDir, 'dev-api-key');
  execFileSync(process.execPath, [join(root, 'dist/apps/gateway/src/cli/api-key.cli.js'), 'ensure-dev', '--file', keyFile], { env, stdio: 'inherit' });

  // The gateway only warns in its log when AW_PORT is taken (aw-server running): say it here.
  const { AW_PORT: awPort, SHUTDOWN_GRACE_SEC, SHUTDOWN_DELAY_SEC } = loadConfig(env);
  // The drain's grace begins once the delay is over.
  stopGraceMs = appStopGraceMs(SHUTDOWN_DELAY_SEC + SHUTDOWN_GRACE_SEC);
  const watchers = { port: awPort, taken: awPort !== 0 && (await someoneListens(awPort)) };
  for (const app of APPS) {
    for (let i = 0; i < counts[app]; i++) {
      const port = await portOr(BASE_PORT[app] + i * (app === 'gateway' ? 10 : 1));
      const name = counts[app] > 1 ? `${app}-${i + 1}` : app;
      launches.push(launchApp(root, app, env, port, join(dataDir, 'logs', `${name}.log`), name));
    }
  }
  // An app that exits before it is ready (its port taken meanwhile) fails the start: stop() then stops the rest.
  const apps = await Promise.all(launches);
  for (const launched of apps) {
    launched.process.once('exit', (code, signal) => {
      if (!stopping) process.stderr.write(`! ${launched.name} exited (${signal ?? code}); see .data/logs/${launched.name}.log\n`);
    });
  }
  const gateway = `http://127.0.0.1:${apps.find((a) => a.name.startsWith('gateway'))!.port}`;
  writeRunningStack(dataDir, {
    pid: process.pid,
    startedAt: new Date(started).toISOString(),
    startTicks: processStartTicks(process.pid),
    env: { NATS_URL: env.NATS_URL, MONGO_URL: env.MONGO_URL, REDIS_URL: env.REDIS_URL, GATEWAY_URL: gateway },
    // Those given: a tool beside the stack then reads the apps' data where they keep it.
    settings: Object.fromEntries(Object.keys(RUNNING_STACK_SETTINGS).flatMap((name) => (env[name] ? [[name, env[name]]] : []))),
  });
  process.stdout.write(
    stackUpText({ startedMs: Date.now() - started, gateway, apps: apps.map(({ name, port }) => ({ name, port })), apiKey: readFileSync(keyFile, 'utf8').trim(), watchers, notes: localMongoNotes(counts, localMongo) }),
  );
}

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Only a start that holds the lock wrote stack.json; a refused one leaves everything as it was.
    if (lock) removeRunningStack(dataDir);
    const apps = (await Promise.allSettled(launches)).flatMap((launch) => (launch.status === 'fulfilled' ? [launch.value] : []));
    if (apps.length > 0) {
      process.stdout.write('\nstopping apps (draining in-flight work)…\n');
      await Promise.all(
        apps.map(async ({ name, process: c }) => {
          if (await terminate(c, stopGraceMs)) process.stderr.write(`! ${name} did not exit within ${stopGraceMs / 1000} s: killed; see .data/logs/${name}.log\n`);
        }),
      );
    }
    if (servers.length > 0) {
      process.stdout.write('stopping servers…\n');
      for (const s of servers.reverse()) await s.stop();
    }
    lock?.release();
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// A closed terminal: stopped as on Ctrl-C (by default it died at once: its servers killed by their tie, .data/stack.json left behind).
process.on('SIGHUP', () => void stop(0));
main().catch(async (error: Error) => {
  process.stderr.write(`${failureReport('npm start', error)}\n`);
  await stop(1);
});
