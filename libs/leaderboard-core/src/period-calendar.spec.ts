import { DateTime } from 'luxon';
import { addScores, PeriodCalendar, toScore } from '@lib/leaderboard-core';

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
};
const HOUR = 3600;

/** [dayKey, weekKey, monthKey, seconds] per piece, for compact assertions. */
const summary = (calendar: PeriodCalendar, startIso: string, durationSec: number) =>
  calendar.split(at(startIso), durationSec).map((p) => [p.keys.day, p.keys.week, p.keys.month, p.seconds]);

const sum = (values: number[]): number => values.reduce(addScores, 0);

describe('PeriodCalendar construction', () => {
  it('rejects an unknown zone with a clear message', () => {
    expect(() => new PeriodCalendar('Mars/Olympus_Mons')).toThrow(
      'Unknown time zone "Mars/Olympus_Mons": expected an IANA time zone name such as "UTC" or "Europe/Berlin"',
    );
    expect(() => new PeriodCalendar('')).toThrow('Unknown time zone ""');
  });

  it('canonicalises zone aliases', () => {
    expect(new PeriodCalendar('Etc/UTC').timeZone).toBe('UTC');
    expect(new PeriodCalendar('europe/berlin').timeZone).toBe('Europe/Berlin');
  });
});

describe('keys', () => {
  const utc = new PeriodCalendar('UTC');

  it('formats day, ISO week and month keys', () => {
    expect(utc.keysAt(at('2026-11-22T12:00:00Z'))).toEqual({ day: '2026-11-22', week: '2026-W47', month: '2026-11', all: 'all' });
  });

  it.each([
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2024-12-29', '2024-W52'],
  ])('ISO week of %s is %s', (date, week) => {
    expect(utc.keyForDate('week', date)).toBe(week);
    expect(utc.keysAt(at(`${date}T23:59:59.999Z`)).week).toBe(week);
    expect(utc.keysAt(at(`${date}T00:00:00Z`)).week).toBe(week);
  });

  it('changes month after the last day of a month, including leap day', () => {
    expect(utc.keyForDate('month', '2026-01-31')).toBe('2026-01');
    expect(utc.keyForDate('month', '2026-02-01')).toBe('2026-02');
    expect(utc.keysAt(at('2024-02-29T23:59:59.999Z'))).toEqual({ day: '2024-02-29', week: '2024-W09', month: '2024-02', all: 'all' });
    expect(utc.keysAt(at('2024-03-01T00:00:00Z')).month).toBe('2024-03');
  });

  it('keyForDate returns the key of each period and rejects bad dates', () => {
    expect(utc.keyForDate('day', '2024-02-29')).toBe('2024-02-29');
    expect(utc.keyForDate('all', '2024-02-29')).toBe('all');
    expect(() => utc.keyForDate('day', '2023-02-29')).toThrow('Invalid date "2023-02-29": expected a real calendar date as YYYY-MM-DD');
    expect(() => utc.keyForDate('month', '2026-7-01')).toThrow('Invalid date "2026-7-01"');
    expect(() => utc.keyForDate('year' as never, '2026-07-01')).toThrow('Unknown period type "year"');
  });

  it('uses local time in a non-UTC zone', () => {
    const berlin = new PeriodCalendar('Europe/Berlin');
    const instant = at('2026-06-30T22:30:00Z'); // 00:30 CEST
    expect(berlin.keysAt(instant)).toEqual({ day: '2026-07-01', week: '2026-W27', month: '2026-07', all: 'all' });
    expect(utc.keysAt(instant)).toEqual({ day: '2026-06-30', week: '2026-W27', month: '2026-06', all: 'all' });
    expect(berlin.currentKey('month', instant)).toBe('2026-07');
    expect(new PeriodCalendar('America/Los_Angeles').currentKey('day', instant)).toBe('2026-06-30');
  });

  it('gives the local wall-clock hour, across a DST change', () => {
    const berlin = new PeriodCalendar('Europe/Berlin');
    expect(berlin.localHour(at('2026-06-30T22:30:00Z'))).toBe(0); // 00:30 CEST
    expect(utc.localHour(at('2026-06-30T22:30:00Z'))).toBe(22);
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 01:30 UTC is 03:30 local.
    expect(berlin.localHour(at('2026-03-29T00:30:00Z'))).toBe(1);
    expect(berlin.localHour(at('2026-03-29T01:30:00Z'))).toBe(3);
    expect(() => berlin.localHour(Number.NaN)).toThrow('epochMs');
  });

  it('returns frozen keys because they are shared through the cache', () => {
    const keys = utc.keysAt(at('2026-01-01T00:00:00Z'));
    expect(() => {
      keys.day = 'x';
    }).toThrow(TypeError);
  });

  it('rejects a non-finite instant', () => {
    expect(() => utc.keysAt(Number.NaN)).toThrow('epochMs must be a finite epoch milliseconds value, got NaN');
  });

  it.each(['UTC', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Apia', 'America/Havana', 'Atlantic/Azores'])(
    'agrees with luxon on every day of 12 years in %s, at a random instant and around local midnight',
    (zone) => {
      const calendar = new PeriodCalendar(zone);
      const luxonKeys = (ms: number) => {
        const local = DateTime.fromMillis(ms, { zone });
        return `${local.toISODate()} ${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')} ${local.toFormat('yyyy-MM')}`;
      };
      const ourKeys = (ms: number) => {
        const keys = calendar.keysAt(ms);
        return `${keys.day} ${keys.week} ${keys.month}`;
      };
      let seed = 42;
      const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      const mismatches: string[] = [];
      // 4383 days > the 2048-day cache, so eviction and re-resolution are exercised as well.
      for (let day = at('2018-01-01T00:00:00Z'); day < at('2030-01-01T00:00:00Z'); day += 86_400_000) {
        const midnight = calendar.periodStart('day', calendar.keysAt(day).day);
        for (const ms of [day + Math.floor(random() * 86_400_000), midnight - 1, midnight]) {
          if (ourKeys(ms) !== luxonKeys(ms)) mismatches.push(`${new Date(ms).toISOString()}: ${ourKeys(ms)} != ${luxonKeys(ms)}`);
        }
      }
      expect(mismatches).toEqual([]);
    },
  );
});

describe('split', () => {
  const utc = new PeriodCalendar('UTC');

  it('keeps an activity inside one day as one piece', () => {
    expect(utc.split(at('2026-11-22T10:00:00Z'), 90.5)).toEqual([
      { startMs: at('2026-11-22T10:00:00Z'), seconds: 90.5, keys: utc.keysAt(at('2026-11-22T10:00:00Z')) },
    ]);
  });

  it('treats the end as exclusive: ending exactly at midnight stays on one day', () => {
    expect(summary(utc, '2026-11-22T23:30:00Z', 1800)).toEqual([['2026-11-22', '2026-W47', '2026-11', 1800]]);
  });

  it('splits 23:30 + 1 h into 30 min on each day, moving to the next ISO week Sunday -> Monday', () => {
    const pieces = utc.split(at('2026-11-22T23:30:00Z'), HOUR);
    expect(pieces.map((p) => [p.startMs, p.seconds, p.keys.day, p.keys.week])).toEqual([
      [at('2026-11-22T23:30:00Z'), 1800, '2026-11-22', '2026-W47'],
      [at('2026-11-23T00:00:00Z'), 1800, '2026-11-23', '2026-W48'],
    ]);
  });

  it('moves to the next month on the 31st -> 1st and the next year on New Year', () => {
    expect(summary(utc, '2026-10-31T23:30:00Z', HOUR)).toEqual([
      ['2026-10-31', '2026-W44', '2026-10', 1800],
      ['2026-11-01', '2026-W44', '2026-11', 1800],
    ]);
    // New Year inside ISO week 2026-W53: the week key does not change, the month does.
    expect(summary(utc, '2026-12-31T23:30:00Z', HOUR)).toEqual([
      ['2026-12-31', '2026-W53', '2026-12', 1800],
      ['2027-01-01', '2026-W53', '2027-01', 1800],
    ]);
  });

  it('splits an activity longer than a day over 3 days', () => {
    expect(summary(utc, '2026-11-21T22:00:00Z', 30 * HOUR)).toEqual([
      ['2026-11-21', '2026-W47', '2026-11', 2 * HOUR],
      ['2026-11-22', '2026-W47', '2026-11', 24 * HOUR],
      ['2026-11-23', '2026-W48', '2026-11', 4 * HOUR],
    ]);
  });

  it('splits at local midnight before the 23-hour day of spring DST in Europe/Berlin', () => {
    const berlin = new PeriodCalendar('Europe/Berlin');
    // 2026-03-28 23:30 CET (+01:00) + 1 h
    expect(summary(berlin, '2026-03-28T22:30:00Z', HOUR)).toEqual([
      ['2026-03-28', '2026-W13', '2026-03', 1800],
      ['2026-03-29', '2026-W13', '2026-03', 1800],
    ]);
    // The whole of 2026-03-29 is 23 h: 24 h from its midnight spill 1 h into Monday (next ISO week).
    expect(berlin.periodEnd('day', '2026-03-29') - berlin.periodStart('day', '2026-03-29')).toBe(23 * HOUR * 1000);
    expect(summary(berlin, '2026-03-28T23:00:00Z', 24 * HOUR)).toEqual([
      ['2026-03-29', '2026-W13', '2026-03', 23 * HOUR],
      ['2026-03-30', '2026-W14', '2026-03', HOUR],
    ]);
  });

  it('splits at local midnight before the 25-hour day of autumn DST in Europe/Berlin', () => {
    const berlin = new PeriodCalendar('Europe/Berlin');
    // 2026-10-24 23:30 CEST (+02:00) + 1 h
    expect(summary(berlin, '2026-10-24T21:30:00Z', HOUR)).toEqual([
      ['2026-10-24', '2026-W43', '2026-10', 1800],
      ['2026-10-25', '2026-W43', '2026-10', 1800],
    ]);
    expect(berlin.periodEnd('day', '2026-10-25') - berlin.periodStart('day', '2026-10-25')).toBe(25 * HOUR * 1000);
    expect(summary(berlin, '2026-10-24T22:00:00Z', 26 * HOUR)).toEqual([
      ['2026-10-25', '2026-W43', '2026-10', 25 * HOUR],
      ['2026-10-26', '2026-W44', '2026-10', HOUR],
    ]);
  });

  it('puts a fractional remainder on the last piece so the pieces sum to the duration', () => {
    expect(summary(utc, '2026-11-22T23:30:00Z', 3600.25)).toEqual([
      ['2026-11-22', '2026-W47', '2026-11', 1800],
      ['2026-11-23', '2026-W48', '2026-11', 1800.25],
    ]);
  });

  it('rounds sub-second time at midnight to whole seconds and drops empty pieces', () => {
    // 0.4 s before midnight rounds to 0 s on that day.
    expect(summary(utc, '2026-11-22T23:59:59.600Z', 10)).toEqual([['2026-11-23', '2026-W48', '2026-11', 10]]);
    // 0.6 s before midnight rounds to 1 s.
    expect(summary(utc, '2026-11-22T23:59:59.400Z', 10)).toEqual([
      ['2026-11-22', '2026-W47', '2026-11', 1],
      ['2026-11-23', '2026-W48', '2026-11', 9],
    ]);
  });

  it('counts a duration to the millisecond', () => {
    expect(summary(utc, '2026-11-22T10:00:00Z', 12.3456789)).toEqual([['2026-11-22', '2026-W47', '2026-11', 12.346]]);
    expect(summary(utc, '2026-11-22T23:30:00Z', 1800.0004)).toEqual([['2026-11-22', '2026-W47', '2026-11', 1800]]);
    expect(summary(utc, '2026-11-22T23:30:00Z', 3600.0006)).toEqual([
      ['2026-11-22', '2026-W47', '2026-11', 1800],
      ['2026-11-23', '2026-W48', '2026-11', 1800.001],
    ]);
    expect(utc.split(at('2026-11-22T10:00:00Z'), 0.0004)).toEqual([]);
  });

  it('never credits more than a fractional duration to the pieces before the last', () => {
    // 0.7 s activity, 0.6 s of it before midnight: rounding would give 1 s, but only 0 whole seconds exist.
    expect(summary(utc, '2026-11-22T23:59:59.400Z', 0.7)).toEqual([['2026-11-23', '2026-W48', '2026-11', 0.7]]);
  });

  it.each(['UTC', 'Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kolkata'])(
    'pieces are whole milliseconds and sum to the duration to the millisecond in %s (random activities)',
    (zone) => {
      const calendar = new PeriodCalendar(zone);
      let seed = 7;
      const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      const failures: string[] = [];
      for (let i = 0; i < 2000; i++) {
        const start = at('2026-01-01T00:00:00Z') + Math.floor(random() * 365 * 86_400_000);
        const duration = i % 2 === 0 ? Math.floor(random() * 3 * 86_400) : random() * 200_000;
        const pieces = calendar.split(start, duration).map((p) => p.seconds);
        const days = new Set(calendar.split(start, duration).map((p) => p.keys.day));
        const whole = pieces.every((p) => toScore(p) === p);
        if (!whole || sum(pieces) !== toScore(duration) || sum([...pieces].reverse()) !== toScore(duration) || days.size !== pieces.length) {
          failures.push(`${start} + ${duration}: ${pieces.join(' + ')}`);
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('returns no piece for a zero duration and rejects invalid input', () => {
    expect(utc.split(at('2026-11-22T10:00:00Z'), 0)).toEqual([]);
    expect(() => utc.split(at('2026-11-22T10:00:00Z'), -1)).toThrow('durationSec must be a finite number >= 0, got -1');
    expect(() => utc.split(at('2026-11-22T10:00:00Z'), Number.POSITIVE_INFINITY)).toThrow('durationSec must be a finite number');
    expect(() => utc.split(Number.NaN, 10)).toThrow('startMs must be a finite epoch milliseconds value, got NaN');
  });

  it('handles a zone whose local midnight does not exist (America/Sao_Paulo 2018-11-04 starts at 01:00)', () => {
    const saoPaulo = new PeriodCalendar('America/Sao_Paulo');
    expect(saoPaulo.periodStart('day', '2018-11-04')).toBe(at('2018-11-04T03:00:00Z'));
    // 2018-11-03 23:30 (-03:00) + 1 h ends at 01:30 (-02:00) on 11-04
    expect(summary(saoPaulo, '2018-11-04T02:30:00Z', HOUR)).toEqual([
      ['2018-11-03', '2018-W44', '2018-11', 1800],
      ['2018-11-04', '2018-W44', '2018-11', 1800],
    ]);
  });

  it('starts a day at the first of two midnights (America/Havana 2026-11-01: 01:00 CDT goes back to 00:00 CST)', () => {
    const havana = new PeriodCalendar('America/Havana');
    // Before, the day started at the second midnight (05:00Z): 00:00-00:59 CDT counted on October 31.
    expect(havana.periodStart('day', '2026-11-01')).toBe(at('2026-11-01T04:00:00Z'));
    expect(havana.periodStart('month', '2026-11')).toBe(at('2026-11-01T04:00:00Z'));
    expect(havana.periodEnd('day', '2026-11-01') - havana.periodStart('day', '2026-11-01')).toBe(25 * HOUR * 1000);
    expect(summary(havana, '2026-11-01T03:30:00Z', HOUR)).toEqual([
      ['2026-10-31', '2026-W44', '2026-10', 1800],
      ['2026-11-01', '2026-W44', '2026-11', 1800],
    ]);
    // Atlantic/Azores, the last Sunday of October: 01:00 (+00:00) goes back to 00:00 (-01:00).
    expect(new PeriodCalendar('Atlantic/Azores').keysAt(at('2026-10-25T00:30:00Z')).day).toBe('2026-10-25');
  });

  it('skips a calendar date that does not exist locally (Pacific/Apia 2011-12-30)', () => {
    const apia = new PeriodCalendar('Pacific/Apia');
    // 2011-12-29 23:30 (-10:00) + 1 h: the clock jumped to 2011-12-31 00:00 (+14:00)
    expect(summary(apia, '2011-12-30T09:30:00Z', HOUR)).toEqual([
      ['2011-12-29', '2011-W52', '2011-12', 1800],
      ['2011-12-31', '2011-W52', '2011-12', 1800],
    ]);
  });
});

describe('period navigation', () => {
  const utc = new PeriodCalendar('UTC');
  const berlin = new PeriodCalendar('Europe/Berlin');

  it('periodStart returns the local start of the period', () => {
    expect(utc.periodStart('day', '2024-02-29')).toBe(at('2024-02-29T00:00:00Z'));
    expect(utc.periodStart('week', '2020-W53')).toBe(at('2020-12-28T00:00:00Z'));
    expect(utc.periodStart('week', '2025-W01')).toBe(at('2024-12-30T00:00:00Z'));
    expect(utc.periodStart('month', '2024-02')).toBe(at('2024-02-01T00:00:00Z'));
    expect(berlin.periodStart('month', '2026-03')).toBe(at('2026-02-28T23:00:00Z'));
    expect(berlin.periodStart('month', '2026-07')).toBe(at('2026-06-30T22:00:00Z'));
    expect(berlin.periodEnd('week', '2026-W13')).toBe(at('2026-03-29T22:00:00Z'));
  });

  it('periodEnd of the last periods of year 9999 is in year 10000 (which no key can write)', () => {
    // Before, it went through the next period's key and threw `Invalid month key "10000-01"`.
    expect(utc.periodEnd('day', '9999-12-31')).toBe(Date.UTC(10000, 0, 1));
    expect(utc.periodEnd('week', '9999-W52')).toBe(Date.UTC(10000, 0, 3));
    expect(utc.periodEnd('month', '9999-12')).toBe(Date.UTC(10000, 0, 1));
    expect(berlin.periodEnd('month', '9999-12')).toBe(Date.UTC(10000, 0, 1) - 3_600_000);
  });

  it('periodStart rejects malformed keys and weeks that do not exist', () => {
    expect(() => utc.periodStart('week', '2021-W53')).toThrow('Invalid week key "2021-W53": expected YYYY-Www');
    expect(() => utc.periodStart('week', '2026-W00')).toThrow('Invalid week key');
    expect(() => utc.periodStart('week', '2026-W7')).toThrow('Invalid week key');
    expect(() => utc.periodStart('month', '2026-13')).toThrow('Invalid month key "2026-13": expected YYYY-MM');
    expect(() => utc.periodStart('day', '2026-02-29')).toThrow('Invalid day key "2026-02-29": expected YYYY-MM-DD');
    expect(() => utc.periodStart('all' as never, 'all')).toThrow('Period "all" has no start');
  });

  it('steps keys across year, month and leap-day boundaries', () => {
    expect(utc.previousKey('week', '2021-W01')).toBe('2020-W53');
    expect(utc.nextKey('week', '2020-W53')).toBe('2021-W01');
    expect(utc.nextKey('week', '2026-W52')).toBe('2026-W53');
    expect(utc.nextKey('month', '2026-12')).toBe('2027-01');
    expect(utc.previousKey('month', '2026-01')).toBe('2025-12');
    expect(utc.nextKey('day', '2024-02-28')).toBe('2024-02-29');
    expect(utc.previousKey('day', '2024-03-01')).toBe('2024-02-29');
    expect(utc.nextKey('day', '2026-12-31')).toBe('2027-01-01');
  });
});
