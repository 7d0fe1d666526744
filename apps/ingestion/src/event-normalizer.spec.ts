import { deriveEventId, normalizeBatch, normalizeEvent, withoutChangedEvents } from './event-normalizer';
import { DURATION_TOO_SHORT } from '@lib/contracts';
import { toScore } from '@lib/leaderboard-core';
import { NOT_A_REAL_TIME } from './start-time';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const valid = { userId: 'alice', app: ' Code.exe ', title: ' main.ts  -  app ', startedAt: '2026-11-22T09:00:00+01:00', durationSec: 60 };

describe('normalizeEvent', () => {
  it('takes the shortest duration the boards count (0.0005 s, one millisecond when rounded)', () => {
    const outcome = normalizeEvent({ ...valid, durationSec: 0.0005 }, NOW);
    expect(outcome.ok && outcome.event.durationSec).toBe(0.0005);
    expect(toScore(0.0005)).toBe(0.001);
    expect(toScore(0.0005 - Number.EPSILON)).toBe(0);
  });

  it('normalizes strings and time and derives a stable id', () => {
    const outcome = normalizeEvent(valid, NOW);
    expect(outcome).toEqual({
      ok: true,
      event: {
        eventId: deriveEventId('alice', 'Code.exe', 'main.ts - app', undefined, Date.parse('2026-11-22T08:00:00Z'), 60),
        userId: 'alice',
        app: 'Code.exe',
        title: 'main.ts - app',
        startedAtMs: Date.parse('2026-11-22T08:00:00Z'),
        durationSec: 60,
      },
    });
  });

  it('composes text (NFC): the same title in decomposed form is the same event, derived id included', () => {
    const composedForm = normalizeEvent({ ...valid, app: 'Aperçu', title: 'Café résumé.pdf', url: 'https://exemple.fr/été' }, NOW);
    const decomposed = normalizeEvent({ ...valid, app: 'Aperc\u0327u', title: 'Cafe\u0301 re\u0301sume\u0301.pdf', url: 'https://exemple.fr/e\u0301te\u0301' }, NOW);
    // Two events before: the id hashed the code points as sent.
    expect(decomposed).toEqual(composedForm);
    expect(composedForm.ok && composedForm.event.title).toBe('Caf\u00e9 r\u00e9sum\u00e9.pdf');
  });

  it('refuses a text that NFC makes longer than its limit, which the next stage would refuse after the 202', () => {
    expect(normalizeEvent({ ...valid, title: '\u0958'.repeat(2048) }, NOW)).toEqual({
      ok: false,
      field: 'title',
      reason: "must be at most 2048 characters in Unicode's composed form (NFC), the form events are stored in: this one has 4096",
    });
  });

  it('accepts epoch seconds and keeps a client event id', () => {
    const outcome = normalizeEvent({ ...valid, eventId: 'client-1', startedAt: NOW / 1000 - 10 }, NOW);
    expect(outcome.ok && outcome.event.eventId).toBe('client-1');
    expect(outcome.ok && outcome.event.startedAtMs).toBe(NOW - 10_000);
  });

  it('reads null in an optional field as the field left out', () => {
    // JSON clients write a missing title as null; the schema lets null through, and until 2026-11-25 title,
    // url and source null threw a TypeError: a 500 for the whole request, its valid events lost too.
    const withNulls = normalizeEvent({ ...valid, eventId: null, title: null, url: null, source: null }, NOW);
    expect(withNulls).toEqual(normalizeEvent({ userId: valid.userId, app: valid.app, startedAt: valid.startedAt, durationSec: valid.durationSec }, NOW));
    expect(withNulls.ok && withNulls.event.title).toBeUndefined();
  });

  it('says so when a start in epoch milliseconds was sent for epoch seconds', () => {
    // Before, only "is more than an hour in the future".
    expect(normalizeEvent({ ...valid, startedAt: NOW - 10_000 }, NOW)).toEqual({
      ok: false,
      field: 'startedAt',
      reason: 'is more than an hour in the future: a number is read as epoch seconds, and as milliseconds 1795348790000 would be 2026-11-22T11:59:50.000Z',
    });
    // Seconds far ahead that are no plausible milliseconds either get the plain reason.
    expect(normalizeEvent({ ...valid, startedAt: NOW / 1000 + 7200 }, NOW)).toEqual({ ok: false, field: 'startedAt', reason: 'is more than an hour in the future' });
  });

  it.each([
    [{ ...valid, userId: undefined }, 'userId', 'is required'],
    [{ ...valid, durationSec: 0 }, 'durationSec', 'must be > 0'],
    [{ ...valid, durationSec: -5 }, 'durationSec', 'must be > 0'],
    [{ ...valid, durationSec: 90000 }, 'durationSec', 'must be <= 86400'],
    // Accepted before 2026-11-25, and counted 0 on every board (scores are whole milliseconds).
    [{ ...valid, durationSec: 0.0004 }, 'durationSec', DURATION_TOO_SHORT],
    [{ ...valid, durationSec: 1e-9 }, 'durationSec', DURATION_TOO_SHORT],
    [{ ...valid, durationSec: '60' }, 'durationSec', 'must be a number of seconds as a JSON number, not a string'],
    [{ ...valid, durationSec: '1 min' }, 'durationSec', 'must be a number of seconds'],
    [{ ...valid, app: '   ' }, 'app', 'must not be blank'],
    [{ ...valid, startedAt: '2026-11-22T09:00:00' }, 'startedAt', 'must be ISO-8601 with an offset (e.g. 2026-11-22T09:30:00Z) or epoch seconds'],
    [{ ...valid, startedAt: '1795348800' }, 'startedAt', 'must be ISO-8601 with an offset (e.g. 2026-11-22T09:30:00Z) or epoch seconds as a JSON number, not a string'],
    [{ ...valid, startedAt: '2026-02-30T10:00:00Z' }, 'startedAt', NOT_A_REAL_TIME],
    [{ ...valid, startedAt: '2026-11-22T24:00:00+01:00' }, 'startedAt', NOT_A_REAL_TIME],
    [{ ...valid, startedAt: '1999-12-31T23:00:00Z' }, 'startedAt', 'is before 2000-01-01'],
    [{ ...valid, startedAt: '2030-01-01T00:00:00Z' }, 'startedAt', 'is more than an hour in the future'],
    // Counted on the boards before: 23 h of today, and an hour of tomorrow, at noon.
    [{ ...valid, startedAt: '2026-11-22T11:59:00Z', durationSec: 86400 }, 'durationSec', 'ends the event at 2026-11-23T11:59:00.000Z, more than an hour in the future'],
    [{ ...valid, userId: { $ne: null } }, 'userId', 'must be a string'],
    // ajv's "must NOT have fewer than 1 characters" and "… more than 2048 characters" before 2026-11-25.
    [{ ...valid, app: '' }, 'app', 'must not be empty'],
    [{ ...valid, title: 'x'.repeat(2049) }, 'title', 'must be at most 2048 characters'],
    // ajv's "must be string,number" before 2026-11-25.
    [{ ...valid, startedAt: true }, 'startedAt', 'must be ISO-8601 with an offset (e.g. 2026-11-22T09:30:00Z) or epoch seconds'],
    [{ ...valid, 'a.b': 1 }, 'a.b', 'is not a known field'],
    [{ ...valid, userId: 'bad user' }, 'userId', 'may hold only letters, digits and . _ : @ + = / - (found " ")'],
    [{ ...valid, userId: 'zoë' }, 'userId', 'may hold only letters, digits and . _ : @ + = / - (found "ë")'],
    [{ ...valid, eventId: '' }, 'eventId', 'must not be empty'],
    [{ ...valid, eventId: 'e'.repeat(129) }, 'eventId', 'must be at most 128 characters'],
    ['text', '(event)', 'must be an object'],
  ])('rejects %j naming %s', (input, field, reason) => {
    expect(normalizeEvent(input, NOW)).toEqual({ ok: false, field, reason });
  });
});

