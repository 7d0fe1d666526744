import { normalizeTitle } from './title-normalizer';

describe('normalizeTitle', () => {
  it('lower-cases, collapses whitespace and trims', () => {
    expect(normalizeTitle('  Hello\t\tWORLD \n again ')).toBe('hello world again');
  });

  it('treats non-breaking spaces as whitespace', () => {
    expect(normalizeTitle('Pull\u00a0Request')).toBe('pull request');
  });

  it('leaves already normalized titles unchanged', () => {
    expect(normalizeTitle('main.ts - project')).toBe('main.ts - project');
  });
});
