import { AST, RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { enableLinearRegexFallback } from './linear-regex-flags';

/*
 * Title regexes are user input, run on every title that passes their prefilter. A pattern like
 * /(\w+\s?)+$/ backtracks exponentially: 25 s for one 85-character title (measured), enough to stop
 * a classification instance and then each instance the message is redelivered to. V8 can finish
 * such a match in linear time with its non-backtracking engine once the match has backtracked
 * too long, but that engine takes no `i` flag and only patterns it can run (no backreferences, no
 * lookaround, counted repetition up to 16). The engine matches lowercased text only (titles and
 * app names), so a pattern is rewritten to match lowercase text without `i` as it did with it, and
 * a pattern the linear engine cannot run is refused. The flags are set when the engine is loaded,
 * before any title regex is compiled.
 */
enableLinearRegexFallback();

const parser = new RegExpParser({ ecmaVersion: 2022 });

/**
 * Compiles a case-insensitive title pattern to a regex for lowercase text that V8 can finish in
 * linear time, or returns why it cannot. `source` must already compile with the `i` flag (V8
 * names syntax errors better). One parse serves the checks and the rewrite.
 */
export function compileLinearRegex(source: string): RegExp | string {
  let ast: AST.Pattern;
  try {
    ast = parse(source);
  } catch (error) {
    // regexpp and V8 agree on the syntax as far as we know; if they ever do not, a clear 400, not a 500.
    return `regular expression /${source}/ could not be read for linear-time matching (${(error as Error).message})`;
  }
  const letter = escapedLetter(ast);
  if (letter !== null) {
    return `regular expression /${source}/ escapes the letter ${letter}, which means just that letter here: title regexes run without the u flag, so Unicode property escapes (\\p{…}) and code point escapes (\\u{…}) are not supported; write the characters or a range`;
  }
  const caseless = rewrittenForLowercaseText(source, ast);
  try {
    new RegExp(caseless, 'l');
  } catch {
    return `regular expression /${source}/ cannot be matched in linear time (backreferences, lookahead, lookbehind and counted repetition over 16 are not supported), so a long title could stall classification`;
  }
  return new RegExp(caseless);
}

/** Title patterns are read as V8 runs them: without the `u` flag. */
function parse(source: string): AST.Pattern {
  return parser.parsePattern(source, 0, source.length, { unicode: false, unicodeSets: false });
}

/**
 * The first letter the pattern escapes that, without the `u` flag, means just that letter: `\p{Lu}`
 * is `p{Lu}` there, `\u{1F600}` is 117,760 `u`s, so such a rule matched almost nothing and said
 * nothing. Null when there is none (`\d`, `\b`, `\n`, `\cJ`, `\x41`, `\u00e9` mean what they say).
 */
function escapedLetter(ast: AST.Pattern): string | null {
  let letter: string | null = null;
  visitRegExpAST(ast, {
    onCharacterEnter(node) {
      if (letter === null && node.raw.length === 2 && node.raw[0] === '\\' && /[a-z]/i.test(node.raw[1]) && node.value === node.raw.charCodeAt(1)) letter = node.raw[1];
    },
  });
  return letter;
}

/**
 * The pattern without the `i` flag, for lowercase text: every literal character becomes its
 * lowercase case variants (what `i` matches, ES Canonicalize without `u`, that lowercase text can
 * hold: `V` → `v`, `Σ` → `[ςσ]`), and every character class those of its members. Escapes like
 * \w, \d, \s and `.` are closed under case already. Literals stay literals where they can, so
 * V8's literal search still applies.
 */
export function forLowercaseText(source: string): string {
  return rewrittenForLowercaseText(source, parse(source));
}

/** forLowercaseText of a pattern already parsed (`ast` is `source`'s). */
function rewrittenForLowercaseText(source: string, ast: AST.Pattern): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  visitRegExpAST(ast, {
    onCharacterEnter(node) {
      if (node.parent.type !== 'Alternative' && node.parent.type !== 'Quantifier') return; // inside a class: the class is rewritten
      const variants = lowercaseVariants(node.value);
      if (variants.length === 1 && variants[0] === node.value) return;
      edits.push({ start: node.start, end: node.end, text: variants.length === 1 ? sourceChar(variants[0]) : `[${variants.map(sourceChar).join('')}]` });
    },
    onCharacterClassEnter(node) {
      edits.push({ start: node.start, end: node.end, text: closedClass(node as AST.ClassRangesCharacterClass) });
    },
  });
  let out = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function closedClass(node: AST.ClassRangesCharacterClass): string {
  const units = new Set<number>();
  const escapes: string[] = [];
  const addWithVariants = (unit: number) => lowercaseVariants(unit).forEach((u) => units.add(u));
  for (const element of node.elements) {
    if (element.type === 'Character') addWithVariants(element.value);
    else if (element.type === 'CharacterClassRange') for (let u = element.min.value; u <= element.max.value; u++) addWithVariants(u);
    else escapes.push(element.raw); // \d \w \s and their negations
  }
  return `[${node.negate ? '^' : ''}${escapes.join('')}${ranges([...units].sort((a, b) => a - b))}]`;
}

/**
 * Sorted code units as class text: runs of three or more as ranges. A run goes on across units
 * lowercase text cannot hold (uppercase letters): whether the class has them changes no match,
 * and the linear engine's time per title character grows with a class's ranges. Taking only the
 * lowercase variants of a block whose cases alternate (Latin Extended, Cyrillic, Greek…) left one
 * range per letter: `[À-ɏ]+x` became 190 ranges and took 119 ms on a 2,048-character title,
 * `(?:[a-zA-ZÀ-ɏ]*[^x]){16}z` 594 ms (measured 2026-11-25), so a batch of such titles stalled
 * classification for minutes.
 */
function ranges(units: number[]): string {
  let text = '';
  for (let i = 0; i < units.length; ) {
    let j = i;
    while (j + 1 < units.length && onlyAbsentBetween(units[j], units[j + 1])) j++;
    text += units[j] - units[i] >= 2 ? `${sourceChar(units[i])}-${sourceChar(units[j])}` : units.slice(i, j + 1).map(sourceChar).join('');
    i = j + 1;
  }
  return text;
}

/** Code units below each unit that lowercase text can hold (index 0x10000: all of them). */
let lowercaseBelow: Uint32Array | undefined;

/** Whether lowercase text can hold no unit strictly between `low` and `high`. */
function onlyAbsentBetween(low: number, high: number): boolean {
  if (lowercaseBelow === undefined) {
    lowercaseBelow = new Uint32Array(0x10001);
    for (let u = 0; u <= 0xffff; u++) {
      const char = String.fromCharCode(u);
      lowercaseBelow[u + 1] = lowercaseBelow[u] + (char.toLowerCase() === char ? 1 : 0);
    }
  }
  return lowercaseBelow[high] - lowercaseBelow[low + 1] === 0;
}

/** A character as pattern text, in or out of a class: ASCII letters, digits and space as they are, the rest escaped. */
function sourceChar(unit: number): string {
  const char = String.fromCharCode(unit);
  return /[A-Za-z0-9 ]/.test(char) ? char : `\\u${unit.toString(16).padStart(4, '0')}`;
}

/** ES Canonicalize for a non-`u` case-insensitive regex (ECMA-262 22.2.2.7.3). */
function canonicalize(unit: number): number {
  const upper = String.fromCharCode(unit).toUpperCase();
  if (upper.length !== 1) return unit;
  const code = upper.charCodeAt(0);
  return unit >= 128 && code < 128 ? unit : code;
}

let canonicalOf: Uint16Array | undefined;
/** Code units sharing a canonical form, for the 1,144 forms with more than one (Node 20). */
let sharedCanonical: Map<number, number[]> | undefined;

/** The code units a case-insensitive regex treats as `unit` that lowercase text can hold (none for İ). */
export function lowercaseVariants(unit: number): number[] {
  return caseVariants(unit).filter((u) => String.fromCharCode(u).toLowerCase() === String.fromCharCode(u));
}

/** Every code unit a case-insensitive regex treats as `unit` (itself included), ascending. */
export function caseVariants(unit: number): number[] {
  if (canonicalOf === undefined || sharedCanonical === undefined) {
    canonicalOf = new Uint16Array(0x10000);
    const counts = new Uint16Array(0x10000);
    for (let u = 0; u <= 0xffff; u++) counts[(canonicalOf[u] = canonicalize(u))]++;
    sharedCanonical = new Map();
    for (let u = 0; u <= 0xffff; u++) {
      const canonical = canonicalOf[u];
      if (counts[canonical] < 2) continue;
      const group = sharedCanonical.get(canonical);
      if (group) group.push(u);
      else sharedCanonical.set(canonical, [u]);
    }
  }
  return sharedCanonical.get(canonicalOf[unit]) ?? [unit];
}
