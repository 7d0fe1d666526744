import { setTimeout as sleep } from 'node:timers/promises';

/** Readiness waits this long for a server's ping: a hung server is "down" now, not when the client gives up. */
export const PING_TIMEOUT_MS = 1500;

/** `ping`, or a rejection naming the bound once PING_TIMEOUT_MS pass without an answer. */
export async function pingWithin(ping: Promise<unknown>): Promise<void> {
  const timeout = new AbortController();
  try {
    await Promise.race([
      ping,
      sleep(PING_TIMEOUT_MS, undefined, { signal: timeout.signal }).then(
        () => Promise.reject(new Error(`no answer to ping within ${PING_TIMEOUT_MS} ms`)),
        () => undefined, // aborted: the ping settled first
      ),
    ]);
  } finally {
    timeout.abort();
    ping.catch(() => undefined);
  }
}
