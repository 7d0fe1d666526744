import { FNV_OFFSET, fmix32, fnv1aUpdate } from './hash';
import { FeatureConfig, NamespaceWeights, TextModelInput } from './types';

/*
 * Featurization: (app, title, url) -> sparse, L2-normalized vector over `numBuckets` hash buckets.
 *
 * Every feature is a namespaced string ("t:inbox", "h:google.com", ...) hashed into a bucket. A
 * bucket's value is log(1 + sum of namespace-weighted counts); the vector is then L2-normalized.
 * Pure and deterministic: no I/O, no randomness, no locale-dependent calls.
 */

export const FEATURIZER_VERSION = 1;

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
    appChar: 0.25,
    title: 1,
    titleBigram: 0.5,
    titleChar: 0.2,
    host: 1,
    hostLabel: 0.5,
    hostChar: 0.2,
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

/** Feature namespaces: prefix and the weight key that scales them. */
const NS = {
  app: ['app:', 'app'],
  appWord: ['aw:', 'appWord'],
  appChar: ['ac:', 'appChar'],
  title: ['t:', 'title'],
  titleBigram: ['tb:', 'titleBigram'],
  titleChar: ['tc:', 'titleChar'],
  host: ['h:', 'host'],
  hostLabel: ['hl:', 'hostLabel'],
  tld: ['tld:', 'hostLabel'],
  hostChar: ['hc:', 'hostChar'],
  path: ['p:', 'path'],
  shape: ['x:', 'shape'],
} as const satisfies Record<string, readonly [string, keyof NamespaceWeights]>;
type Namespace = keyof typeof NS;
const NAMESPACES = Object.keys(NS) as Namespace[];
/** FNV state after hashing each prefix, so hash(prefix + token) costs only the token. */
const PREFIX_STATE = Object.fromEntries(NAMESPACES.map((ns) => [ns, fnv1aUpdate(FNV_OFFSET, NS[ns][0])])) as Record<Namespace, number>;

type Emit = (ns: Namespace, token: string) => void;

const WHITESPACE_RUN = /\s+/g;
const EXECUTABLE_SUFFIX = /\s*\.(?:exe|app)$/;
/** Anything that is not a letter, combining mark or digit separates words (unicode-aware). */
const NON_WORD = /[^\p{L}\p{M}\p{N}]+/u;
const ALL_DIGITS = /^\p{N}+$/u;
/** `main.rs`, `Q3 report.xlsx`: a word character, a dot, a short alphanumeric extension. */
const FILE_EXTENSION = /[\p{L}\p{N}_)-]\.([a-z][a-z0-9+]{0,5})(?![\p{L}\p{N}])/giu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.[\p{L}\p{N}.-]+/u;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Canonical app name: NFKC, lower case, whitespace collapsed, `.exe` / `.app` dropped. */
export function normalizeAppName(app: string): string {
  return app.normalize('NFKC').toLowerCase().replace(WHITESPACE_RUN, ' ').trim().replace(EXECUTABLE_SUFFIX, '');
}

/** Lower-cased words of a text, split on anything that is not a letter or digit; pure numbers become `#`. */
export function tokenize(text: string, maxWords = Number.POSITIVE_INFINITY): string[] {
  const words: string[] = [];
  for (const raw of text.normalize('NFKC').toLowerCase().split(NON_WORD)) {
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
    decoded = decoded.normalize('NFKC').toLowerCase();
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

function charNgrams(word: string, config: FeatureConfig, ns: Namespace, emit: Emit): void {
  const padded = `<${word}>`;
  for (let n = config.charNgramMin; n <= config.charNgramMax; n++) {
    if (padded.length < n) continue;
    for (let i = 0; i + n <= padded.length; i++) emit(ns, padded.substring(i, i + n));
  }
}

/** Walks every feature of an input, in a fixed order. */
function walkFeatures(input: TextModelInput, config: FeatureConfig, emit: Emit): void {
  const app = normalizeAppName(input.app ?? '');
  if (app.length > 0) {
    emit('app', app);
    for (const w of tokenize(app, 8)) {
      emit('appWord', w);
      charNgrams(w, config, 'appChar', emit);
    }
  }

  const title = input.title ?? '';
  const words = tokenize(title, config.maxTitleWords);
  if (words.length === 0) emit('shape', 'notitle');
  for (let i = 0; i < words.length; i++) {
    emit('title', words[i]);
    if (i > 0) emit('titleBigram', `${words[i - 1]} ${words[i]}`);
    charNgrams(words[i], config, 'titleChar', emit);
  }
  if (title.length > 0) {
    FILE_EXTENSION.lastIndex = 0;
    for (let m = FILE_EXTENSION.exec(title); m !== null; m = FILE_EXTENSION.exec(title)) emit('shape', `ext:${m[1].toLowerCase()}`);
    if (EMAIL.test(title)) emit('shape', 'email');
  }

  const { host, path } = input.url ? parseUrl(input.url) : {};
  if (host === undefined) {
    emit('shape', 'nourl');
  } else if (IPV4.test(host) || host.includes(':')) {
    emit('host', host === '127.0.0.1' || host === '::1' ? 'localhost' : 'ip');
  } else {
    for (const suffix of hostSuffixes(host)) emit('host', suffix);
    const labels = host.split('.').filter((l) => l.length > 0);
    for (let i = 0; i < labels.length; i++) {
      if (i === labels.length - 1 && labels.length > 1) {
        emit('tld', labels[i]);
        continue;
      }
      emit('hostLabel', labels[i]);
      for (const part of labels[i].split('-')) charNgrams(part, config, 'hostChar', emit);
    }
  }
  if (path !== undefined) emit('path', path);
}

/** The namespaced feature strings of an input (for debugging and tests; `featurize` hashes these). */
export function featureStrings(input: TextModelInput, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): string[] {
  const out: string[] = [];
  walkFeatures(input, config, (ns, token) => out.push(NS[ns][0] + token));
  return out;
}

/** Bucket of a namespaced feature string (`"t:inbox"`). */
export function bucketOf(feature: string, numBuckets: number): number {
  return fmix32(fnv1aUpdate(FNV_OFFSET, feature)) % numBuckets;
}

/**
 * Sparse feature vector of an input. Pure and deterministic: the same input and config always
 * give the same indices and values.
 */
export function featurize(input: TextModelInput, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): SparseFeatures {
  const counts = new Map<number, number>();
  const D = config.numBuckets;
  const weights = config.weights;
  walkFeatures(input, config, (ns, token) => {
    const w = weights[NS[ns][1]];
    if (w === 0) return;
    const bucket = fmix32(fnv1aUpdate(PREFIX_STATE[ns], token)) % D;
    counts.set(bucket, (counts.get(bucket) ?? 0) + w);
  });

  let entries = Array.from(counts, ([bucket, c]) => [bucket, Math.log1p(c)] as [number, number]);
  if (entries.length > config.maxFeatures) {
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    entries = entries.slice(0, config.maxFeatures);
  }
  entries.sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, v] of entries) norm += v * v;
  norm = Math.sqrt(norm);
  const indices = new Int32Array(entries.length);
  const values = new Float32Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    indices[i] = entries[i][0];
    values[i] = norm > 0 ? entries[i][1] / norm : 0;
  }
  return { indices, values };
}
