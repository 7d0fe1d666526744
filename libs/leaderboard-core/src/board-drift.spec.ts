import { boardDrift } from '@lib/leaderboard-core';

describe('boardDrift', () => {
  it('reports users missing, extra or different on either side, sorted by user', () => {
    const expected = new Map([['carol', 30], ['alice', 10], ['bob', 20]]);
    const actual = [{ userId: 'bob', score: 40 }, { userId: 'alice', score: 10 }, { userId: 'dave', score: 5 }];
    expect(boardDrift(expected, actual)).toEqual([
      { userId: 'bob', expected: 20, actual: 40 },
      { userId: 'carol', expected: 30, actual: 0 },
      { userId: 'dave', expected: 0, actual: 5 },
    ]);
  });

  it('ignores floating-point noise of fractional sums but not a fraction of a second', () => {
    const parts = [0.1, 0.2, 0.3, 0.4, 1e6 + 0.7];
    const forward = parts.reduce((a, b) => a + b, 0);
    const backward = [...parts].reverse().reduce((a, b) => a + b, 0);
    expect(boardDrift(new Map([['u', forward]]), [{ userId: 'u', score: backward }])).toEqual([]);
    expect(boardDrift(new Map([['u', 1e6]]), [{ userId: 'u', score: 1e6 + 0.5 }])).toHaveLength(1);
    expect(boardDrift(new Map(), [])).toEqual([]);
  });
});
