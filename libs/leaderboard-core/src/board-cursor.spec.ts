import { decodeCursor, encodeCursor } from '@lib/leaderboard-core';

describe('board cursor', () => {
  const ref = { board: 'work:programming', period: 'day' as const, periodKey: '2026-11-24' };

  it('carries the board, the period and the last entry of a page', () => {
    const cursor = encodeCursor(ref, { userId: 'a:b/c=', score: 0.3 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ ...ref, userId: 'a:b/c=', score: 0.3 });
  });

  it('refuses anything else with a reason', () => {
    const reason = 'must be the nextCursor of an earlier page, as it was answered';
    const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of ['', 'x', '%%%', encoded({}), encoded(['total', 'day', '2026-11-24', '1', 'u']), encoded(['total', 'fortnight', 'k', 1, 'u']), encoded(['total', 'day', '2026-11-24', 1, ''])]) {
      expect(() => decodeCursor(text)).toThrow(reason);
    }
  });
});
