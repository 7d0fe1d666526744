import { PERIOD_TYPES, PeriodCalendar, invalidDateReason, invalidPeriodDateReason, parsePeriodType } from '@lib/leaderboard-core';

describe('parsePeriodType', () => {
  it.each(['day', 'week', 'month', 'all'])('accepts %s', (value) => {
    expect(parsePeriodType(value)).toBe(value);
  });

  it.each(['year', 'Day', '', ' week'])('rejects %j naming the allowed values', (value) => {
    expect(() => parsePeriodType(value)).toThrow(
      `Unknown period type ${JSON.stringify(value)}: expected one of day, week, month, all`,
    );
  });

  it('lists every period type once and cannot be mutated', () => {
    expect(PERIOD_TYPES).toEqual(['day', 'week', 'month', 'all']);
    expect(Object.isFrozen(PERIOD_TYPES)).toBe(true);
  });
});

describe('invalidDateReason: which strings name a date', () => {
  it.each(['2024-02-29', '2000-02-29', '2026-01-31', '2026-12-31', '0001-01-01'])('accepts %s', (s) => {
    expect(invalidDateReason(s)).toBeUndefined();
  });

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // century, not divisible by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026/01/01',
    '',
    '0000-01-01', // its ISO week is week 52 of year -1
    '0000-12-31',
  ])('rejects %j', (s) => {
    expect(invalidDateReason(s)).toEqual(expect.any(String));
  });
});

describe('invalidDateReason', () => {
  it('accepts every date from 0001-01-01 to 9999-12-31, whose periods all have well-formed keys', () => {
    const utc = new PeriodCalendar('UTC');
    for (const date of ['0001-01-01', '0001-01-07', '9999-12-31']) {
      expect(invalidDateReason(date)).toBeUndefined();
      expect(utc.keyForDate('week', date)).toMatch(/^\d{4}-W\d{2}$/);
    }
    expect(utc.keyForDate('week', '0001-01-01')).toBe('0001-W01');
  });

  it('refuses a date of year 0000 saying why, where its week key came out as "00-1-W52"', () => {
    expect(invalidDateReason('0000-01-01')).toBe('must be 0001-01-01 or later (year 0000 begins in ISO week 52 of year -1, which no YYYY-Www key can name)');
    expect(() => new PeriodCalendar('UTC').keyForDate('week', '0000-01-01')).toThrow('Invalid date "0000-01-01"');
  });

  it('says what a date is written like when it is none', () => {
    expect(invalidDateReason('yesterday')).toBe('must be a calendar date YYYY-MM-DD');
    expect(invalidDateReason('2026-1-5')).toBe('must be a calendar date YYYY-MM-DD');
  });

  it('says which part of a date written YYYY-MM-DD does not exist', () => {
    // Before 2026-11-25 only "must be a calendar date YYYY-MM-DD", which 2026-02-30 seemed to be.
    expect(invalidDateReason('2026-02-30')).toBe('must be a calendar date YYYY-MM-DD: 2026-02 has days 01 to 28');
    expect(invalidDateReason('2024-02-30')).toBe('must be a calendar date YYYY-MM-DD: 2024-02 has days 01 to 29');
    expect(invalidDateReason('2026-04-00')).toBe('must be a calendar date YYYY-MM-DD: 2026-04 has days 01 to 30');
    expect(invalidDateReason('0000-02-30')).toBe('must be a calendar date YYYY-MM-DD: 0000-02 has days 01 to 29');
    expect(invalidDateReason('2026-13-01')).toBe('must be a calendar date YYYY-MM-DD: months are 01 to 12');
  });
});

describe('a period asked for by its own key (the periodKey answers give)', () => {
  const utc = new PeriodCalendar('UTC');

  it('takes a week key for period=week and a month key for period=month, as it takes a day inside them', () => {
    // Refused before 2026-11-25 ("date must be a calendar date YYYY-MM-DD"): a client could not give back the periodKey it was answered.
    expect(invalidPeriodDateReason('week', '2026-W48')).toBeUndefined();
    expect(utc.keyForDate('week', '2026-W48')).toBe('2026-W48');
    expect(utc.keyForDate('week', '2026-W53')).toBe('2026-W53');
    expect(invalidPeriodDateReason('month', '2026-11')).toBeUndefined();
    expect(utc.keyForDate('month', '2026-11')).toBe('2026-11');
    expect(utc.keyForDate('week', '2026-11-25')).toBe('2026-W48');
  });

  it.each([
    ['day', '2026-W48', 'is a week key (YYYY-Www): give it with period=week, or a day YYYY-MM-DD'],
    ['month', '2026-W48', 'is a week key (YYYY-Www): give it with period=week, or a day YYYY-MM-DD'],
    ['day', '2026-11', 'is a month key (YYYY-MM): give it with period=month, or a day YYYY-MM-DD'],
    ['week', '2025-W53', 'is not a week of 2025 (it has 52): give a week key YYYY-Www of it, or a day YYYY-MM-DD'],
    ['week', '2026-W00', 'is not a week of 2026 (it has 53): give a week key YYYY-Www of it, or a day YYYY-MM-DD'],
    ['month', '2026-13', 'is not a month (01 to 12): give a month key YYYY-MM, or a day YYYY-MM-DD'],
    ['week', '0000-W01', 'must be 0001-01-01 or later (year 0000 begins in ISO week 52 of year -1, which no YYYY-Www key can name)'],
    ['day', '2026-02-30', 'must be a calendar date YYYY-MM-DD: 2026-02 has days 01 to 28'],
  ])('refuses %s %s saying why', (period, date, reason) => {
    expect(invalidPeriodDateReason(period as never, date)).toBe(reason);
  });
});
