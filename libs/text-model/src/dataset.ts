import { normalizeAppName, parseUrl } from './featurize';
import { LabelledExample } from './types';

/** Category ids the model may predict, in the order of the output columns. */
export const TAXONOMY_LABELS = [
  'work:programming',
  'work:design',
  'work:writing',
  'work:office',
  'work:research',
  'work:ai-assistants',
  'communication:meetings',
  'communication:chat',
  'communication:email',
  'learning:courses',
  'learning:reading',
  'entertainment:video',
  'entertainment:music',
  'entertainment:games',
  'entertainment:social-media',
  'entertainment:news',
  'shopping',
  'personal:finance',
  'system',
] as const;

/** mulberry32: tiny, fast, seedable PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In-place Fisher-Yates shuffle. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Two-label public suffixes common enough to matter for brand extraction. */
const SECOND_LEVEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'co.jp', 'ne.jp', 'or.jp', 'com.au', 'net.au', 'org.au', 'com.br', 'com.mx', 'com.ar',
  'co.in', 'co.kr', 'com.cn', 'com.tw', 'com.hk', 'co.nz', 'co.za', 'com.tr', 'com.sg', 'com.pl',
]);

/** `open.spotify.com` -> `spotify`, `bbc.co.uk` -> `bbc`; undefined for IPs and single labels. */
export function brandOfHost(host: string): string | undefined {
  const labels = host.split('.').filter((l) => l.length > 0);
  if (labels.length < 2 || /^\d+$/.test(labels[labels.length - 1])) return undefined;
  const lastTwo = labels.slice(-2).join('.');
  if (SECOND_LEVEL_SUFFIXES.has(lastTwo)) return labels.length >= 3 ? labels[labels.length - 3] : undefined;
  return labels[labels.length - 2];
}

/**
 * Split group of an example: its explicit `group`, else the brand of its URL's host, else its
 * normalized app name. Every example of a group lands on the same side of the split.
 */
export function groupKeyOf(example: LabelledExample): string {
  if (example.group) return example.group.toLowerCase();
  const host = example.url ? parseUrl(example.url).host : undefined;
  const brand = host ? brandOfHost(host) : undefined;
  return brand ?? normalizeAppName(example.app ?? '');
}

export interface SplitResult {
  /** Indices into the input array, shuffled with the seed. */
  train: number[];
  test: number[];
  /** The part of `test` whose group (app / site) has no example in `train`. */
  testUnseen: number[];
  /** Groups with examples in training. */
  trainGroups: number;
  /** Groups held out entirely (never seen in training). */
  testGroups: number;
}

/**
 * Held-out split, stratified by label, in two parts:
 *
 *  1. unseen apps/sites: whole groups (every example of an app or site) are moved to the test side
 *     until each label has about `testFraction x unseenShare` of its examples there. Groups are
 *     shuffled with `seed`; a group is taken when that brings its majority label closer to the
 *     target, and never when it is the label's last training group. These examples measure what
 *     the model is for: apps and sites no rule knows and the model never saw.
 *  2. seen apps/sites, new records: from the remaining groups, single examples are sampled per
 *     label until the label reaches `testFraction` overall (never a group's last training example).
 *     Exact feature-level duplicates are removed upstream, so these are new titles/URLs of known
 *     apps, not copies.
 *
 * `unseenShare = 1` holds out whole groups only.
 */
