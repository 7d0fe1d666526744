import { RegExpParser } from '@eslint-community/regexpp';
import { ClassifierEngine } from './classifier-engine';
import { DEFAULT_TAXONOMY } from './data/default-taxonomy';
import { caseVariants, compileLinearRegex, forLowercaseText, lowercaseVariants } from './linear-regex';
import { compileTitleRegex } from './rule-compiler';

const PATTERNS = [
  'Visual Studio', '[A-Z]+ code', '[A-z]', '[^A-Z]x', '[^a-f\\d]+', '\\x41\\u00c0', 'straße', 'ΣΑΣ', '[σ]', 'µ', 'ſ', 'K', '\\bjira-\\d{1,5}\\b',
  '(?:YouTube|Netflix) - ', '^\\s*(.*?)\\s*-\\s*Mozilla Firefox$', '[\\w.-]+@[\\w-]+\\.COM', '[À-Ý]', 'İ', '\\S+\\W', '[\\b]x', 'a.c', '(?<name>Foo)bar',
];
const INPUTS = [
  'visual studio', 'VISUAL STUDIO', 'Visual Studio Code', 'abc CODE', 'ABC code', '[', '_', 'Ax', 'ax', 'ZZZ', 'GHI', 'aÀ', 'Aà', 'STRASSE', 'straße', 'STRAßE',
  'σας', 'ΣΑΣ', 'ς', 'Σ', 'µ', 'μ', 'Μ', 'ſ', 's', 'S', 'k', 'K', '\u212a', 'see JIRA-123 now', 'youtube - x', 'NETFLIX - y', '  Page - mozilla firefox',
  'me@x-y.com', 'ME@X.COM', '×', '÷', 'Ý', 'ý', 'i̇', 'İ', 'ı', 'I', '\bx', 'a\nc', 'aXc', 'FOObar', 'fooBAR',
];

describe('forLowercaseText', () => {
  it('matches lowercased text without `i` exactly as the pattern does with it (the engine lowercases titles and apps)', () => {
    for (const pattern of PATTERNS) {
      const withFlag = new RegExp(pattern, 'i');
      const rewritten = new RegExp(forLowercaseText(pattern));
      for (const input of INPUTS) {
        for (const text of [input.toLowerCase(), input.toUpperCase().toLowerCase()]) {
          expect([pattern, text, rewritten.test(text)]).toEqual([pattern, text, withFlag.test(text)]);
        }
      }
    }
  });

  it('agrees with the `i` pattern on random patterns and lowercased texts (seeded differential test)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    // Letters whose case mapping is irregular (ſ, K, İ, ı, σ/ς/Σ, µ/Μ, ǅ, ß, ÿ/Ÿ) beside plain ones and syntax characters.
    const chars = [...'aBkKsSſσΣςµΜİıiIéÉß1_- .Zz[]ǅǆǄ\u212aÿŸ'];
    const escape = (c: string) => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);
    const classItem = (): string => {
      const r = random();
      if (r < 0.3) return [pick(chars), pick(chars)].sort((a, b) => a.charCodeAt(0) - b.charCodeAt(0)).map(escape).join('-');
      if (r < 0.45) return pick(['\\d', '\\w', '\\s', '\\W', '\\S', '\\D']);
      return escape(pick(chars));
    };
    const atom = (depth: number): string => {
      const r = random();
      if (r < 0.35) return escape(pick(chars));
      if (r < 0.5) return `[${random() < 0.3 ? '^' : ''}${Array.from({ length: 1 + Math.floor(random() * 3) }, classItem).join('')}]`;
      if (r < 0.6) return pick(['\\w', '\\d', '\\s', '\\W', '.', '\\b', '\\x41', '\\u00e9', '\\u00C9', '\\x6b']);
      if (r < 0.78 && depth < 3) return `(${r < 0.7 ? '?:' : ''}${alternation(depth + 1)})`;
      return escape(pick(chars));
    };
    const sequence = (depth: number): string =>
      Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
        const a = atom(depth);
        return a !== '\\b' && random() < 0.25 ? a + pick(['*', '+', '?', '{1,2}', '*?']) : a;
      }).join('');
    const alternation = (depth: number): string => (random() < 0.2 ? `${sequence(depth)}|${sequence(depth)}` : sequence(depth));
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const pattern = `${random() < 0.1 ? '^' : ''}${alternation(0)}${random() < 0.1 ? '$' : ''}`;
      const withFlag = new RegExp(pattern, 'i');
      const rewritten = new RegExp(forLowercaseText(pattern));
      for (let j = 0; j < 15; j++) {
        const text = Array.from({ length: Math.floor(random() * 6) }, () => pick(chars)).join('').toLowerCase();
        if (rewritten.test(text) !== withFlag.test(text)) expect({ pattern, rewritten: rewritten.source, text, matches: rewritten.test(text) }).toEqual({ pattern, rewritten: rewritten.source, text, matches: withFlag.test(text) });
        compared++;
      }
    }
    expect(compared).toBe(45_000);
  });

  it('keeps literals literal where lowercase text has one variant, and gives each letter the variants toLowerCase cannot reach', () => {
    expect(forLowercaseText('Ab1[A-C]')).toBe('ab1[a-c]');
    expect(forLowercaseText('ΣΑΣ')).toBe('[\\u03c2\\u03c3]\\u03b1[\\u03c2\\u03c3]');
    expect(forLowercaseText('İ')).toBe('[]'); // lowercase text holds no character `i` equates to İ
    expect(caseVariants('σ'.charCodeAt(0)).map((u) => String.fromCharCode(u)).sort()).toEqual(['Σ', 'ς', 'σ'].sort());
    expect(lowercaseVariants('Σ'.charCodeAt(0)).map((u) => String.fromCharCode(u))).toEqual(['ς', 'σ']);
    // Without `u`, no non-ASCII character is equal to an ASCII one (ſ and K stay apart from s and k).
    expect(caseVariants('s'.charCodeAt(0))).toEqual(['S'.charCodeAt(0), 's'.charCodeAt(0)]);
    expect(caseVariants('1'.charCodeAt(0))).toEqual(['1'.charCodeAt(0)]);
  });
  it('keeps a class of a block whose cases alternate as few ranges, spanning the uppercase letters lowercase text cannot hold', () => {
    // One range per lowercase letter before (190 for [À-ɏ]): the linear engine's time per title character grows with them.
    expect(forLowercaseText('[À-ɏ]+x')).toBe('[\\u00d7-\\u024f\\u0253\\u0254\\u0256\\u0257\\u0259\\u025b\\u0260\\u0263\\u0268\\u0269\\u026f\\u0272\\u0275\\u0280\\u0283\\u0288-\\u028c\\u0292\\u2c65\\u2c66]+x');
    expect(forLowercaseText('[^А-я]')).toBe('[^\\u0430-\\u044f\\u1c80-\\u1c86]');
    // ß is lowercase and not in [À-Ý]: the run stops before it.
    expect(forLowercaseText('[À-Ý]')).toBe('[\\u00d7\\u00e0-\\u00f6\\u00f8-\\u00fd]');
    // Every lowercase character still matches as with `i`.
    const rewritten = new RegExp(forLowercaseText('[À-ɏЀ-ԯ]'));
    const differing: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = String.fromCharCode(unit).toLowerCase();
      if (rewritten.test(text) !== /[À-ɏЀ-ԯ]/i.test(text)) differing.push(unit);
    }
    expect(differing).toEqual([]);
  });
});