describe('normalizeBatch', () => {
  it('keeps valid events, lists rejections by index and counts in-batch duplicates', () => {
    const batch = normalizeBatch([valid, { ...valid, durationSec: -1 }, valid, { ...valid, durationSec: 61 }], NOW);
    expect(batch.events.map((e) => e.durationSec)).toEqual([60, 61]);
    expect(batch.rejected).toEqual([{ index: 1, field: 'durationSec', reason: 'must be > 0' }]);
    expect(batch.duplicates).toBe(1);
  });

  it('rejects a client eventId given again with other content as a conflict naming the first, and takes an exact repeat as a duplicate', () => {
    const first = { ...valid, eventId: 'client-1' };
    const batch = normalizeBatch(
      [first, { ...first, startedAt: '2026-11-22T08:00:00Z', title: 'main.ts - app' }, { ...first, durationSec: 600 }, { ...first, durationSec: 600, title: 'other' }],
      NOW,
    );
    // The other durations were dropped as duplicates of events[0], and the answer said "duplicates: 3".
    expect(batch.duplicates).toBe(1);
    expect(batch.rejected).toEqual([
      { index: 2, field: 'eventId', reason: 'is also the eventId of events[0], whose durationSec differs: an eventId names one activity, so this one was not taken' },
      { index: 3, field: 'eventId', reason: 'is also the eventId of events[0], whose title, durationSec differ: an eventId names one activity, so this one was not taken' },
    ]);
    expect(batch.eventIds).toEqual(['client-1', 'client-1', null, null]);
    expect(batch.events).toHaveLength(1);
  });

  it('takes an event repeated with another source as a duplicate: the same activity', () => {
    expect(normalizeBatch([{ ...valid, source: 'a' }, { ...valid, source: 'b' }], NOW)).toMatchObject({ duplicates: 1, rejected: [] });
    expect(normalizeBatch([{ ...valid, eventId: 'c', source: 'a' }, { ...valid, eventId: 'c', source: 'b' }], NOW)).toMatchObject({ duplicates: 1, rejected: [] });
  });
});

