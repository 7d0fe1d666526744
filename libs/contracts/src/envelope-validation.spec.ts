import { EARLIEST_START_MS, LATEST_STREAM_START_MS } from './activity-event';
import { assertClassifiedEnvelope, assertEventEnvelope } from './envelope-validation';

const event = { eventId: 'e1', userId: 'u1', app: 'Code', title: 'a.ts', startedAtMs: Date.UTC(2026, 10, 21, 10), durationSec: 60 };
const classified = { ...event, boards: ['total'], classification: { categoryId: 'work', source: 'rule', confidence: 1, rulesetVersion: 1 } };

describe('stream envelope validation', () => {
  it('passes envelopes as ingestion and classification publish them', () => {
    expect(assertEventEnvelope({ id: 'b-1', lane: 'live', events: [event] }).events[0].eventId).toBe('e1');
    expect(assertClassifiedEnvelope({ id: 'b-1', lane: 'bulk', events: [classified] }).events[0].boards).toEqual(['total']);
  });

  it('refuses a start the period math cannot place, naming the field and the bound', () => {
    // Past JavaScript's last date: new Date() of it is an invalid Date; its boards were of the year 275760.
    expect(() => assertClassifiedEnvelope({ id: 'b-1', lane: 'live', events: [{ ...classified, startedAtMs: 8.64e15 + 1 }] })).toThrow(
      `events.0.startedAtMs must be <= ${LATEST_STREAM_START_MS}`,
    );
    expect(() => assertEventEnvelope({ id: 'b-1', lane: 'live', events: [{ ...event, startedAtMs: EARLIEST_START_MS - 1 }] })).toThrow(
      `events.0.startedAtMs must be >= ${EARLIEST_START_MS}`,
    );
    expect(assertEventEnvelope({ id: 'b-1', lane: 'live', events: [{ ...event, startedAtMs: LATEST_STREAM_START_MS }] }).events).toHaveLength(1);
  });

  it('refuses an envelope id longer than 128 characters', () => {
    expect(() => assertEventEnvelope({ id: 'b'.repeat(129), lane: 'live', events: [event] })).toThrow('id must NOT have more than 128 characters');
  });
});
