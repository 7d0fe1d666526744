import { deriveEventId, normalizeBatch, normalizeEvent } from './event-normalizer';
import { NOT_A_REAL_TIME } from './start-time';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const valid = { userId: 'alice', app: ' Code.exe ', title: ' main.ts  -  app ', startedAt: '2026-11-22T09:00:00+01:00', durationSec: 60 };

describe('normalizeEvent', () => {
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
});
