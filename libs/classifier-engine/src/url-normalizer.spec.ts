import { normalizeHost, normalizeUrl } from './url-normalizer';

describe('normalizeUrl', () => {
  it.each([
    ['https://github.com/org/repo', 'github.com', '/org/repo'],
    ['HTTPS://WWW.GitHub.COM/Org/Repo', 'github.com', '/org/repo'],
    ['https://www.google.com/search?q=1#top', 'google.com', '/search'],
    ['http://example.com:8080/a', 'example.com', '/a'],
    ['https://example.com', 'example.com', '/'],
    ['https://example.com?x=1', 'example.com', '/'],
    ['https://example.com#frag', 'example.com', '/'],
    ['https://user:pw@example.com/x', 'example.com', '/x'],
    ['https://example.com./x', 'example.com', '/x'],
    ['localhost:3000/x', 'localhost', '/x'],
    ['example.com/path', 'example.com', '/path'],
    ['www.example.com', 'example.com', '/'],
    ['//cdn.example.com/a.js', 'cdn.example.com', '/a.js'],
    ['http://127.0.0.1:8000/admin', '127.0.0.1', '/admin'],
    ['192.168.1.1/setup', '192.168.1.1', '/setup'],
    ['http://[::1]:3000/', '[::1]', '/'],
    ['chrome-extension://abcdef/popup.html', 'abcdef', '/popup.html'],
    ['  https://example.com/a  ', 'example.com', '/a'],
  ])('%j → %s %s', (url, host, path) => {
    expect(normalizeUrl(url)).toEqual({ host, path });
  });

  it('converts IDN hosts to punycode and leaves punycode alone', () => {
    expect(normalizeUrl('https://münchen.de/stadt')).toEqual({ host: 'xn--mnchen-3ya.de', path: '/stadt' });
    expect(normalizeUrl('https://XN--MNCHEN-3YA.de/')).toEqual({ host: 'xn--mnchen-3ya.de', path: '/' });
    expect(normalizeUrl('bücher.example')).toEqual({ host: 'xn--bcher-kva.example', path: '/' });
  });

  it.each([
    [''],
    ['   '],
    ['about:blank'],
    ['mailto:someone@example.com'],
    ['javascript:void(0)'],
    ['data:text/html,<b>x</b>'],
    ['file:///home/me/notes.txt'],
    ['Untitled'],
    ['hello world'],
    ['someone@example.com'],
    ['http://exa mple.com/'],
    ['http://a..b.com/'],
    ['https://'],
    ['12.30'],
  ])('%j has no host', (url) => {
    expect(normalizeUrl(url)).toBeNull();
  });

  it('keeps the path case-insensitive and query-free', () => {
    expect(normalizeUrl('https://x.com/A/B?C=D')?.path).toBe('/a/b');
  });

  it('spells a path as browsers send it, percent-encoded, whichever way it came', () => {
    expect(normalizeUrl('https://de.wikipedia.org/wiki/M%C3%BCnchen')?.path).toBe('/wiki/m%c3%bcnchen');
    expect(normalizeUrl('https://de.wikipedia.org/wiki/München')?.path).toBe('/wiki/m%c3%bcnchen');
    expect(normalizeUrl('https://de.wikipedia.org/wiki/MÜNCHEN')?.path).toBe('/wiki/m%c3%bcnchen');
    expect(normalizeUrl('https://wiki.example/display/Team Space/x')?.path).toBe('/display/team%20space/x');
    expect(normalizeUrl('https://wiki.example/display/Team%20Space/x')?.path).toBe('/display/team%20space/x');
    expect(normalizeUrl('https://x.com/%7Bid%7D')?.path).toBe(normalizeUrl('https://x.com/{id}')?.path);
    expect(normalizeUrl('https://x.com/😀')?.path).toBe('/%f0%9f%98%80');
  });

  it('reads a run of whitespace in a path as one space, as ingestion stores the URL', () => {
    const oneSpace = normalizeUrl('https://wiki.example/team space/x')?.path;
    expect(oneSpace).toBe('/team%20space/x');
    for (const spaced of ['https://wiki.example/team  space/x', 'https://wiki.example/team\tspace/x', 'https://wiki.example/team\u00a0\u3000space/x']) {
      expect(normalizeUrl(spaced)?.path).toBe(oneSpace);
    }
    // Encoded spaces are what the browser sent: they stay as they are.
    expect(normalizeUrl('https://wiki.example/team%20%20space/x')?.path).toBe('/team%20%20space/x');
  });

  it('strips only a leading www. label', () => {
    expect(normalizeUrl('https://www2.example.com')?.host).toBe('www2.example.com');
    expect(normalizeUrl('https://a.www.example.com')?.host).toBe('a.www.example.com');
  });
});

describe('normalizeHost', () => {
  it('rejects empty and invalid hosts', () => {
    expect(normalizeHost('')).toBeNull();
    expect(normalizeHost('.')).toBeNull();
    expect(normalizeHost('a b')).toBeNull();
    expect(normalizeHost('.example.com')).toBeNull();
  });
});
