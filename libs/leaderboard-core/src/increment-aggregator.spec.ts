import { ActivityForScoring, BoardIncrements, PeriodCalendar, aggregateIncrements, boardKey } from '@lib/leaderboard-core';

const at = (iso: string): number => Date.parse(iso);
const utc = new PeriodCalendar('UTC');

/** One row per (board, period, periodKey, user) increment. */
const flatten = (groups: BoardIncrements[]) =>
  groups.flatMap(({ board, period, periodKey, userIds, seconds }) => userIds.map((userId, i) => ({ board, period, periodKey, userId, seconds: seconds[i] })));
const byKey = (groups: BoardIncrements[]) =>
  Object.fromEntries(flatten(groups).map((i) => [`${i.userId} ${boardKey('', i.board, i.period, i.periodKey)}`, i.seconds]));

describe('boardKey', () => {
  it('builds the Redis key', () => {
    expect(boardKey('ap:', 'work:programming', 'week', '2026-W47')).toBe('ap:lb:work:programming:week:2026-W47');
    expect(boardKey('', 'total', 'all', 'all')).toBe('lb:total:all:all');
  });
});

describe('aggregateIncrements', () => {
  it('sums fractional seconds to the millisecond, so equal totals are equal whatever their parts and order', () => {
    // Before, 0.1 s + 0.2 s summed to 0.30000000000000004 s: that user ranked above one with 0.3 s.
    const activity = (userId: string, hour: number, durationSec: number): ActivityForScoring => ({
      userId,
      startedAtMs: at(`2026-11-22T${String(hour).padStart(2, '0')}:00:00Z`),
      durationSec,
      boards: ['total'],
    });
    const totals = byKey(aggregateIncrements([activity('x', 9, 0.1), activity('x', 10, 0.2), activity('y', 9, 0.3), activity('z', 9, 1.1), activity('z', 10, 2.2)], utc));
    expect(totals['x lb:total:day:2026-11-22']).toBe(0.3);
    expect(totals['y lb:total:day:2026-11-22']).toBe(0.3);
    expect(totals['z lb:total:all:all']).toBe(3.3);
    // Sub-millisecond parts of a duration count to the nearest millisecond.
    expect(byKey(aggregateIncrements([activity('w', 9, 12.3456789)], utc))['w lb:total:day:2026-11-22']).toBe(12.346);
  });

  it('turns several events of one user into one increment per board and period', () => {
    const activities: ActivityForScoring[] = [
      { userId: 'u1', startedAtMs: at('2026-11-22T09:00:00Z'), durationSec: 600, boards: ['work', 'total'] },
      { userId: 'u1', startedAtMs: at('2026-11-22T10:00:00Z'), durationSec: 300, boards: ['work', 'total'] },
      { userId: 'u1', startedAtMs: at('2026-11-22T11:00:00Z'), durationSec: 60, boards: ['social', 'total'] },
    ];
    const groups = aggregateIncrements(activities, utc);
    expect(flatten(groups)).toHaveLength(2 * 4 + 4); // work and total on 4 periods each, social on 4
    expect(groups.map((g) => `${g.board} ${g.period}`)).toEqual([
      'work day', 'work week', 'work month', 'work all', 'total day', 'total week', 'total month', 'total all', 'social day', 'social week', 'social month', 'social all',
    ]);
    expect(byKey(groups)).toEqual({
      'u1 lb:work:day:2026-11-22': 900,
      'u1 lb:work:week:2026-W47': 900,
      'u1 lb:work:month:2026-11': 900,
      'u1 lb:work:all:all': 900,
      'u1 lb:total:day:2026-11-22': 960,
      'u1 lb:total:week:2026-W47': 960,
      'u1 lb:total:month:2026-11': 960,
      'u1 lb:total:all:all': 960,
      'u1 lb:social:day:2026-11-22': 60,
      'u1 lb:social:week:2026-W47': 60,
      'u1 lb:social:month:2026-11': 60,
      'u1 lb:social:all:all': 60,
    });
  });

  it('keeps users apart and rolls split pieces up into week, month and all', () => {
    const activities: ActivityForScoring[] = [
      // Sunday 23:30 -> Monday 00:30 and Oct 31 -> Nov 1 in the same batch
      { userId: 'u1', startedAtMs: at('2026-11-22T23:30:00Z'), durationSec: 3600, boards: ['work'] },
      { userId: 'u1', startedAtMs: at('2026-11-23T08:00:00Z'), durationSec: 100, boards: ['work'] },
      { userId: 'u2', startedAtMs: at('2026-10-31T23:30:00Z'), durationSec: 3600, boards: ['work'] },
    ];
    expect(byKey(aggregateIncrements(activities, utc))).toEqual({
      'u1 lb:work:day:2026-11-22': 1800,
      'u1 lb:work:day:2026-11-23': 1900,
      'u1 lb:work:week:2026-W47': 1800,
      'u1 lb:work:week:2026-W48': 1900,
      'u1 lb:work:month:2026-11': 3700,
      'u1 lb:work:all:all': 3700,
      'u2 lb:work:day:2026-10-31': 1800,
      'u2 lb:work:day:2026-11-01': 1800,
      'u2 lb:work:week:2026-W44': 3600,
      'u2 lb:work:month:2026-10': 1800,
      'u2 lb:work:month:2026-11': 1800,
      'u2 lb:work:all:all': 3600,
    });
  });

  it('groups several users of one board and period together', () => {
    const activities: ActivityForScoring[] = [
      { userId: 'u1', startedAtMs: at('2026-11-22T09:00:00Z'), durationSec: 10, boards: ['total'] },
      { userId: 'u2', startedAtMs: at('2026-11-22T09:00:00Z'), durationSec: 20, boards: ['total'] },
      { userId: 'u1', startedAtMs: at('2026-11-22T10:00:00Z'), durationSec: 5, boards: ['total'] },
    ];
    const groups = aggregateIncrements(activities, utc);
    expect(groups).toHaveLength(4);
    expect(groups[0]).toEqual({ board: 'total', period: 'day', periodKey: '2026-11-22', userIds: ['u1', 'u2'], seconds: [15, 20] });
    expect(groups[3]).toEqual({ board: 'total', period: 'all', periodKey: 'all', userIds: ['u1', 'u2'], seconds: [15, 20] });
  });

  it('emits exactly one increment per (board, period, periodKey, userId)', () => {
    const activities: ActivityForScoring[] = Array.from({ length: 500 }, (_, i) => ({
      userId: `u${i % 7}`,
      startedAtMs: at('2026-12-20T00:00:00Z') + i * 1_234_567,
      durationSec: 5000 + (i % 13) * 1000,
      boards: ['work', 'work:programming', 'productive', 'total'],
    }));
    const increments = flatten(aggregateIncrements(activities, utc));
    const keys = increments.map((i) => `${i.userId} ${boardKey('', i.board, i.period, i.periodKey)}`);
    expect(new Set(keys).size).toBe(keys.length);
    const totalSeconds = activities.reduce((s, a) => s + a.durationSec, 0);
    const allTimeTotal = increments.filter((i) => i.board === 'total' && i.period === 'all').reduce((s, i) => s + i.seconds, 0);
    expect(allTimeTotal).toBe(totalSeconds);
    for (const period of ['day', 'week', 'month'] as const) {
      const periodTotal = increments.filter((i) => i.board === 'work' && i.period === period).reduce((s, i) => s + i.seconds, 0);
      expect(periodTotal).toBe(totalSeconds);
    }
  });

  it('uses the calendar zone for the keys', () => {
    const berlin = new PeriodCalendar('Europe/Berlin');
    const activity = { userId: 'u1', startedAtMs: at('2026-06-30T22:30:00Z'), durationSec: 60, boards: ['total'] };
    expect(byKey(aggregateIncrements([activity], berlin))).toEqual({
      'u1 lb:total:day:2026-07-01': 60,
      'u1 lb:total:week:2026-W27': 60,
      'u1 lb:total:month:2026-07': 60,
      'u1 lb:total:all:all': 60,
    });
  });

  it('counts a board listed twice once and skips activities without seconds or boards', () => {
    const activities: ActivityForScoring[] = [
      { userId: 'u1', startedAtMs: at('2026-11-22T09:00:00Z'), durationSec: 10, boards: ['work', 'work'] },
      { userId: 'u2', startedAtMs: at('2026-11-22T09:00:00Z'), durationSec: 0, boards: ['work'] },
      { userId: 'u3', startedAtMs: at('2026-11-22T09:00:00Z'), durationSec: 10, boards: [] },
    ];
    const increments = flatten(aggregateIncrements(activities, utc));
    expect(increments.map((i) => [i.userId, i.period, i.seconds])).toEqual([
      ['u1', 'day', 10],
      ['u1', 'week', 10],
      ['u1', 'month', 10],
      ['u1', 'all', 10],
    ]);
    expect(aggregateIncrements([], utc)).toEqual([]);
  });

  it('names the user of an invalid activity', () => {
    const bad = { userId: 'u9', startedAtMs: at('2026-11-22T09:00:00Z'), durationSec: Number.NaN, boards: ['work'] };
    expect(() => aggregateIncrements([bad], utc)).toThrow('Activity of user "u9": durationSec must be a finite number >= 0, got NaN');
  });
});
