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
