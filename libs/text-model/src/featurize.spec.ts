import {
  DEFAULT_FEATURE_CONFIG,
  FeatureConfig,
  bucketOf,
  featureStrings,
  featurize,
  fmix32,
  fnv1aUpdate,
  hostSuffixes,
  normalizeAppName,
  parseUrl,
  tokenize,
} from '@lib/text-model';

const FNV_OFFSET = 0x811c9dc5;
const norm = (v: Float32Array) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe('hashing', () => {
  it('is FNV-1a 32 (published test vectors) finished with murmur3 fmix32', () => {
    expect(fnv1aUpdate(FNV_OFFSET, '')).toBe(0x811c9dc5);
    expect(fnv1aUpdate(FNV_OFFSET, 'a')).toBe(0xe40c292c);
    expect(fnv1aUpdate(FNV_OFFSET, 'foobar')).toBe(0xbf9cf968);
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
    // Continuing a state equals hashing the concatenation (how namespace prefixes are applied).
    expect(fnv1aUpdate(fnv1aUpdate(FNV_OFFSET, 't:'), 'inbox')).toBe(fnv1aUpdate(FNV_OFFSET, 't:inbox'));
  });
});

describe('normalization and tokens', () => {
  it('normalizes app names: case, whitespace, .exe/.app', () => {
    expect(normalizeAppName('Code.exe')).toBe('code');
    expect(normalizeAppName('  Visual   Studio Code.app ')).toBe('visual studio code');
    expect(normalizeAppName('WINWORD.EXE')).toBe('winword');
    expect(normalizeAppName('notepad++.exe')).toBe('notepad++');
    expect(normalizeAppName('my.executable')).toBe('my.executable');
  });

  it('splits titles on anything but letters/digits, unicode-aware, numbers as #', () => {
    expect(tokenize('main.rs - myproject - Visual Studio Code')).toEqual(['main', 'rs', 'myproject', 'visual', 'studio', 'code']);
    expect(tokenize('Inbox (3) - user@example.com - Gmail')).toEqual(['inbox', '#', 'user', 'example', 'com', 'gmail']);
    expect(tokenize('Révolution française – Wikipédia')).toEqual(['révolution', 'française', 'wikipédia']);
    expect(tokenize('Новости | ВКонтакте')).toEqual(['новости', 'вконтакте']);
    expect(tokenize('原神 新版本_哔哩哔哩')).toEqual(['原神', '新版本', '哔哩哔哩']);
    expect(tokenize('हिन्दी समाचार')).toEqual(['हिन्दी', 'समाचार']); // combining vowel signs stay inside the word
    expect(tokenize('ＡＢＣ１２３ café')).toEqual(['abc123', 'café']); // NFKC folds full-width forms
    expect(tokenize('Cafe\u0301')).toEqual(['café']); // NFKC composes e + combining acute
  });

  it('parses hosts (www, port, scheme-less, IPv6) and the first path segment', () => {
    expect(parseUrl('https://www.GitHub.com:443/acme/web/pull/3')).toEqual({ host: 'github.com', path: 'acme' });
    expect(parseUrl('mail.google.com/mail/u/0/#inbox')).toEqual({ host: 'mail.google.com', path: 'mail' });
    expect(parseUrl('https://example.com/')).toEqual({ host: 'example.com', path: undefined });
    expect(parseUrl('https://shop.example/2024/item')).toEqual({ host: 'shop.example', path: '#' });
    expect(parseUrl('http://[::1]:3000/x')).toEqual({ host: '::1', path: 'x' });
    expect(parseUrl('not a url at all')).toEqual({});
    expect(parseUrl('')).toEqual({});
  });

  it('lists host suffixes down to the registrable domain, never the bare TLD', () => {
    expect(hostSuffixes('mail.google.com')).toEqual(['mail.google.com', 'google.com']);
    expect(hostSuffixes('a.b.example.co.uk')).toEqual(['a.b.example.co.uk', 'b.example.co.uk', 'example.co.uk', 'co.uk']);
    expect(hostSuffixes('github.com')).toEqual(['github.com']);
    expect(hostSuffixes('localhost')).toEqual(['localhost']);
  });
});

