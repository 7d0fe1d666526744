import { connect as connectTcp } from 'node:net';

/** How long a probe waits for a server's first words: a NATS server sends INFO as it accepts. */
export const GREETING_MS = 1000;

/**
 * What is at one server of NATS_URL while the client cannot connect, for the app's waiting line:
 * nothing listening, a server that says nothing (a NATS server greets first: Redis, HTTP… are
 * silent until asked), one that says something else, or a NATS server. The client itself retries
 * without a word of why, and the line said "no answer yet" even where another server answered.
 * Undefined for a WebSocket URL, which this does not probe.
 */
export function whatAnswersAt(server: string): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return Promise.resolve(undefined);
  }
  if (url.protocol !== 'nats:' && url.protocol !== 'tls:') return Promise.resolve(undefined);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const where = `${url.hostname}:${url.port || '4222'}`;
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port: Number(url.port || 4222) });
    const done = (what: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(what);
    };
    const timer = setTimeout(
      () => done(socket.connecting ? `no answer from ${where} within ${GREETING_MS} ms` : `${where} takes connections but says nothing, where a NATS server greets first: is it another server's port?`),
      GREETING_MS,
    );
    socket.once('error', (error) => done(`nothing answers at ${where} (${error.message})`));
    socket.once('data', (chunk: Buffer) => {
      const said = chunk.toString('latin1', 0, 40);
      done(said.startsWith('INFO ') ? `a NATS server answers at ${where}, yet the client could not connect` : `${where} answers, but not as NATS does (it said ${JSON.stringify(said)}): is it another server's port?`);
    });
  });
}
