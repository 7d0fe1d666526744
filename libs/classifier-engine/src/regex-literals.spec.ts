import { requiredLiterals } from './regex-literals';

describe('requiredLiterals', () => {
  it.each<[string, string[] | null]>([
    ['github', ['github']],
    ['GitHub|vim', ['github', 'vim']],
    ['^Slack', ['slack']],
    ['\\bpull request #\\d+', ['pull request #']],
    ['foo.*barbaz', ['barbaz']],
    ['ab+c', ['ab']],
    ['abc?d', ['ab']],
    ['(?:zoom|webex) meeting', [' meeting']],
    ['(?:zoom|webex)', ['zoom', 'webex']],
    ['\\.(?:ts|js)\\b', ['ts', 'js']],
    ['a\\.b', ['a.b']],
    ['(?<name>alpha)beta', ['alpha']],
    ['x(?=needle)', ['x']],
    ['(?!bad)good', ['good']],
    ['\\x41bc', ['bc']],
    ['\\u0041bc', ['bc']],
    ['\\d+', null],
    ['[a-z]+', null],
    ['.', null],
    ['(foo|)bar', ['bar']],
    ['(foo|)', null],
    ['foo|\\d', null],
    ['(?:ab)*', null],
    ['é+', null],
    ['a{2}bc', ['abc']],
  ])('%s → %j', (source, expected) => {
    expect(requiredLiterals(source)).toEqual(expected);
  });

  it('never filters out a title the regex matches (random regexes over a small alphabet)', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['a', 'b', 'c', 'ab', '.', '\\d', '[ab]', '(?:a|bc)', '(c|)', 'b+', 'a*', 'c?', 'x{2}', '\\b', '^', 'B', '\\.', ' '];
    const alphabet = 'abcAB. 1x';
    let checked = 0;
    for (let round = 0; round < 3000; round++) {
      const source = Array.from({ length: 1 + random(5) }, () => pieces[random(pieces.length)]).join('');
      const regex = new RegExp(source, 'i');
      const literals = requiredLiterals(source);
      for (let t = 0; t < 20; t++) {
        const title = Array.from({ length: random(12) }, () => alphabet[random(alphabet.length)]).join('').toLowerCase();
        if (literals !== null && regex.test(title)) {
          checked++;
          expect({ source, title, found: literals.some((l) => title.includes(l)) }).toEqual({ source, title, found: true });
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
