import { EventQuery } from '@lib/contracts';
import { ApiKey } from '@lib/persistence';

/**
 * The lookup of `eventId` for a key: a key bound to a user reads that user's events only, and only
 * an admin key reads a dead letter's whole reason (the others its kind: what failed names internal errors).
 */
export function eventQueryFor(eventId: string, key: ApiKey): EventQuery {
  return { eventId, userId: key.userId, withReason: key.scopes.includes('admin') };
}
