import { competitionRanks, ScoredEntry, SortedBoard } from '@lib/leaderboard-core';

const entries = (...pairs: Array<[string, number]>): ScoredEntry[] => pairs.map(([userId, score]) => ({ userId, score }));

describe('SortedBoard', () => {
  // Ranks as Redis gives them: a 100 | d c b 90 | f e 80 | g 70 → 1, 2, 2, 2, 5, 5, 7
  const input = entries(['b', 90], ['g', 70], ['a', 100], ['e', 80], ['c', 90], ['f', 80], ['d', 90]);
  const board = SortedBoard.merge(input);

  it('orders and ranks like ZREVRANGE with competition ranks', () => {
    expect(board.size).toBe(7);
    expect(board.page(0, 10)).toEqual(competitionRanks(input));
    expect(board.page(0, 10).map((e) => `${e.userId}${e.rank}`)).toEqual(['a1', 'd2', 'c2', 'b2', 'f5', 'e5', 'g7']);
  });

  it('pages with offset, including a page that starts inside a tie', () => {
    expect(board.page(3, 2).map((e) => [e.userId, e.rank])).toEqual([['b', 2], ['f', 5]]);
    expect(board.page(6, 5).map((e) => e.userId)).toEqual(['g']);
    expect(board.page(7, 5)).toEqual([]);
  });

  it('answers a user rank, and null with score 0 for an absent user', () => {
    expect(board.rankOf('c')).toEqual({ rank: 2, score: 90 });
    expect(board.rankOf('g')).toEqual({ rank: 7, score: 70 });
    expect(board.rankOf('zoe')).toEqual({ rank: null, score: 0 });
  });

  it('returns k entries around a user, clipped at both ends', () => {
    expect(board.around('b', 1).map((e) => [e.userId, e.rank])).toEqual([['c', 2], ['b', 2], ['f', 5]]);
    expect(board.around('a', 2).map((e) => e.userId)).toEqual(['a', 'd', 'c']);
    expect(board.around('g', 2).map((e) => e.userId)).toEqual(['f', 'e', 'g']);
    expect(board.around('e', 0).map((e) => e.userId)).toEqual(['e']);
    expect(board.around('zoe', 3)).toEqual([]);
  });

  it('sums an archive and late increments to the millisecond, as the live board does', () => {
    // Before, 0.1 archived + 0.2 late made 0.30000000000000004, ranked above a user with 0.3.
    const merged = SortedBoard.merge(entries(['x', 0.1], ['y', 0.3]), entries(['x', 0.2]));
    expect(merged.page(0, 2)).toEqual([{ rank: 1, userId: 'y', score: 0.3 }, { rank: 1, userId: 'x', score: 0.3 }]);
  });

  it("finds the page after a cursor's entry, whether that entry is on the board with its score or not", () => {
    // a 100 | d c b 90 | f e 80 | g 70
    expect(board.positionAfter({ userId: 'a', score: 100 })).toBe(1);
    expect(board.positionAfter({ userId: 'c', score: 90 })).toBe(3);
    expect(board.page(board.positionAfter({ userId: 'c', score: 90 }), 2).map((e) => [e.userId, e.rank])).toEqual([['b', 2], ['f', 5]]);
    // c has another score now, or is gone: the page still starts after its old place.
    expect(board.positionAfter({ userId: 'cc', score: 90 })).toBe(2);
    expect(board.positionAfter({ userId: 'zz', score: 85 })).toBe(4);
    expect(board.positionAfter({ userId: 'g', score: 70 })).toBe(7);
    expect(board.positionAfter({ userId: 'zz', score: 1000 })).toBe(0);
  });

  it('merges lists by summing each user and drops users at zero', () => {
    const merged = SortedBoard.merge(entries(['a', 10], ['b', 5]), entries(['b', 7], ['c', 1]), entries(['c', -1]));
    expect(merged.all()).toEqual(entries(['b', 12], ['a', 10]));
    expect(SortedBoard.merge().size).toBe(0);
  });
});
