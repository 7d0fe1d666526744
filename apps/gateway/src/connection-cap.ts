import { Logger } from '@nestjs/common';
import { Server } from 'node:http';
import { PipelineMetrics } from '@lib/observability';
import { RepeatedLineLimiter } from '@lib/platform';

/** While connections keep being refused, one line per this many ms, with how many came meanwhile. */
const REFUSED_LOG_MS = 10_000;

/**
 * At most HTTP_MAX_CONNECTIONS open connections on one of the gateway's listeners: Node closes the
 * next at once, before any byte is read (a flood costs no parsing, no answer to write), and each
 * is counted (`ap_http_connections_refused_total`) and logged, once per 10 s while it lasts.
 */
export function capConnections(server: Server, max: number, listener: 'api' | 'activitywatch', metrics: PipelineMetrics): void {
  server.maxConnections = max;
  const logger = new Logger('Gateway');
  const repeated = new RepeatedLineLimiter(REFUSED_LOG_MS);
  const refused = metrics.httpConnectionsRefused.labels({ listener });
  server.on('drop', (dropped?: { remoteAddress?: string }) => {
    refused.inc();
    const msg = `${max} connections open on the ${listener} port, the most (HTTP_MAX_CONNECTIONS): closed a new one at once`;
    const heldBack = repeated.admit(msg);
    if (heldBack !== undefined) logger.warn({ msg, remoteAddress: dropped?.remoteAddress, ...(heldBack > 0 ? { closedSinceLastLine: heldBack } : {}) });
  });
}
