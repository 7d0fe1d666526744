import { DynamicModule, INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AddressInfo } from 'node:net';
import { AppConfig, misspeltVariables, misspeltVariableWarning } from '@lib/config';
import { startMessaging } from '@lib/messaging';
import { ServiceLifecycle } from '@lib/observability';
import { BootLogger } from './boot-logger';
import { HttpDrain } from './http-drain';
import { sendListeningNotice } from './listening-notice';
import { StartupListener } from './startup-listener';

export interface ServiceOptions {
  /** App name: NATS connection name, queue group and log field. */
  name: string;
  /** Extra HTTP setup (body limits, OpenAPI, static files) before listening. */
  configure?: (app: INestApplication, config: AppConfig) => void | Promise<void>;
  /** false: Nest registers no body parsers (JSON and urlencoded); `configure` registers its own. Default true. */
  bodyParser?: boolean;
}

/**
 * Boots one of the pipeline's apps: JSON logs, graceful shutdown on SIGTERM/SIGINT/SIGHUP (stopOnSignals),
 * its port at once (StartupListener: live, and not ready, while it connects), messaging, then
 * HTTP (health, metrics…) served by Nest.
 */
export async function runService(loadAppConfig: () => AppConfig, moduleFor: (config: AppConfig) => DynamicModule, options: ServiceOptions): Promise<void> {
  const started = Date.now();
  warnMisspeltVariables(options.name);
  let app: INestApplication | undefined;
  // From the start: an app waiting for its NATS is stopped as well, also as a container's PID 1, which ignores a signal it has no handler for.
  stopOnSignals(() => app, options.name);
  exitOnFault(options.name);
  try {
    const config = loadAppConfig();
    const startup = new StartupListener(options.name);
    HttpDrain.of(startup.server);
    // Before anything connects: a taken port fails the start at once, and probes get an answer while the servers are awaited.
    await startup.listen(config.PORT, config.HOST);
    app = await createService(moduleFor(config), options, startup);
    await app.listen(config.PORT, config.HOST);
    sendListeningNotice((app.getHttpServer().address() as AddressInfo).port);
    const url = await app.getUrl();
    new Logger(options.name).log({ msg: `${options.name} ready`, url, startupMs: Date.now() - started });
  } catch (error) {
    // Fail fast with the reason on one line (a bad variable, an unreachable server).
    process.stderr.write(`${options.name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/**
 * One warning per variable that looks like a setting it is not (`MONGO_URI`), in the app's JSON
 * shape and before anything connects: an unknown name is ignored, and the setting it meant kept
 * its default without a word.
 */
function warnMisspeltVariables(name: string): void {
  const misspelt = misspeltVariables(process.env);
  if (misspelt.length === 0) return;
  const logger = new BootLogger(name);
  for (const variable of misspelt) logger.warn({ msg: misspeltVariableWarning(variable), ...variable }, 'Config');
}

/**
 * SIGTERM, SIGINT or SIGHUP turns /health/ready to 503, serves on for SHUTDOWN_DELAY_SEC (0 by default), then closes the app (consumers stop pulling, hand back unstarted messages and
 * finish and ack in-flight batches; requests being served finish, those still open a moment before
 * SHUTDOWN_GRACE_SEC are cut, saying how many: HttpDrain), saying so,
 * then exits with code 0. One that has not stopped within SHUTDOWN_GRACE_SEC (a
 * batch waiting on a hung Mongo) exits with code 1 and says what happens to its unacked work.
 * Before, Nest's shutdown hooks logged nothing, and a frozen Mongo held a leaderboard 31 s.
 */
function stopOnSignals(currentApp: () => INestApplication | undefined, name: string): void {
  // SIGHUP too (a closed terminal, `kill -HUP`): there is nothing to reload, and Node's default
  // ended the app at once without a line in its log (nohup does not help: Node resets the signal).
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  let stopping = 0;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal (Ctrl-C reaches the apps of `npm start` along with its own SIGTERM) would end the drain by default: the grace bounds it instead.
    if (stopping) return;
    stopping = Date.now();
    const app = currentApp();
    if (!app) {
      // Still starting (waiting for a server, or its consumers just starting): nothing is acked
      // unwritten; what a consumer started in these last moments holds is delivered again after ACK_WAIT_SEC.
      new BootLogger(name).warn({ msg: `${name} stopped (${signal}) before it was ready` });
      process.exit(0);
    }
    // /health/ready answers 503 from now on (liveness stays 200): a load balancer sends no more work here.
    app.get(ServiceLifecycle).stopping(signal);
    const logger = new Logger(name);
    const { SHUTDOWN_GRACE_SEC: graceSec, SHUTDOWN_DELAY_SEC: delaySec } = app.get(AppConfig);
    logger.log({ msg: `${name} stopping (${signal}): finishing in-flight work`, graceSec, ...(delaySec > 0 ? { delaySec } : {}) });
    // Serving as before meanwhile, ready 503: a load balancer probing it takes it out before its port closes.
    setTimeout(() => drain(app, name, signal, stopping, graceSec, logger), delaySec * 1000);
  };
  for (const signal of signals) process.on(signal, stop);
}

/** The stop proper, once SHUTDOWN_DELAY_SEC is over: see stopOnSignals. */
function drain(app: INestApplication, name: string, signal: NodeJS.Signals, stopping: number, graceSec: number, logger: Logger): void {
  setTimeout(() => {
    logger.error({ msg: `${name} did not stop within ${graceSec} s (SHUTDOWN_GRACE_SEC): exiting now; what it had not acked is delivered again after ACK_WAIT_SEC` });
    process.exit(1);
  }, graceSec * 1000);
  const httpDeadlineMs = httpDrainDeadlineMs(graceSec);
  const httpDrained = HttpDrain.stopAll(httpDeadlineMs).then((cut) => {
    if (cut > 0) logger.warn({ msg: `${name} cut ${cut} HTTP ${cut === 1 ? 'request' : 'requests'} still open ${httpDeadlineMs / 1000} s into its stop (SHUTDOWN_GRACE_SEC ${graceSec} s, less what closing its connections needs)`, cut });
  });
  void Promise.all([app.close(), httpDrained]).then(
    () => {
      logger.log({ msg: `${name} stopped`, signal, shutdownMs: Date.now() - stopping });
      // exit, not the signal again (as Nest's hooks did): pino writes asynchronously and flushes
      // on 'exit', which a process ended by a signal never emits, so its last lines were lost.
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ msg: `${name} failed to stop cleanly: exiting`, err: error });
      process.exit(1);
    },
  );
}

/**
 * How long a stop lets HTTP requests finish: SHUTDOWN_GRACE_SEC less a reserve (1 s, a quarter of
 * a shorter grace) in which the app closes its servers' connections and exits 0 on its own.
 */
function httpDrainDeadlineMs(graceSec: number): number {
  const graceMs = graceSec * 1000;
  return graceMs - Math.min(1000, graceMs / 4);
}

/**
 * A fault nothing caught (an unhandled rejection too, which Node raises as one) ends the app with
 * code 1 as before, said as one of its JSON lines (level 60, `<app> crashed (<origin>): <message>`,
 * the stack in `err`), written at once: Node printed a bare stack on stderr, which a log pipeline
 * reading the app's JSON lines did not take for one of them. No drain: what the app was doing is
 * unknown; what it had not acked is delivered again after ACK_WAIT_SEC.
 */
function exitOnFault(name: string): void {
  process.on('uncaughtException', (error: unknown, origin: string) => {
    new BootLogger(name).fatal({ msg: `${name} crashed (${origin}): ${error instanceof Error ? error.message : String(error)}`, err: error });
    process.exit(1);
  });
}

/** Everything but listen: tests use it to run an app in-process on a random port; runService on its StartupListener's server. */
export async function createService(module: DynamicModule, options: ServiceOptions, startup?: StartupListener): Promise<INestApplication> {
  // Until the JSON logger takes over (after create), warnings and errors go out at once as the
  // same JSON lines: buffered, an app retrying an unreachable MONGO_URL said nothing for ~2
  // minutes; through Nest's ConsoleLogger they had another shape (level "error", no app).
  const bootLogger = new BootLogger(options.name);
  const nestOptions = { logger: bootLogger, abortOnError: false, bodyParser: options.bodyParser ?? true };
  const app = startup ? await NestFactory.create(module, startup.adapter(), nestOptions) : await NestFactory.create(module, nestOptions);
  app.useLogger(app.get(PinoLogger));
  try {
    await options.configure?.(app, app.get(AppConfig));
    await app.init();
    await startMessaging(app, options.name);
    return app;
  } catch (error) {
    // The modules already opened their connections: close them, so a failed start leaves nothing open.
    await app.close().catch(() => undefined);
    throw error;
  }
}
