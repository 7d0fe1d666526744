import { FNV_OFFSET, fmix32, fnv1aRange, fnv1aUpdate } from './hash';
import { FeatureConfig, NamespaceWeights, TextModelInput } from './types';

/*
 * Featurization: (app, title, url) -> sparse, L2-normalized vector over `numBuckets` hash buckets.
 *
 * Every feature is a namespaced string ("t:inbox", "h:google.com", ...) hashed into a bucket. A
 * bucket's value is log(1 + sum of namespace-weighted counts); the vector is then L2-normalized.
 * Pure and deterministic: no I/O, no randomness, no locale-dependent calls.
 */

export const FEATURIZER_VERSION = 2;

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = Object.freeze({
  featurizerVersion: FEATURIZER_VERSION,
  hash: 'fnv1a32-utf16+fmix32',
  numBuckets: 1 << 16,
  maxFeatures: 384,
  charNgramMin: 3,
  charNgramMax: 4,
  maxTitleWords: 48,
  weights: Object.freeze({
    app: 1,
    appWord: 0.5,
    appChar: 0.1,
    title: 1,
    titleBigram: 0.5,
    titleChar: 0.5,
    host: 1,
    hostLabel: 0.5,
    hostChar: 0.1,
    path: 0.5,
    shape: 1,
  }),
}) as FeatureConfig;

export interface SparseFeatures {
  /** Bucket ids in [0, numBuckets), strictly increasing. */
  indices: Int32Array;
  /** Matching values; the vector has unit L2 norm (or is empty). */
  values: Float32Array;
}

/** Feature namespaces: prefix and the weight key that scales them. Index = namespace id. */
const NAMESPACES: ReadonlyArray<readonly [prefix: string, weight: keyof NamespaceWeights]> = [
  ['app:', 'app'],
  ['aw:', 'appWord'],
  ['ac:', 'appChar'],
  ['t:', 'title'],
  ['tb:', 'titleBigram'],
  ['tc:', 'titleChar'],
  ['h:', 'host'],
  ['hl:', 'hostLabel'],
  ['tld:', 'hostLabel'],
  ['hc:', 'hostChar'],
  ['p:', 'path'],
  ['x:', 'shape'],
];
const APP = 0, APP_WORD = 1, APP_CHAR = 2, TITLE = 3, TITLE_BIGRAM = 4, TITLE_CHAR = 5, HOST = 6, HOST_LABEL = 7, TLD = 8, HOST_CHAR = 9, PATH = 10, SHAPE = 11; // prettier-ignore
/** FNV state after hashing each prefix, so hash(prefix + token) costs only the token. */
const PREFIX_STATE = Int32Array.from(NAMESPACES, ([prefix]) => fnv1aUpdate(FNV_OFFSET, prefix) | 0);

/** Receives every feature as a namespace id and a substring `s[start, end)` (no substring is allocated). */
type Emit = (ns: number, s: string, start: number, end: number) => void;
const whole = (emit: Emit, ns: number, s: string): void => emit(ns, s, 0, s.length);

const WHITESPACE_RUN = /\s+/g;
const EXECUTABLE_SUFFIX = /\s*\.(?:exe|app)$/;
/** Anything that is not a letter, combining mark or digit separates words (unicode-aware). */
const NON_WORD = /[^\p{L}\p{M}\p{N}]+/u;
const ALL_DIGITS = /^\p{N}+$/u;
/** `main.rs`, `Q3 report.xlsx`: a word character, a dot, a short alphanumeric extension. */
const FILE_EXTENSION = /[\p{L}\p{N}_)-]\.([a-z][a-z0-9+]{0,5})(?![\p{L}\p{N}])/giu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.[\p{L}\p{N}.-]+/u;
/**
 * Brand-independent title shapes: they carry over to apps and sites the model has never seen
 * ("#general" and "@maria" in chat apps, "(3)" unread counters, "@ 66.7%" zoom in design tools,
 * prices in shops, "1920x1080", version numbers, file paths, clock times…).
 */
