import { maskedUrl } from '@lib/config';
import { withoutAddresses } from '@lib/observability';

/** The longest reason a dead letter keeps (its header must fit DEAD_LETTER_HEADROOM_BYTES). */
const MAX_REASON_CHARS = 1000;

/** A stack frame: `at fn (/app/dist/x.js:1:2)`, `at /app/x.js:1:2`, `at node:internal/…:1:2`. */
const STACK_FRAME = /\s+at\s+(?:[^\s()]+(?:\s+\[[^\]]*\])?\s+)?\(?(?:\/|[A-Za-z]:\\|node:|file:)[^\s)]*:\d+(?::\d+)?\)?/g;

/**
 * A failure's reason as a dead letter or an import job keeps it: clients read it (the dead-letter
 * routes, the event lookup, an import job's `error`), so it is one line without stack frames,
 * servers' addresses and URLs, or credentials (`connect ECONNREFUSED <address>`); the app's log
 * keeps the whole text. A reason stored before this was applied is shown through it too.
 */
export function clientSafeReason(text: string): string {
  return withoutAddresses(maskedUrl(text.replace(STACK_FRAME, ''))).replace(/[\r\n]+/g, ' ').slice(0, MAX_REASON_CHARS);
}

/** The kinds of reason the consumer loop writes (`<kind>: <what failed>`), which say nothing of the failure's own text. */
const REASON_KIND = /^(invalid payload|permanent failure|failed \d+ deliveries)(?=:)/;

/**
 * What a key without the admin scope is told of a reason: its kind (`failed 8 deliveries`,
 * `invalid payload`), not what failed, which names internal errors; "failed" for another reason.
 */
export function reasonKind(reason: string): string {
  return REASON_KIND.exec(reason)?.[1] ?? 'failed';
}
