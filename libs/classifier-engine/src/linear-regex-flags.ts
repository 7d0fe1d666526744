import { setFlagsFromString } from 'node:v8';

/**
 * Turns on V8's non-backtracking regex engine (the `l` flag) and its use for a match that has
 * backtracked too long (linear-regex.ts). Process-wide and idempotent. In a module of its own
 * because the app launcher sets them before it compiles a bundle: V8 keys a code cache to its
 * flags, so a cache written with them is rejected by a start that sets them later.
 */
export function enableLinearRegexFallback(): void {
  setFlagsFromString('--enable-experimental-regexp-engine');
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  try {
    new RegExp('a', 'l');
  } catch {
    // V8 ignores flags it does not know: without this, every title regex would be refused as non-linear.
    throw new Error(`this Node (${process.version}) has no linear-time regex engine (V8 flag --enable-experimental-regexp-engine), which title regex rules need; run Node 20.19 or later`);
  }
}
