/**
 * V8 keeps an app's whole source in memory (lazy compilation), one byte per character only when
 * every character fits in Latin-1. esbuild escapes strings but leaves regular expression literals
 * and comments as they are (validator's locale patterns, CJK comments): 888 such characters made
 * each ~10 MB bundle a two-byte string of ~20 MB. `\uXXXX` means the same in regular expressions
 * (with or without the u flag: a surrogate pair stays one code point), comments, strings and
 * identifiers, so it replaces them. Not in a tagged template's raw text (String.raw), where it
 * stays six characters: the dashboard's String.raw markup is Latin-1 for that reason (its spec).
 */
export function latin1Source(code: string): string {
  return code.replace(/[^\x00-\xff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
