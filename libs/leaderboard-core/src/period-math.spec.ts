import { PERIOD_TYPES, isValidIsoDate, parsePeriodType } from '@lib/leaderboard-core';

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

describe('isValidIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2026-01-31', '2026-12-31', '0001-01-01'])('accepts %s', (s) => {
    expect(isValidIsoDate(s)).toBe(true);
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
  ])('rejects %j', (s) => {
    expect(isValidIsoDate(s)).toBe(false);
  });
});
