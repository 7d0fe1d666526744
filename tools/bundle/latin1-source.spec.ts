import { latin1Source } from './latin1-source';

describe('latin1Source', () => {
  const run = (code: string) => new Function(`return ${code}`)() as unknown;

  it('leaves Latin-1 alone and escapes every other character', () => {
    const code = 'const a = "caf\u00e9 \u2192"; // \u5317\u4eac';
    expect(latin1Source(code)).toBe('const a = "caf\u00e9 \\u2192"; // \\u5317\\u4eac');
    expect(/[^\x00-\xff]/.test(latin1Source('x \u2014 \ud83d\ude00 y'))).toBe(false);
  });

  it('keeps regular expressions, with and without the u flag, matching what they matched', () => {
    const literal = '/^[A-VXYZ\u00c7\u018f\u011e\u0130\u0131\u00d6\u015e\u00dc]+$/i';
    const original = run(literal) as RegExp;
    const escaped = run(latin1Source(literal)) as RegExp;
    for (const word of ['\u018f\u011eZ', '\u0131x', 'ABC', '\u4e00']) expect(escaped.test(word)).toBe(original.test(word));
    const astral = run(latin1Source('/^[\ud83d\ude00]$/u')) as RegExp;
    expect(astral.test('\ud83d\ude00')).toBe(true);
    expect(astral.test('\ud83d')).toBe(false);
  });

  it('keeps identifiers and template literals working', () => {
    expect(run(latin1Source('(() => { const \u03c0 = 3; return `${\u03c0}\u2192`; })()'))).toBe('3\u2192');
  });
});
