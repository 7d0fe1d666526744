import { ExpressAdapter } from '@nestjs/platform-express';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { notServingAnswer } from '@lib/observability';

/** Retry-After of a request that came while the app starts: it is ready within seconds. */
const STARTING_RETRY_AFTER_SEC = 1;

/**
 * The app's HTTP port from the start of its boot, before Nest is ready (a server down at boot can
 * hold that for minutes): `/health/live` answers 200, since the process runs and retries by itself
 * (a liveness probe that could not connect had it restarted over and over, which helps nothing);
 * `/health/ready` a 503 naming `lifecycle`, starting; any other request a 503 with Retry-After.
 * Nest then takes over the same listening server (StartedExpressAdapter): no moment where the
 * port is closed, and a port that is taken fails the start before anything connects.
 */
export class StartupListener {
  readonly server: Server;
  private started = false;
  private readonly since = Date.now();

  constructor(private readonly appName: string) {
    this.server = createServer();
    // Until Nest is ready, requests and upgrades (the gateway's WebSockets, whose listener Nest adds as it initializes) are answered here only.
    const emit = this.server.emit.bind(this.server) as (event: string | symbol, ...args: unknown[]) => boolean;
    this.server.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
      if (this.started || (event !== 'request' && event !== 'upgrade')) return emit(event, ...args);
      if (event === 'request') this.answer(args[0] as IncomingMessage, args[1] as ServerResponse);
      else (args[1] as Duplex).end(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${STARTING_RETRY_AFTER_SEC}\r\nConnection: close\r\n\r\n`);
      return true;
    }) as Server['emit'];
  }

  /** Listens on HOST and PORT, or fails naming both variables (`HOST=999.1.1.1` failed with "getaddrinfo ENOTFOUND 999.1.1.1" alone). */
  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => reject(new Error(`cannot listen on HOST=${host} PORT=${port}: ${error.message}`));
      this.server.once('error', failed);
      this.server.listen(port, host, () => {
        this.server.off('error', failed);
        resolve();
      });
    });
  }

  /** An adapter whose server is this one, for NestFactory.create: Nest's listen hands it the requests. */
  adapter(): ExpressAdapter {
    return new StartedExpressAdapter(this);
  }

  /** From now on, requests and upgrades go to the listeners Nest registered. */
  handOver(): void {
    this.started = true;
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://app').pathname;
    const [status, body] =
      path === '/health/live'
        ? [200, { status: 'ok', info: {}, error: {}, details: {} }]
        : path === '/health/ready'
          ? [503, notServingAnswer(`starting for ${Math.round((Date.now() - this.since) / 1000)} s: connecting to its servers (its log names one that does not answer)`)]
          : [503, { statusCode: 503, error: 'Service Unavailable', message: `${this.appName} is starting: retry in a moment` }];
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
    if (status === 503 && path !== '/health/ready') headers['retry-after'] = String(STARTING_RETRY_AFTER_SEC);
    // The body of a request is not read: the connection closes after the answer instead.
    if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) headers.connection = 'close';
    res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
  }
}

/** Express on the StartupListener's server, already listening: Nest's listen hands it over instead of opening the port. */
class StartedExpressAdapter extends ExpressAdapter {
  constructor(private readonly startup: StartupListener) {
    super();
  }

  override initHttpServer(): void {
    this.httpServer = this.startup.server;
    this.httpServer.on('request', this.getInstance());
  }

  override listen(_port: string | number, ...args: unknown[]): Server {
    this.startup.handOver();
    const callback = args[args.length - 1];
    if (typeof callback === 'function') process.nextTick(callback as () => void);
    return this.startup.server;
  }
}