describe('compileLinearRegex', () => {
  it('compiles without `i`, to a pattern the linear engine can run', () => {
    const regex = compileLinearRegex('(\\w+\\s?)+$');
    expect(regex).toBeInstanceOf(RegExp);
    expect((regex as RegExp).flags).toBe('');
    expect(() => new RegExp((regex as RegExp).source, 'l')).not.toThrow();
  });

  it.each(['(a)\\1', 'foo(?=bar)', '(?<!x)y', 'x{17}'])('refuses /%s/, which cannot run in linear time, saying why', (pattern) => {
    expect(compileLinearRegex(pattern)).toBe(
      `regular expression /${pattern}/ cannot be matched in linear time (backreferences, lookahead, lookbehind and counted repetition over 16 are not supported), so a long title could stall classification`,
    );
    expect(compileTitleRegex(pattern)).toMatch(/cannot be matched in linear time/);
  });

  it.each(['\\p{Lu}+', '[\\P{L}]x', '\\u{1F600}', 'a\\qb'])('refuses /%s/, whose escaped letter means only that letter without the u flag, saying why', (pattern) => {
    expect(compileTitleRegex(pattern)).toMatch(/^regular expression \/.+\/ escapes the letter [pPuq], which means just that letter here: title regexes run without the u flag/);
  });

  it('reads a title pattern once for its checks and its rewrite', () => {
    const parse = jest.spyOn(RegExpParser.prototype, 'parsePattern');
    expect(compileTitleRegex('JIRA-\\d+ [A-Z]')).toBeInstanceOf(RegExp);
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
  });

  it('keeps the escapes that mean something without the u flag', () => {
    for (const pattern of ['\\d+\\w\\s\\b', '\\u00e9\\x41', '[\\b\\n\\t]', '\\cJ', '\\\\p{L}', '\\0']) expect(compileTitleRegex(pattern)).toBeInstanceOf(RegExp);
  });

  it('refuses, naming the reason, a pattern V8 accepts but the parser cannot read (no such pattern is known: a guard)', () => {
    const parse = jest.spyOn(RegExpParser.prototype, 'parsePattern').mockImplementationOnce(() => {
      throw new SyntaxError('Invalid regular expression: /x/: made up');
    });
    expect(compileLinearRegex('x')).toBe('regular expression /x/ could not be read for linear-time matching (Invalid regular expression: /x/: made up)');
    parse.mockRestore();
  });

  it('lets a title that makes the pattern backtrack exponentially through (a rule cannot stall classification)', () => {
    const engine = new ClassifierEngine({ version: 1, categories: DEFAULT_TAXONOMY, rules: [{ id: 'r', kind: 'title-regex', pattern: '(\\w+\\s?)+$', categoryId: 'work:programming' }] });
    // Backtracking alone: ~25 s at 28 repetitions, doubling with each one; here 682.
    expect(engine.classify({ app: 'x', title: `${'ab '.repeat(682)}!` })).toBeNull();
    expect(engine.classify({ app: 'x', title: 'ab ab' })?.ruleId).toBe('r');
  });
});