describe('withoutChangedEvents', () => {
  const sent = (items: unknown[]) => normalizeBatch(items, NOW);
  const earlier = sent([{ ...valid, eventId: 'a' }, { ...valid, eventId: 'b' }]).events;

  it('rejects, at every index that gave it, an event whose id was sent earlier for another activity, and keeps the rest', () => {
    const batch = sent([{ ...valid, eventId: 'a', durationSec: 600 }, { ...valid, eventId: 'b', source: 'other' }, { ...valid, eventId: 'a', durationSec: 600 }, { ...valid, eventId: 'c' }]);
    const reason = 'is also the eventId of an event sent before, whose durationSec differs: an eventId names one activity, so this one was not taken';
    expect(withoutChangedEvents(batch, earlier, 'an event sent before')).toEqual({
      events: [batch.events[1], batch.events[2]],
      rejected: [
        { index: 0, field: 'eventId', reason },
        { index: 2, field: 'eventId', reason },
      ],
      duplicates: 0,
      eventIds: [null, 'b', null, 'c'],
    });
  });

  it('leaves a batch whose events were all sent as they are', () => {
    const batch = sent([{ ...valid, eventId: 'a' }, { ...valid, eventId: 'b' }]);
    expect(withoutChangedEvents(batch, earlier, 'an event sent before')).toBe(batch);
  });

  it("gives each item's id by its index: the client's, the derived one (a duplicate's too), null where rejected", () => {
    const derived = deriveEventId('alice', 'Code.exe', 'main.ts - app', undefined, Date.parse('2026-11-22T08:00:00Z'), 60);
    const batch = normalizeBatch([{ ...valid, eventId: 'client-1' }, valid, { ...valid, durationSec: -1 }, valid, { ...valid, userId: 'bob' }], NOW, 'alice');
    expect(batch.eventIds).toEqual(['client-1', derived, null, derived, null]);
  });
});

describe('normalizeBatch for a key bound to a user', () => {
  it("rejects other users' events by their index in the request, after invalid ones too", () => {
    // The index was the event's place among the valid events: events[1] was reported as events[0].
    const batch = normalizeBatch([{ ...valid, durationSec: -1 }, { ...valid, userId: 'bob' }, valid], NOW, 'alice');
    expect(batch.rejected).toEqual([
      { index: 0, field: 'durationSec', reason: 'must be > 0' },
      { index: 1, field: 'userId', reason: 'this API key may only submit events of user alice' },
    ]);
    expect(batch.events.map((e) => e.userId)).toEqual(['alice']);
  });
});
