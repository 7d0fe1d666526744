/*
 * Feature hashing.
 *
 * Why hand-written FNV-1a (plus the murmur3 finalizer) rather than a library or crypto hash:
 *  - it must be bit-for-bit identical at training time and at serving time, forever, on every
 *    platform: a dozen lines we own are easier to pin than a dependency's version;
 *  - it runs a few hundred times per event on the hot path, and FNV-1a is one xor and one
 *    32-bit multiply (Math.imul) per UTF-16 code unit, with no allocation; crypto hashes
 *    (node:crypto) cost a native call per feature, which is ~10x slower here;
 *  - FNV-1a alone mixes the low bits of short strings poorly, and we take the result modulo
 *    the bucket count, so we finish with murmur3's fmix32 avalanche step.
 * The hash runs over UTF-16 code units (what a JS string is), not UTF-8 bytes: cheaper, and just
 * as deterministic. Anyone re-implementing the featurizer elsewhere must do the same.
 */

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continues an FNV-1a state over `s` (all UTF-16 code units). */
export function fnv1aUpdate(state: number, s: string): number {
  let h = state;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Continues an FNV-1a state over `s[start, end)` without allocating a substring. */
export function fnv1aRange(state: number, s: string, start: number, end: number): number {
  let h = state;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3 fmix32: spreads every input bit over the whole word. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit unsigned hash of a string. */
export function hash32(s: string): number {
  return fmix32(fnv1aUpdate(FNV_OFFSET, s));
}
