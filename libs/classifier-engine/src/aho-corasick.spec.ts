import { AhoCorasick, MatchBuffer } from './aho-corasick';

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

describe('AhoCorasick', () => {
  it('finds overlapping and nested patterns (classic he/she/his/hers)', () => {
    const patterns = ['he', 'she', 'his', 'hers'];
    const automaton = new AhoCorasick(patterns);
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

  it('agrees with a naive search on random inputs (dense alphabet, many failure transitions)', () => {
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
      const automaton = new AhoCorasick(patterns);
      const text = Array.from({ length: 5 }, () => word(20)).join('');
      expect(allMatches(automaton, text)).toEqual(naiveMatches(patterns, text));
    }
  });

  it('uses binary search on wide nodes without losing matches', () => {
    const patterns = Array.from({ length: 40 }, (_, i) => `x${String.fromCharCode(65 + i)}`);
    const automaton = new AhoCorasick(patterns);
    expect(allMatches(automaton, 'xA xZ xg')).toEqual(naiveMatches(patterns, 'xA xZ xg'));
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