export function stratifiedGroupSplit(examples: LabelledExample[], testFraction: number, seed: number, unseenShare = 0.5): SplitResult {
  const byGroup = new Map<string, number[]>();
  examples.forEach((ex, i) => {
    const key = groupKeyOf(ex);
    const list = byGroup.get(key);
    if (list) list.push(i);
    else byGroup.set(key, [i]);
  });
  const labelTotals = new Map<string, number>();
  const labelGroups = new Map<string, number>();
  const groupLabels = new Map<string, Map<string, number>>();
  for (const [key, members] of byGroup) {
    const counts = new Map<string, number>();
    for (const i of members) counts.set(examples[i].categoryId, (counts.get(examples[i].categoryId) ?? 0) + 1);
    groupLabels.set(key, counts);
    for (const [label, n] of counts) {
      labelTotals.set(label, (labelTotals.get(label) ?? 0) + n);
      labelGroups.set(label, (labelGroups.get(label) ?? 0) + 1);
    }
  }

  const random = mulberry32(seed);
  const sortedKeys = [...byGroup.keys()].sort();
  const keys = shuffleInPlace([...sortedKeys], random);
  const testCounts = new Map<string, number>();
  const testGroupsPerLabel = new Map<string, number>();
  const testKeys = new Set<string>();
  for (const key of keys) {
    const counts = groupLabels.get(key)!;
    let major = '';
    let majorN = -1;
    for (const [label, n] of counts) if (n > majorN || (n === majorN && label < major)) [major, majorN] = [label, n];
    const target = testFraction * unseenShare * labelTotals.get(major)!;
    const before = testCounts.get(major) ?? 0;
    // Take the group if it brings the label closer to its target, and never the label's last training group.
    const closer = Math.abs(before + majorN - target) < Math.abs(before - target);
    const keepsTraining = (testGroupsPerLabel.get(major) ?? 0) + 1 < labelGroups.get(major)!;
    if (closer && keepsTraining) {
      testKeys.add(key);
      for (const [label, n] of counts) {
        testCounts.set(label, (testCounts.get(label) ?? 0) + n);
        testGroupsPerLabel.set(label, (testGroupsPerLabel.get(label) ?? 0) + 1);
      }
    }
  }

  const train: number[] = [];
  const testUnseen: number[] = [];
  const candidates = new Map<string, number[]>(); // label -> examples of training groups
  for (const key of sortedKeys) {
    const members = byGroup.get(key)!;
    if (testKeys.has(key)) {
      testUnseen.push(...members);
      continue;
    }
    for (const i of members) {
      const list = candidates.get(examples[i].categoryId);
      if (list) list.push(i);
      else candidates.set(examples[i].categoryId, [i]);
    }
  }
  const testSeen = new Set<number>();
  const left = new Map<string, number>([...byGroup].filter(([k]) => !testKeys.has(k)).map(([k, m]) => [k, m.length]));
  for (const label of [...candidates.keys()].sort()) {
    const pool = shuffleInPlace(candidates.get(label)!, random);
    let need = unseenShare >= 1 ? 0 : Math.round(testFraction * labelTotals.get(label)!) - (testCounts.get(label) ?? 0);
    for (const i of pool) {
      if (need <= 0) break;
      const key = groupKeyOf(examples[i]);
      if (left.get(key)! <= 1) continue; // keep every training group in training
      left.set(key, left.get(key)! - 1);
      testSeen.add(i);
      need--;
    }
  }
  for (const key of sortedKeys) if (!testKeys.has(key)) for (const i of byGroup.get(key)!) if (!testSeen.has(i)) train.push(i);
  const test = [...testUnseen, ...[...testSeen].sort((a, b) => a - b)];
  shuffleInPlace(train, random);
  shuffleInPlace(test, random);
  return { train, test, testUnseen: testUnseen.sort((a, b) => a - b), trainGroups: byGroup.size - testKeys.size, testGroups: testKeys.size };
}

/** Parses JSONL text into labelled examples; throws with the line number on malformed lines. */
export function parseJsonl(text: string, source = 'input'): LabelledExample[] {
  const out: LabelledExample[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line.length === 0 || line.startsWith('//')) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new Error(`${source}:${n + 1}: invalid JSON (${(err as Error).message})`);
    }
    const r = raw as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || typeof r.app !== 'string' || typeof r.categoryId !== 'string') {
      throw new Error(`${source}:${n + 1}: expected {"app": string, "title"?: string, "url"?: string, "categoryId": string}`);
    }
    const ex: LabelledExample = { app: r.app, categoryId: r.categoryId };
    if (typeof r.title === 'string') ex.title = r.title;
    if (typeof r.url === 'string' && r.url.length > 0) ex.url = r.url;
    if (typeof r.group === 'string' && r.group.length > 0) ex.group = r.group;
    out.push(ex);
  }
  return out;
}

/** Identity of an input for de-duplication (labels and groups excluded). */
export function inputKey(ex: { app: string; title?: string; url?: string }): string {
  return `${normalizeAppName(ex.app)}\u0000${ex.title ?? ''}\u0000${ex.url ?? ''}`;
}

/**
 * Base examples plus corrections: a correction replaces every base example with the same input,
 * and exact duplicates are dropped (first one wins).
 */
export function mergeExamples(base: LabelledExample[], corrections: LabelledExample[] = []): LabelledExample[] {
  const corrected = new Set(corrections.map(inputKey));
  const seen = new Set<string>();
  const out: LabelledExample[] = [];
  for (const ex of [...base.filter((e) => !corrected.has(inputKey(e))), ...corrections]) {
    const key = `${inputKey(ex)}\u0000${ex.categoryId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ex);
  }
  return out;
}
