/**
 * When to retry an LLM attempt that failed, and after how long. Our own, not the SDK's: the SDK
 * waits out a Retry-After of any length (30 s, an hour) inside the call, which held an
 * LLM_CONCURRENCY slot all that time; our wait holds no slot.
 */

/** A Retry-After longer than this is not waited for: the question gives up, and the next identical event asks again. */
export const MAX_RETRY_AFTER_MS = 60_000;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/** What a failed attempt tells about retrying: its HTTP status (none for a connection failure or timeout) and headers. */
export interface FailedAttempt {
  status?: number;
  headers?: { get(name: string): string | null };
}

/**
 * The wait before retry number `retriesDone + 1`, in ms, or undefined when the failure is not
 * worth retrying: a connection failure or timeout, 408, 409, 429 and 5xx are (as the SDK did),
 * unless the server says `x-should-retry: false`; `x-should-retry: true` makes any status one.
 * The server's Retry-After (`retry-after-ms`, seconds or an HTTP date) is honoured up to
 * MAX_RETRY_AFTER_MS; beyond that no retry. Else exponential backoff from 0.5 s, at most 8 s, with
 * up to 25 % jitter (`random` in [0, 1)).
 */
export function retryDelayMs(failed: FailedAttempt, retriesDone: number, now = Date.now(), random = Math.random()): number | undefined {
  const { status, headers } = failed;
  const shouldRetry = headers?.get('x-should-retry');
  const retryable = shouldRetry === 'true' || (shouldRetry !== 'false' && (status === undefined || status === 408 || status === 409 || status === 429 || status >= 500));
  if (!retryable) return undefined;
  const asked = retryAfterMs(headers, now);
  if (asked !== undefined) return asked <= MAX_RETRY_AFTER_MS ? asked : undefined;
  return Math.min(FIRST_BACKOFF_MS * 2 ** retriesDone, MAX_BACKOFF_MS) * (1 - random * 0.25);
}

function retryAfterMs(headers: FailedAttempt['headers'], now: number): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
