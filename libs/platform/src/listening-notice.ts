/**
 * What an app tells the process that launched it (tools/infra/src/app-process.ts, over the IPC
 * channel) once it listens: a 200 from /health/ready on that port is then its own. Polling the
 * port alone took the 200 of another process that held the port for the app's, while the app
 * itself had exited with EADDRINUSE. Plain Node: the launcher imports this file without Nest.
 */
export interface ListeningNotice {
  type: 'activity-pipeline:listening';
  port: number;
}

/** No-op without an IPC channel (docker-compose, a shell); a parent gone meanwhile is no error. */
export function sendListeningNotice(port: number): void {
  if (!process.send || !process.connected) return;
  const notice: ListeningNotice = { type: 'activity-pipeline:listening', port };
  process.send(notice, undefined, undefined, () => undefined);
}

export function isListeningNotice(message: unknown): message is ListeningNotice {
  return typeof message === 'object' && message !== null && (message as ListeningNotice).type === 'activity-pipeline:listening';
}
