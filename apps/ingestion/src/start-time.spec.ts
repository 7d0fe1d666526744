import { checkIsoStart, checkStartMs, NOT_A_REAL_TIME, UNTAKEN_ISO_FORMS } from './start-time';

const NOW = Date.parse('2029-01-01T00:00:00Z');
const FORMAT = 'must be ISO-8601 with an offset';

describe('checkIsoStart', () => {
  it.each([
    ['2026-11-22T09:30:00Z', '2026-11-22T09:30:00.000Z'],
    ['2026-11-22T09:30Z', '2026-11-22T09:30:00.000Z'],
    ['2026-11-22T09:30:00.123456+01:00', '2026-11-22T08:30:00.123Z'],
    ['2026-11-22T09:30:00.123456789-0130', '2026-11-22T11:00:00.123Z'],
    ['2026-11-22t09:30:00z', '2026-11-22T09:30:00.000Z'],
    ['2028-02-29T23:59:59+14:00', '2028-02-29T09:59:59.000Z'],
    ['2026-12-31T00:00:00-12:00', '2026-12-31T12:00:00.000Z'],
    // An offset of hours alone is ISO-8601 with an offset too: it was refused as if it were none.
    ['2026-11-22T09:30:00+05', '2026-11-22T04:30:00.000Z'],
    ['2026-11-22T09:30-03', '2026-11-22T12:30:00.000Z'],
  ])('reads %s', (text, instant) => {
    expect(checkIsoStart(text, NOW, FORMAT)).toEqual({ ok: true, ms: Date.parse(instant) });
  });

  it.each([
    '2026-02-30T10:00:00Z',
    '2026-11-31T10:00:00+01:00',
    '2027-02-29T10:00:00Z',
    '2100-02-29T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-00-10T10:00:00Z',
    '2026-03-00T10:00:00Z',
    '2026-03-01T24:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T25:00:00Z',
    '2026-03-01T10:60:00Z',
    '2026-03-01T10:00:60Z',
    '2026-03-01T10:00:00+15:00',
    '2026-03-01T10:00:00-14:01',
    '2026-03-01T10:00:00+01:60',
    '2026-03-01T10:00:00+15',
  ])('refuses %s, which does not exist, instead of rolling it over', (text) => {
    expect(checkIsoStart(text, NOW, FORMAT)).toEqual({ ok: false, reason: NOT_A_REAL_TIME });
  });

  it.each([
    ['20260301T100000Z', `${FORMAT}; ${UNTAKEN_ISO_FORMS.basic}`],
    ['20260301T1000+0100', `${FORMAT}; ${UNTAKEN_ISO_FORMS.basic}`],
    ['2026-W09-7T10:00:00Z', `${FORMAT}; ${UNTAKEN_ISO_FORMS.week}`],
    ['2026W097T100000Z', `${FORMAT}; ${UNTAKEN_ISO_FORMS.week}`],
    ['2026-060T10:00:00Z', `${FORMAT}; ${UNTAKEN_ISO_FORMS.ordinal}`],
    ['2026060T100000Z', `${FORMAT}; ${UNTAKEN_ISO_FORMS.ordinal}`],
    ['2026-03-01 10:00:00Z', `${FORMAT}; ${UNTAKEN_ISO_FORMS.space}`],
    ['2026-03-01 10:00:00+00', `${FORMAT}; ${UNTAKEN_ISO_FORMS.space}`],
  ])('refuses %s, an ISO-8601 (or RFC 3339) form it does not take, saying which and what to write', (text, reason) => {
    // Before 2026-11-25 only "must be ISO-8601 with an offset", which 20260301T100000Z is.
    expect(checkIsoStart(text, NOW, FORMAT)).toEqual({ ok: false, reason });
  });

  it.each(['2026-03-01T10:00:00', '2026-03-01T10:00:00+1:00', '2026-03-01T10:00:00+01:0', '2026-03-01', 'yesterday'])('refuses %s, not written as ISO-8601 with an offset, with the caller\'s reason', (text) => {
    expect(checkIsoStart(text, NOW, FORMAT)).toEqual({ ok: false, reason: FORMAT });
  });
});

describe('checkStartMs', () => {
  it('takes starts from 2000-01-01 to an hour ahead', () => {
    expect(checkStartMs(Date.UTC(2000, 0, 1), NOW)).toEqual({ ok: true, ms: Date.UTC(2000, 0, 1) });
    expect(checkStartMs(Date.UTC(2000, 0, 1) - 1, NOW)).toEqual({ ok: false, reason: 'is before 2000-01-01' });
    expect(checkStartMs(NOW + 3_600_000, NOW)).toEqual({ ok: true, ms: NOW + 3_600_000 });
    expect(checkStartMs(NOW + 3_600_001, NOW)).toEqual({ ok: false, reason: 'is more than an hour in the future' });
  });
});
