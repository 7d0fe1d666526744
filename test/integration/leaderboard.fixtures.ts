import { ClassifiedEnvelope } from '@lib/contracts';

/** Boards of an event by category, as classification computes them for the default taxonomy. */
export const BOARDS = {
  programming: ['work', 'work:programming', 'productive', 'total'],
  meetings: ['communication', 'communication:meetings', 'productive', 'total'],
  video: ['entertainment', 'entertainment:video', 'total'],
} as const;

export interface FixtureEvent {
  eventId: string;
  userId: string;
  startedAt: string;
  durationSec: number;
  category?: keyof typeof BOARDS;
}

/** A classified envelope as the leaderboard consumer receives it. */
export function classifiedEnvelope(id: string, events: FixtureEvent[]): ClassifiedEnvelope {
  return {
    id,
    lane: 'live',
    events: events.map(({ eventId, userId, startedAt, durationSec, category = 'programming' }) => ({
      eventId,
      userId,
      app: 'fixture',
      startedAtMs: Date.parse(startedAt),
      durationSec,
      boards: [...BOARDS[category]],
      classification: { categoryId: BOARDS[category][1], source: 'rule', confidence: 1, rulesetVersion: 1 },
    })),
  };
}
