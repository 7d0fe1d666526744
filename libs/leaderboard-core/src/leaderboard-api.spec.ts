import { CategoryTime, unlistedSeconds } from './leaderboard-api';

const time = (categoryId: string, path: string[], seconds: number): CategoryTime => ({ categoryId, name: path[path.length - 1], path, color: '#000', productive: false, seconds });

describe('unlistedSeconds', () => {
  it('is total less the listed roots: children count on their root already', () => {
    const categories = [time('work', ['Work'], 300), time('work:programming', ['Work', 'Programming'], 200), time('fun', ['Fun'], 100)];
    expect(unlistedSeconds(400, categories)).toBe(0);
    expect(unlistedSeconds(700, categories)).toBe(300);
    expect(unlistedSeconds(0.3, [time('a', ['A'], 0.1), time('b', ['B'], 0.2)])).toBe(0);
    expect(unlistedSeconds(10, [])).toBe(10);
  });
});
