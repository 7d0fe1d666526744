import { boardKey, parseBoardKey } from '@lib/leaderboard-core';

describe('parseBoardKey', () => {
  it('inverts boardKey, also for board ids that contain ":"', () => {
    for (const [board, period, periodKey] of [
      ['work:programming', 'day', '2026-11-22'],
      ['total', 'week', '2026-W47'],
      ['a:b:c', 'month', '2026-11'],
      ['productive', 'all', 'all'],
    ] as const) {
      expect(parseBoardKey('ap:', boardKey('ap:', board, period, periodKey))).toEqual({ board, period, periodKey });
    }
    expect(parseBoardKey('', 'lb:total:day:2026-11-22')).toEqual({ board: 'total', period: 'day', periodKey: '2026-11-22' });
  });

  it('rejects keys of another prefix or shape', () => {
    expect(parseBoardKey('ap:', 'other:lb:total:day:2026-11-22')).toBeUndefined();
    expect(parseBoardKey('ap:', 'ap:lb:total:year:2026')).toBeUndefined();
    expect(parseBoardKey('ap:', 'ap:lb:day:2026-11-22')).toBeUndefined();
    expect(parseBoardKey('ap:', 'ap:lb::day:2026-11-22')).toBeUndefined();
  });
});
