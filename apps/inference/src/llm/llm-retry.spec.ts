import { MAX_RETRY_AFTER_MS, retryDelayMs } from './llm-retry';

describe('retryDelayMs', () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  const now = Date.parse('2026-11-25T00:00:00Z');

  it('retries connection failures, timeouts, 408, 409, 429 and 5xx with exponential backoff and jitter', () => {
    expect(retryDelayMs({}, 0, now, 0)).toBe(500);
    expect(retryDelayMs({ status: 500 }, 1, now, 0)).toBe(1_000);
    expect(retryDelayMs({ status: 503 }, 10, now, 0)).toBe(8_000);
    expect(retryDelayMs({ status: 429 }, 0, now, 0.999)).toBeCloseTo(375, 0);
    for (const status of [408, 409]) expect(retryDelayMs({ status }, 0, now, 0)).toBe(500);
  });

  it('does not retry what another attempt would not change, unless the server says so', () => {
    for (const status of [400, 401, 404, 422]) expect(retryDelayMs({ status }, 0, now, 0)).toBeUndefined();
    expect(retryDelayMs({ status: 400, headers: headers({ 'x-should-retry': 'true' }) }, 0, now, 0)).toBe(500);
    expect(retryDelayMs({ status: 503, headers: headers({ 'x-should-retry': 'false' }) }, 0, now, 0)).toBeUndefined();
  });

  it('honours the server\'s Retry-After up to MAX_RETRY_AFTER_MS, and gives up beyond it', () => {
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': '30' }) }, 0, now)).toBe(30_000);
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': '0' }) }, 0, now)).toBe(0);
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after-ms': '250', 'retry-after': '30' }) }, 0, now)).toBe(250);
    expect(retryDelayMs({ status: 503, headers: headers({ 'retry-after': 'Wed, 25 Nov 2026 00:00:20 GMT' }) }, 0, now)).toBe(20_000);
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': String(MAX_RETRY_AFTER_MS / 1000 + 1) }) }, 0, now)).toBeUndefined();
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': '3600' }) }, 0, now)).toBeUndefined();
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': 'soon' }) }, 0, now, 0)).toBe(500);
  });
});
