import { HealthIndicatorResult } from '@nestjs/terminus';

/** A server an app depends on; each client lib provides one, /health/ready runs them all. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<HealthIndicatorResult>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
/** Servers an app serves without, in part: reported by /health/ready when down, without making it 503. */
export const DEGRADED_CHECKS = Symbol('DEGRADED_CHECKS');

/**
 * A dependency's failure as /health/ready, which is public, tells it: without the servers'
 * addresses and URLs (a URL may carry credentials, an address maps the private network), which
 * stay in the app's log. What failed remains: `connect ECONNREFUSED <address>`.
 */
export function withoutAddresses(reason: string): string {
  const hidden = '<address>';
  return reason
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s,;)'"]+/gi, hidden)
    .replace(/\b(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)\s+[^\s,;)]+/g, `$1 ${hidden}`)
    .replace(/\[[0-9a-f:.]+\](?::\d+)?/gi, hidden)
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, hidden)
    // An IPv6 address has `::` or eight groups: `10:00:00`, a time, has neither.
    .replace(/(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?::\d+)?(?![\w:])/gi, (match) => (/[0-9a-f]/i.test(match) && (match.includes('::') || match.split(':').length >= 8) ? hidden : match))
    // A host begins with a letter or has a dot, and a port is not followed by `:<digit>`: `10:30`, `2026-11-21T10:00` are times.
    .replace(/\b(?=[a-z]|[a-z0-9-]*\.)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*:\d{2,5}\b(?!:\d)/gi, hidden);
}
