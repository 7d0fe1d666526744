import { AhoCorasick, MatchBuffer, foldPattern, foldedStart } from './aho-corasick';

function allMatches(automaton: AhoCorasick, text: string): [number, number][] {
  const buffer = new MatchBuffer();
  const count = automaton.scan(text, buffer);
  const found: [number, number][] = [];
  for (let i = 0; i < count; i++) found.push([buffer.pattern(i), buffer.end(i)]);
  return found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function naiveMatches(patterns: string[], text: string): [number, number][] {
  const found: [number, number][] = [];
  patterns.forEach((pattern, index) => {
    for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
      found.push([index, at + pattern.length - 1]);
    }
  });
  return found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

// Dense-only, sparse-only (just the root row is dense) and mixed layouts must agree.
const BUDGETS = [1 << 22, 1, 64];

describe('AhoCorasick', () => {
  it.each(BUDGETS)('finds overlapping and nested patterns (he/she/his/hers), budget %i', (budget) => {
    const automaton = new AhoCorasick(['he', 'she', 'his', 'hers'], budget);
    expect(allMatches(automaton, 'ushers')).toEqual([
      [0, 3],
      [1, 3],
      [3, 5],
    ]);
  });

  it('reports nothing for text without patterns', () => {
    expect(allMatches(new AhoCorasick(['abc']), 'xyz ab bc')).toEqual([]);
  });

  it('handles non-ASCII characters', () => {
    const automaton = new AhoCorasick(['pokémon', 'café']);
    expect(allMatches(automaton, 'le café pokémon')).toEqual([
      [0, 14],
      [1, 6],
    ]);
  });

  it.each(BUDGETS)('agrees with a naive search on random inputs, budget %i', (budget) => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const word = (max: number): string => {
      let s = '';
      const length = 1 + random(max);
      for (let i = 0; i < length; i++) s += 'abc'[random(3)];
      return s;
    };
    for (let round = 0; round < 50; round++) {
      const patterns = [...new Set(Array.from({ length: 1 + random(30) }, () => word(6)))];
      const automaton = new AhoCorasick(patterns, budget);
      const text = Array.from({ length: 5 }, () => word(20)).join('');
      expect(allMatches(automaton, text)).toEqual(naiveMatches(patterns, text));
    }
  });

  it('finds every edge of wide sparse nodes (binary search)', () => {
    const patterns = Array.from({ length: 60 }, (_, i) => `x${String.fromCharCode(0x61 + (i % 26))}${i >= 26 ? i : ''}`);
    const automaton = new AhoCorasick(patterns, 1);
    const text = 'xa xz xq35 xm xb59 x';
    expect(allMatches(automaton, text)).toEqual(naiveMatches(patterns, text));
  });

  it('folds case and whitespace runs while scanning, reporting raw positions', () => {
    const automaton = new AhoCorasick(['pull request', 'ab']);
    const text = 'Open PULL \t\n Request  AB';
    expect(allMatches(automaton, text)).toEqual([
      [0, 19],
      [1, 23],
    ]);
    expect(foldedStart(text, 19, 'pull request'.length)).toBe(5);
    expect(foldedStart(text, 23, 2)).toBe(22);
  });

  it('treats final sigma like sigma, as toLowerCase() would in context', () => {
    const automaton = new AhoCorasick([foldPattern('οδος')]);
    expect(allMatches(automaton, 'ΟΔΟΣ')).toEqual([[0, 3]]);
    expect(allMatches(automaton, 'οδος')).toEqual([[0, 3]]);
  });

  it("folds 'İ' to 'i' so ASCII runs of the lower-cased text are still found", () => {
    // 'GİT'.toLowerCase() is 'gi̇t': the regex prefilter needs to see the 'gi' in it.
    const automaton = new AhoCorasick(['gi']);
    expect(allMatches(automaton, 'GİT')).toEqual([[0, 1]]);
  });

  it('rejects empty and duplicate patterns', () => {
    expect(() => new AhoCorasick([''])).toThrow(/empty/);
    expect(() => new AhoCorasick(['a', 'a'])).toThrow(/duplicates/);
  });

  it('grows the match buffer past its initial capacity', () => {
    const automaton = new AhoCorasick(['a']);
    expect(allMatches(automaton, 'a'.repeat(100))).toHaveLength(100);
  });
});

describe('foldPattern', () => {
  it('lower-cases per unit and maps whitespace to a space', () => {
    expect(foldPattern('AbC\u00a0D')).toBe('abc d');
  });
});
