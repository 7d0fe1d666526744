import { ScoredEntry, competitionRanks, rankPage } from '@lib/leaderboard-core';

const entries = (...pairs: Array<[string, number]>): ScoredEntry[] => pairs.map(([userId, score]) => ({ userId, score }));
const ranks = (ranked: Array<{ userId: string; rank: number }>) => ranked.map((e) => [e.userId, e.rank]);

describe('competitionRanks', () => {
  it('gives ties the same rank and skips the following ranks (1, 2, 2, 4)', () => {
    expect(competitionRanks(entries(['a', 100], ['c', 90], ['b', 90], ['d', 80]))).toEqual([
      { userId: 'a', score: 100, rank: 1 },
      { userId: 'c', score: 90, rank: 2 },
      { userId: 'b', score: 90, rank: 2 },
      { userId: 'd', score: 80, rank: 4 },
    ]);
  });

  it('orders unsorted input like ZREVRANGE: score desc, then member desc', () => {
    const input = entries(['b', 90], ['d', 80], ['a', 100], ['c', 90], ['e', 80], ['f', 80]);
    expect(ranks(competitionRanks(input))).toEqual([['a', 1], ['c', 2], ['b', 2], ['f', 4], ['e', 4], ['d', 4]]);
    expect(input[0].userId).toBe('b'); // the caller's array is not reordered
  });

  it('handles all-tied, single and empty boards', () => {
    expect(ranks(competitionRanks(entries(['a', 5], ['b', 5], ['c', 5])))).toEqual([['c', 1], ['b', 1], ['a', 1]]);
    expect(ranks(competitionRanks(entries(['a', 5])))).toEqual([['a', 1]]);
    expect(competitionRanks([])).toEqual([]);
  });
});

describe('rankPage', () => {
  // Whole board as ZREVRANGE returns it: ranks 1, 2, 2, 2, 5, 5, 7
  const board = entries(['a', 100], ['d', 90], ['c', 90], ['b', 90], ['f', 80], ['e', 80], ['g', 70]);
  const firstRankOf = (page: ScoredEntry[]) => 1 + board.filter((e) => e.score > page[0].score).length; // ZCOUNT (s +inf

  it('matches the whole-board ranking for every page position and size', () => {
    const whole = competitionRanks(board);
    for (let size = 1; size <= board.length; size++) {
      for (let offset = 0; offset < board.length; offset++) {
        const page = board.slice(offset, offset + size);
        expect(rankPage(page, firstRankOf(page), offset)).toEqual(whole.slice(offset, offset + size));
      }
    }
  });

  it('continues a tie that started on the previous page (non-1 firstRank)', () => {
    const page = board.slice(2, 6); // c90 b90 | f80 e80, with d90 on the previous page
    expect(firstRankOf(page)).toBe(2);
    expect(ranks(rankPage(page, 2, 2))).toEqual([['c', 2], ['b', 2], ['f', 5], ['e', 5]]);
  });

  it('defaults offset to firstRank - 1, which is right when the page starts a tie group', () => {
    expect(ranks(rankPage(board.slice(4), 5))).toEqual([['f', 5], ['e', 5], ['g', 7]]);
    expect(ranks(rankPage(board.slice(0, 3), 1))).toEqual([['a', 1], ['d', 2], ['c', 2]]);
  });

  it('keeps extra fields of the entries', () => {
    expect(rankPage([{ userId: 'a', score: 1, name: 'Ada' }], 1)).toEqual([{ userId: 'a', score: 1, name: 'Ada', rank: 1 }]);
  });

  it('rejects unsorted entries and impossible rank arguments', () => {
    expect(() => rankPage(entries(['a', 1], ['b', 2]), 1)).toThrow(
      'entries must be sorted by score descending: 2 follows 1 at index 1',
    );
    expect(() => rankPage(board, 0)).toThrow('firstRank must be an integer >= 1, got 0');
    expect(() => rankPage(board, 1.5)).toThrow('firstRank must be an integer >= 1, got 1.5');
    expect(() => rankPage(board, 5, 3)).toThrow('offset must be an integer >= firstRank - 1 (4), got 3');
  });
});