const TITLE_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['hashtag', /(?:^|[\s(|])#[\p{L}_][\p{L}\p{N}_-]*/u],
  ['hashnum', /#\d+/],
  ['mention', /(?:^|[\s("“])@[\p{L}\p{N}_][\p{L}\p{N}_.]*/u],
  ['count', /^\s*[([]\d+[)\]]|\(\d+ (?:unread|new|messages?)\)/i],
  ['percent', /\d\s?%/],
  ['money', /[$€£¥₹]\s?\d|\d\s?[$€£¥₹]|\d[.,]\d{2}\s?(?:EUR|USD|GBP)\b/],
  ['dims', /\b\d{2,5}\s?[x×]\s?\d{2,5}\b/],
  ['version', /\bv?\d+\.\d+\.\d+/],
  ['path', /(?:^|[\s*(\[])(?:~|[a-z]:)?[\\/][^\s\\/]+[\\/]/i],
  ['time', /\b\d{1,2}:\d{2}\b/],
  ['date', /\b\d{4}-\d{2}-\d{2}\b/],
  ['quote', /["“„«][^"”»]{3,}["”»]/],
  ['emoji', /\p{Extended_Pictographic}/u],
  ['cjk', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
];
/** Title length in words, bucketed: name-only titles behave differently from long ones. */
function lengthBucket(words: number): string {
  return words <= 1 ? String(words) : words <= 3 ? '2-3' : words <= 7 ? '4-7' : '8+';
}
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const NON_ASCII = /[^\x00-\x7f]/;
/** NFKC, skipped for pure ASCII (where it is the identity) because it is comparatively slow. */
const nfkc = (s: string): string => (NON_ASCII.test(s) ? s.normalize('NFKC') : s);

/** Canonical app name: NFKC, lower case, whitespace collapsed, `.exe` / `.app` dropped. */
export function normalizeAppName(app: string): string {
  return nfkc(app).toLowerCase().replace(WHITESPACE_RUN, ' ').trim().replace(EXECUTABLE_SUFFIX, '');
}

/** Lower-cased words of a text, split on anything that is not a letter or digit; pure numbers become `#`. */
export function tokenize(text: string, maxWords = Number.POSITIVE_INFINITY): string[] {
  const words: string[] = [];
  for (const raw of nfkc(text).toLowerCase().split(NON_WORD)) {
    if (raw.length === 0) continue;
    words.push(ALL_DIGITS.test(raw) ? '#' : raw);
    if (words.length >= maxWords) break;
  }
  return words;
}

/** Host without `www.` and the first path segment of a URL; undefined parts when unparseable. */
export function parseUrl(url: string): { host?: string; path?: string } {
  const trimmed = url.trim();
  if (trimmed.length === 0) return {};
  let parsed: URL;
  try {
    parsed = new URL(HAS_SCHEME.test(trimmed) ? trimmed : `http://${trimmed}`);
  } catch {
    return {};
  }
  let host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) host = host.slice(1, -1); // IPv6 literal
  if (host.startsWith('www.')) host = host.slice(4);
  let path: string | undefined;
  const segment = parsed.pathname.split('/')[1];
  if (segment) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      /* keep it encoded */
    }
    decoded = nfkc(decoded).toLowerCase();
    if (decoded.length > 0 && decoded.length <= 64) path = ALL_DIGITS.test(decoded) ? '#' : decoded;
  }
  return { host: host.length > 0 ? host : undefined, path };
}

/** `mail.google.com` -> [`mail.google.com`, `google.com`] (never the bare top-level label). */
export function hostSuffixes(host: string): string[] {
  const labels = host.split('.').filter((l) => l.length > 0);
  if (labels.length < 2) return labels.length === 1 ? [labels[0]] : [];
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
}

function charNgrams(word: string, config: FeatureConfig, ns: number, emit: Emit): void {
  const padded = `<${word}>`;
  for (let n = config.charNgramMin; n <= config.charNgramMax; n++) {
    for (let i = 0; i + n <= padded.length; i++) emit(ns, padded, i, i + n);
  }
}

/** Walks every feature of an input, in a fixed order. */
function walkFeatures(input: TextModelInput, config: FeatureConfig, emit: Emit): void {
  const app = normalizeAppName(input.app ?? '');
  if (app.length > 0) {
    whole(emit, APP, app);
    for (const w of tokenize(app, 8)) {
      whole(emit, APP_WORD, w);
      charNgrams(w, config, APP_CHAR, emit);
    }
  }

  const title = input.title ?? '';
  const words = tokenize(title, config.maxTitleWords);
  if (words.length === 0) whole(emit, SHAPE, 'notitle');
  for (let i = 0; i < words.length; i++) {
    whole(emit, TITLE, words[i]);
    if (i > 0) whole(emit, TITLE_BIGRAM, `${words[i - 1]} ${words[i]}`);
    charNgrams(words[i], config, TITLE_CHAR, emit);
  }
  if (title.length > 0) {
    if (title.includes('.')) {
      FILE_EXTENSION.lastIndex = 0;
      for (let m = FILE_EXTENSION.exec(title); m !== null; m = FILE_EXTENSION.exec(title)) whole(emit, SHAPE, `ext:${m[1].toLowerCase()}`);
    }
    if (title.includes('@') && EMAIL.test(title)) whole(emit, SHAPE, 'email');
    for (const [name, re] of TITLE_SHAPES) if (re.test(title)) whole(emit, SHAPE, name);
  }
  whole(emit, SHAPE, `len:${lengthBucket(words.length)}`);

  const { host, path } = input.url ? parseUrl(input.url) : {};
  if (host === undefined) {
    whole(emit, SHAPE, 'nourl');
  } else if (IPV4.test(host) || host.includes(':')) {
    whole(emit, HOST, host === '127.0.0.1' || host === '::1' ? 'localhost' : 'ip');
  } else {
    for (const suffix of hostSuffixes(host)) whole(emit, HOST, suffix);
    const labels = host.split('.').filter((l) => l.length > 0);
    for (let i = 0; i < labels.length; i++) {
      if (i === labels.length - 1 && labels.length > 1) {
        whole(emit, TLD, labels[i]);
        continue;
      }
      whole(emit, HOST_LABEL, labels[i]);
      for (const part of labels[i].split('-')) charNgrams(part, config, HOST_CHAR, emit);
    }
  }
  if (path !== undefined) whole(emit, PATH, path);
}

/** The namespaced feature strings of an input (for debugging and tests; `featurize` hashes exactly these). */
export function featureStrings(input: TextModelInput, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): string[] {
  const out: string[] = [];
  walkFeatures(input, config, (ns, s, start, end) => out.push(NAMESPACES[ns][0] + s.substring(start, end)));
  return out;
}

/** Bucket of a namespaced feature string (`"t:inbox"`). */
export function bucketOf(feature: string, numBuckets: number): number {
  return fmix32(fnv1aUpdate(FNV_OFFSET, feature)) % numBuckets;
}

/** Per-config namespace weights as an array indexed by namespace id. */
const weightCache = new WeakMap<FeatureConfig, Float64Array>();
function namespaceWeights(config: FeatureConfig): Float64Array {
  let w = weightCache.get(config);
  if (!w) {
    w = Float64Array.from(NAMESPACES, ([, key]) => {
      const v = config.weights[key];
      if (!(v >= 0)) throw new Error(`feature weight ${key} must be >= 0, got ${v}`);
      return v;
    });
    weightCache.set(config, w);
  }
  return w;
}

/**
 * Scratch accumulator: one slot per bucket plus the list of touched buckets, reset after each call.
 * featurize is synchronous, so one shared scratch per bucket count is safe.
 */
interface Scratch {
  acc: Float64Array;
  touched: Int32Array;
}
const scratches = new Map<number, Scratch>();
function scratchFor(numBuckets: number): Scratch {
  let s = scratches.get(numBuckets);
  if (!s) {
    s = { acc: new Float64Array(numBuckets), touched: new Int32Array(1024) };
    scratches.set(numBuckets, s);
  }
  return s;
}

/**
 * Sparse feature vector of an input. Pure and deterministic: the same input and config always
 * give the same indices and values.
 */
export function featurize(input: TextModelInput, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): SparseFeatures {
  const D = config.numBuckets;
  const weights = namespaceWeights(config);
  const scratch = scratchFor(D);
  const acc = scratch.acc;
  let n = 0;
  walkFeatures(input, config, (ns, s, start, end) => {
    const w = weights[ns];
    if (w === 0) return;
    const bucket = fmix32(fnv1aRange(PREFIX_STATE[ns] >>> 0, s, start, end)) % D;
    if (acc[bucket] === 0) {
      if (n === scratch.touched.length) {
        const grown = new Int32Array(n * 2);
        grown.set(scratch.touched);
        scratch.touched = grown;
      }
      scratch.touched[n++] = bucket;
    }
    acc[bucket] += w;
  });

  let buckets = scratch.touched.slice(0, n).sort();
  if (n > config.maxFeatures) {
    // Keep the largest values (ties: lower bucket first), then restore bucket order.
    const ranked = Array.from(buckets).sort((a, b) => acc[b] - acc[a] || a - b);
    buckets = Int32Array.from(ranked.slice(0, config.maxFeatures)).sort();
  }
  let norm = 0;
  for (let i = 0; i < buckets.length; i++) {
    const v = Math.log1p(acc[buckets[i]]);
    acc[buckets[i]] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  const values = new Float32Array(buckets.length);
  for (let i = 0; i < buckets.length; i++) values[i] = acc[buckets[i]] / norm;
  for (let i = 0; i < n; i++) acc[scratch.touched[i]] = 0;
  return { indices: buckets, values };
}
