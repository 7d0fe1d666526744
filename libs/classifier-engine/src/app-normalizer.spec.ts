import { normalizeApp } from './app-normalizer';

describe('normalizeApp', () => {
  it.each([
    ['Code.exe', 'code'],
    [' code ', 'code'],
    ['CODE.app', 'code'],
    ['Visual   Studio\tCode', 'visual studio code'],
    ['  Google Chrome.EXE  ', 'google chrome'],
    ['zoom.us', 'zoom.us'],
    ['notepad++.exe', 'notepad++'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeApp(raw)).toBe(expected);
  });

  it('only strips the suffix at the end of the name', () => {
    expect(normalizeApp('my.exe.helper')).toBe('my.exe.helper');
    expect(normalizeApp('application')).toBe('application');
  });

  it('is idempotent', () => {
    for (const raw of ['Code.exe', ' A  B.app ', 'X']) expect(normalizeApp(normalizeApp(raw))).toBe(normalizeApp(raw));
  });
});
