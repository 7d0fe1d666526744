import { PeriodCalendar, periodsCoveringDates } from '@lib/leaderboard-core';

const utc = new PeriodCalendar('UTC');
const at = (iso: string) => Date.parse(iso);

describe('periodsCoveringDates', () => {
  it('lists each day, week and month touching the range once, as whole periods', () => {
    const windows = periodsCoveringDates(utc, '2026-11-29', '2026-12-01', ['day', 'week', 'month']);
    expect(windows.map((w) => `${w.period} ${w.periodKey}`)).toEqual([
      'day 2026-11-29',
      'week 2026-W48',
      'month 2026-11',
      'day 2026-11-30',
      'week 2026-W49',
      'day 2026-12-01',
      'month 2026-12',
    ]);
    const week = windows.find((w) => w.periodKey === '2026-W48')!;
    expect([week.startMs, week.endMs]).toEqual([at('2026-11-23T00:00:00Z'), at('2026-11-30T00:00:00Z')]);
    const month = windows.find((w) => w.periodKey === '2026-12')!;
    expect([month.startMs, month.endMs]).toEqual([at('2026-12-01T00:00:00Z'), at('2027-01-01T00:00:00Z')]);
  });

  it('uses local midnights of the calendar zone', () => {
    const [day] = periodsCoveringDates(new PeriodCalendar('Europe/Berlin'), '2026-07-01', '2026-07-01', ['day']);
    expect([day.startMs, day.endMs]).toEqual([at('2026-06-30T22:00:00Z'), at('2026-07-01T22:00:00Z')]);
  });

  it('covers the last dates of year 9999, whose periods end in year 10000', () => {
    // Before: `Invalid month key "10000-01"` from verify --to 9999-12-31.
    const windows = periodsCoveringDates(utc, '9999-12-30', '9999-12-31', ['day', 'week', 'month']);
    expect(windows.map((w) => `${w.period} ${w.periodKey} ${w.endMs}`)).toEqual([
      `day 9999-12-30 ${Date.UTC(9999, 11, 31)}`,
      `week 9999-W52 ${Date.UTC(10000, 0, 3)}`,
      `month 9999-12 ${Date.UTC(10000, 0, 1)}`,
      `day 9999-12-31 ${Date.UTC(10000, 0, 1)}`,
    ]);
  });

  it('names the bad argument', () => {
    expect(() => periodsCoveringDates(utc, '2026-02-30', '2026-03-01', ['day'])).toThrow('--from must be a calendar date YYYY-MM-DD: 2026-02 has days 01 to 28, got "2026-02-30"');
    expect(() => periodsCoveringDates(utc, '2026-03-01', 'soon', ['day'])).toThrow('--to must be a calendar date');
    expect(() => periodsCoveringDates(utc, '0000-01-01', '0000-01-05', ['week'])).toThrow(
      '--from must be 0001-01-01 or later (year 0000 begins in ISO week 52 of year -1, which no YYYY-Www key can name), got "0000-01-01"',
    );
    expect(() => periodsCoveringDates(utc, '2026-03-02', '2026-03-01', ['day'])).toThrow('--to (2026-03-01) must not be before --from (2026-03-02)');
    expect(() => periodsCoveringDates(utc, '2000-01-01', '2026-03-01', ['day'])).toThrow('at most 3660 days');
  });
});
