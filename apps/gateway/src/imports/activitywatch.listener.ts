import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppConfig } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { HttpDrain } from '@lib/platform';
import { capConnections } from '../connection-cap';
import { errorBody } from '../error-body';

const WATCHER_PATH = /^\/api\/0(\/|$|\?)/;

/**
 * The second listener on AW_PORT (default 5600, aw-server's port; 0 disables it): the gateway's
 * own request handler, limited to the /api/0 routes, so both ports run the same controllers,
 * guards and middleware. A port already in use (a local aw-server) is logged as an error and the
 * gateway starts anyway: the same API stays on its main port.
 */
@Injectable()
export class ActivityWatchListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ActivityWatchListener.name);
  private server?: Server;

  constructor(private readonly adapterHost: HttpAdapterHost, private readonly config: AppConfig, private readonly metrics: PipelineMetrics) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.AW_PORT;
    if (port === 0) return;
    if (port === this.config.PORT) {
      // The main port serves /api/0 already: listening again failed with "is aw-server running?", which it was not.
      this.logger.log({ msg: `AW_PORT is PORT (${port}): the watcher API is served there, under /api/0, with the rest of the API`, port });
      return;
    }
    const handle = this.adapterHost.httpAdapter.getInstance<(req: IncomingMessage, res: ServerResponse) => void>();
    const server = createServer((req, res) => {
      if (WATCHER_PATH.test(req.url ?? '')) return handle(req, res);
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(errorBody(404, 'this port serves the ActivityWatch watcher API (/api/0/…) only')));
    });
    // A stop ends its watchers' keep-alive connections as the main port's: one answering as it began stayed open its 65 s keep-alive, past SHUTDOWN_GRACE_SEC.
    HttpDrain.of(server);
    capConnections(server, this.config.HTTP_MAX_CONNECTIONS, 'activitywatch', this.metrics);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, this.config.HOST, resolve);
      });
    } catch (error) {
      this.logger.error({
        msg: `AW_PORT ${port} is not available (${(error as Error).message}); is aw-server running? Stop it, or set AW_PORT to another port or 0. The watcher API stays on the main port under /api/0`,
      });
      return;
    }
    this.server = server;
    this.logger.log({ msg: 'ActivityWatch API listening', port, host: this.config.HOST });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
}
