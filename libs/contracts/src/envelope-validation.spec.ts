import { EARLIEST_START_MS, LATEST_STREAM_START_MS, MIN_DURATION_SEC } from './activity-event';
import { decodeClassifiedEnvelope, decodeEventEnvelope, EventEnvelope, PartlyValid } from './index';

const event = { eventId: 'e1', userId: 'u1', app: 'Code', title: 'a.ts', startedAtMs: Date.UTC(2026, 10, 21, 10), durationSec: 60 };
const classified = { ...event, boards: ['total'], classification: { categoryId: 'work', source: 'rule', confidence: 1, rulesetVersion: 1 } };

const whole = (decoded: unknown) => {
  if (decoded instanceof PartlyValid) throw new Error(`partly valid: ${decoded.reason}`);
  return decoded as EventEnvelope;
};

describe('stream envelope validation', () => {
  it('passes envelopes as ingestion and classification publish them', () => {
    expect(whole(decodeEventEnvelope({ id: 'b-1', lane: 'live', events: [event] })).events[0].eventId).toBe('e1');
    expect(whole(decodeClassifiedEnvelope({ id: 'b-1', lane: 'bulk', events: [classified] }))).toEqual({ id: 'b-1', lane: 'bulk', events: [classified] });
  });

  it('refuses a start the period math cannot place, naming the field and the bound', () => {
    // Past JavaScript's last date: new Date() of it is an invalid Date; its boards were of the year 275760.
    expect(() => decodeClassifiedEnvelope({ id: 'b-1', lane: 'live', events: [{ ...classified, startedAtMs: 8.64e15 + 1 }] })).toThrow(
      `events.0.startedAtMs must be <= ${LATEST_STREAM_START_MS}`,
    );
    expect(() => decodeEventEnvelope({ id: 'b-1', lane: 'live', events: [{ ...event, startedAtMs: EARLIEST_START_MS - 1 }] })).toThrow(
      `events.0.startedAtMs must be >= ${EARLIEST_START_MS}`,
    );
    expect(whole(decodeEventEnvelope({ id: 'b-1', lane: 'live', events: [{ ...event, startedAtMs: LATEST_STREAM_START_MS }] })).events).toHaveLength(1);
  });

  it('refuses a duration too short to count on a board (whole milliseconds), naming the field', () => {
    expect(() => decodeEventEnvelope({ id: 'b-1', lane: 'live', events: [{ ...event, durationSec: 0.0004 }] })).toThrow(`events.0.durationSec must be >= ${MIN_DURATION_SEC}`);
    expect(() => decodeClassifiedEnvelope({ id: 'b-1', lane: 'live', events: [{ ...classified, durationSec: 0.0004 }] })).toThrow(`events.0.durationSec must be >= ${MIN_DURATION_SEC}`);
    expect(whole(decodeEventEnvelope({ id: 'b-1', lane: 'live', events: [{ ...event, durationSec: MIN_DURATION_SEC }] })).events).toHaveLength(1);
  });

  it('refuses an envelope id longer than 128 characters', () => {
    expect(() => decodeEventEnvelope({ id: 'b'.repeat(129), lane: 'live', events: [event] })).toThrow('id must be at most 128 characters');
  });

  it('keeps the valid events of a message and refuses the others, naming each one as the letter holds it', () => {
    const decoded = decodeEventEnvelope({ id: 'b-1', lane: 'live', events: [event, { ...event, eventId: 'e2', app: '' }, { ...event, eventId: 'e3' }, null] });
    expect(decoded).toBeInstanceOf(PartlyValid);
    const { valid, invalid, reason } = decoded as PartlyValid<EventEnvelope>;
    expect(valid).toEqual({ id: 'b-1', lane: 'live', events: [event, { ...event, eventId: 'e3' }] });
    // An id of its own: under b-1 a replay met the valid part's exactly-once records (a leaderboard marker) and was skipped.
    expect(invalid).toEqual({ id: expect.stringMatching(/^b-1:refused:[\w-]{12}$/), lane: 'live', events: [{ ...event, eventId: 'e2', app: '' }, null] });
    const again = decodeEventEnvelope({ id: 'b-1', lane: 'live', events: [event, { ...event, eventId: 'e2', app: '' }, { ...event, eventId: 'e3' }, null] }) as PartlyValid<EventEnvelope>;
    expect((again.invalid as EventEnvelope).id).toBe((invalid as EventEnvelope).id);
    expect(reason).toBe("events.0.app must not be empty; events.1 must be an object (2 of the message's 4 events; the 2 others went on)");
  });

  it('refuses a message whose every event is invalid as a whole', () => {
    expect(() => decodeClassifiedEnvelope({ id: 'b-1', lane: 'live', events: [event] })).toThrow('events.0.boards is required');
  });
});