describe('featureStrings', () => {
  const features = featureStrings({ app: 'Code.exe', title: 'main.rs - myproject - Visual Studio Code', url: 'https://mail.google.com/mail/u/0/#inbox' });

  it('namespaces every feature', () => {
    for (const f of ['app:code', 'aw:code', 'ac:<co', 't:main', 't:rs', 'tb:main rs', 'tb:visual studio', 'tc:<ma', 'tc:main', 'tc:ain>', 'x:ext:rs']) {
      expect(features).toContain(f);
    }
    for (const f of ['h:mail.google.com', 'h:google.com', 'hl:mail', 'hl:google', 'tld:com', 'hc:<go', 'p:mail']) expect(features).toContain(f);
    expect(features).not.toContain('h:com');
    expect(features.every((f) => /^(app|aw|ac|t|tb|tc|h|hl|tld|hc|p|x):/.test(f))).toBe(true);
  });

  it('treats Code.exe, CODE.APP and code the same', () => {
    const a = featureStrings({ app: 'Code.exe', title: 'x' });
    expect(featureStrings({ app: 'CODE.APP', title: 'x' })).toEqual(a);
    expect(featureStrings({ app: 'code', title: 'x' })).toEqual(a);
  });

  it('adds brand-independent shape features', () => {
    const shapes = (title: string) => featureStrings({ app: 'x', title }).filter((f) => f.startsWith('x:'));
    expect(shapes('#general | Acme - Chat')).toContain('x:hashtag');
    expect(shapes('(12) Messages')).toContain('x:count');
    expect(shapes('hero.psd @ 66.7% (RGB/8)')).toEqual(expect.arrayContaining(['x:ext:psd', 'x:percent']));
    expect(shapes('Headphones – $349.99')).toContain('x:money');
    expect(shapes('Inbox - anna@example.com - Mail')).toContain('x:email');
    expect(shapes('')).toEqual(['x:notitle', 'x:len:0', 'x:nourl']);
    expect(shapes('Sprint planning')).toEqual(['x:len:2-3', 'x:nourl']);
  });

  it('maps loopback hosts to localhost and other IPs to ip', () => {
    expect(featureStrings({ app: 'chrome', title: 'React App', url: 'http://127.0.0.1:3000/' })).toContain('h:localhost');
    expect(featureStrings({ app: 'chrome', title: 'FRITZ!Box', url: 'http://192.168.178.1/' })).toContain('h:ip');
  });
});

describe('featurize', () => {
  const input = { app: 'chrome.exe', title: 'Inbox (3) - user@example.com - Gmail', url: 'https://mail.google.com/mail/u/0/#inbox' };

  it('is deterministic and does not mutate its input', () => {
    const copy = structuredClone(input);
    const a = featurize(input);
    const b = featurize({ ...input });
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(input).toEqual(copy);
  });

  it('hashes exactly the documented feature strings into sorted, unique buckets', () => {
    const D = DEFAULT_FEATURE_CONFIG.numBuckets;
    const expected = [...new Set(featureStrings(input).map((f) => bucketOf(f, D)))].sort((x, y) => x - y);
    const { indices } = featurize(input);
    expect(Array.from(indices)).toEqual(expected);
    expect(indices.every((i) => i >= 0 && i < D)).toBe(true);
  });

  it('L2-normalizes log-scaled, namespace-weighted counts', () => {
    const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, weights: { ...DEFAULT_FEATURE_CONFIG.weights } };
    const { indices, values } = featurize({ app: 'app', title: 'inbox inbox sent' }, config);
    expect(norm(values)).toBeCloseTo(1, 5);
    const valueOf = (f: string) => values[Array.from(indices).indexOf(bucketOf(f, config.numBuckets))];
    // "inbox" occurs twice, "sent" once: log1p(2) vs log1p(1) (barring hash collisions, absent here)
    expect(valueOf('t:inbox') / valueOf('t:sent')).toBeCloseTo(Math.log1p(2) / Math.log1p(1), 4);
    // app (weight 1) vs app word (weight 0.5)
    expect(valueOf('app:app') / valueOf('aw:app')).toBeCloseTo(Math.log1p(1) / Math.log1p(0.5), 4);
  });

  it('ignores namespaces whose weight is 0 and caps the number of features', () => {
    const noChars: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, weights: { ...DEFAULT_FEATURE_CONFIG.weights, titleChar: 0, appChar: 0, hostChar: 0 } };
    const full = featurize(input);
    const lean = featurize(input, noChars);
    expect(lean.indices.length).toBeLessThan(full.indices.length / 2);

    const capped = featurize(input, { ...DEFAULT_FEATURE_CONFIG, maxFeatures: 5 });
    expect(capped.indices.length).toBe(5);
    expect(Array.from(capped.indices)).toEqual([...capped.indices].sort((x, y) => x - y));
    expect(norm(capped.values)).toBeCloseTo(1, 5);
  });

  it('handles empty and odd inputs', () => {
    const empty = featurize({ app: '' });
    expect(empty.indices.length).toBe(3); // x:notitle, x:len:0, x:nourl
    expect(norm(empty.values)).toBeCloseTo(1, 5);
    expect(() => featurize({ app: 'x', title: '\u0000\uffff🙂'.repeat(500), url: '::::' })).not.toThrow();
    expect(() => featurize({ app: 'x', title: 'a' }, { ...DEFAULT_FEATURE_CONFIG, weights: { ...DEFAULT_FEATURE_CONFIG.weights, title: -1 } })).toThrow(/>= 0/);
  });
});
