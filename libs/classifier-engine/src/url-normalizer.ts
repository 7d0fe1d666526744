import { domainToASCII } from 'node:url';

export interface NormalizedUrl {
  /** Lower-case ASCII (punycode) host without `www.`, port or trailing dot. */
  host: string;
  /** Lower-case path without query or fragment, percent-encoded as browsers send it; '/' when empty. */
  path: string;
}

const CH_SLASH = 47;
const CH_BACKSLASH = 92;
const CH_QUESTION = 63;
const CH_HASH = 35;
const CH_COLON = 58;
const CH_DOT = 46;
const CH_AT = 64;

/**
 * Hand-written parser: `new URL()` rejects the scheme-less forms activity watchers report
 * (`localhost:3000/x`, `example.com/path`) and is slower than this single pass, which only
 * lower-cases or punycode-converts when the input needs it.
 * Returns null when there is no usable host (about:blank, mailto:, file:///, free text).
 */
export function normalizeUrl(url: string): NormalizedUrl | null {
  const s = url.trim();
  const length = s.length;
  if (length === 0) return null;

  let start = 0;
  let hasScheme = false;
  let i = 0;
  while (i < length && isSchemeChar(s.charCodeAt(i), i)) i++;
  if (i > 0 && s.startsWith('://', i)) {
    start = i + 3;
    hasScheme = true;
  } else if (s.startsWith('//')) {
    start = 2;
    hasScheme = true;
  }

  // One pass over the authority: the host begins after the last '@', the port after its first ':'.
  let hostStart = start;
  let colon = -1;
  let simple = true; // only [a-z0-9._-] so far: no lower-casing or punycode needed
  let end = start;
  for (; end < length; end++) {
    const c = s.charCodeAt(end);
    if (c === CH_SLASH || c === CH_BACKSLASH || c === CH_QUESTION || c === CH_HASH) break;
    if (c === CH_AT) {
      // Without a scheme an '@' means something like "mailto:a@b.com" or an e-mail address.
      if (!hasScheme) return null;
      hostStart = end + 1;
      colon = -1;
      simple = true;
    } else if (c === CH_COLON) {
      if (colon < 0) colon = end;
    } else if (colon < 0 && (c >= 128 || IS_HOST_CHAR[c] === 0)) {
      simple = false;
    }
  }

  let rawHost: string;
  if (s.charCodeAt(hostStart) === 91 /* [ */) {
    const close = s.indexOf(']', hostStart);
    if (close < 0 || close >= end) return null;
    rawHost = s.slice(hostStart, close + 1);
    if (close + 1 < end && !isPort(s, close + 1, end)) return null;
    simple = false;
  } else {
    // "about:blank" and "javascript:void(0)" fail here: what follows the ':' is no port.
    if (colon >= 0 && !isPort(s, colon, end)) return null;
    rawHost = s.slice(hostStart, colon >= 0 ? colon : end);
  }

  const host = simple ? checkSimpleHost(rawHost) : normalizeHost(rawHost);
  if (host === null) return null;
  if (!hasScheme && !looksLikeBareHost(host)) return null;
  return { host, path: normalizePath(s, end) };
}

/** Normalizes a bare host (rules and URLs share this): lower case, punycode, no `www.`/trailing dot. */
export function normalizeHost(raw: string): string | null {
  let host = raw.toLowerCase();
  if (host.charCodeAt(0) === 91 /* [ */) return /^\[[0-9a-f:.]+\]$/.test(host) ? host : null;
  let ascii = true;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c >= 128) {
      ascii = false;
      break;
    }
    if (IS_HOST_CHAR[c] === 0) return null;
  }
  if (!ascii) {
    host = domainToASCII(host.endsWith('.') ? host.slice(0, -1) : host);
    if (host.length === 0) return null;
  }
  return checkSimpleHost(host);
}

/** Final checks on a host already made of [a-z0-9._-]: labels, trailing dot, `www.`. */
function checkSimpleHost(host: string): string | null {
  if (host.endsWith('.')) host = host.slice(0, -1);
  // Empty labels ("a..b", ".a", "") are never valid hosts.
  if (host.length === 0 || host.charCodeAt(0) === CH_DOT || host.includes('..')) return null;
  if (host.startsWith('www.') && host.length > 4) host = host.slice(4);
  return host;
}

function normalizePath(s: string, from: number): string {
  let end = from;
  let upper = false;
  let backslash = false;
  let unencoded = false;
  for (; end < s.length; end++) {
    const c = s.charCodeAt(end);
    if (c === CH_QUESTION || c === CH_HASH) break;
    if (c >= 65 && c <= 90) upper = true;
    else if (c === CH_BACKSLASH) backslash = true;
    else if (c >= 128) upper = unencoded = true; // may have a lower-case form
    else if (IS_PATH_ENCODED[c] === 1) unencoded = true;
  }
  if (end === from) return '/';
  let path = s.slice(from, end);
  if (upper) path = path.toLowerCase();
  if (backslash) path = path.replace(/\\/g, '/');
  return unencoded ? percentEncodePath(collapseWhitespace(path)) : path;
}

const WHITESPACE_RUN = /\s+/g;

/**
 * Ingestion stores a URL with each whitespace run collapsed to one space (as titles), so the rules,
 * the dry run and corrections read a raw path that way too: `/team  space` was `/team%20%20space`
 * here, and a dry run or correction with it never agreed with what the pipeline then stored.
 * (Whitespace is below 33 or above 127, so only paths to encode get here.)
 */
function collapseWhitespace(path: string): string {
  return path.replace(WHITESPACE_RUN, ' ');
}

/**
 * Browsers report paths percent-encoded (`/wiki/M%C3%BCnchen`, `/a%20b`) while people write
 * rules as they read them (`/wiki/münchen`): both become the encoded form, with lower-case hex
 * as the lower-cased URL has it, so a rule matches either spelling.
 */
function percentEncodePath(path: string): string {
  return path.replace(PATH_ENCODE_RUNS, (run) => {
    let encoded = '';
    for (const byte of UTF8.encode(run)) encoded += `%${byte < 16 ? '0' : ''}${byte.toString(16)}`;
    return encoded;
  });
}

const UTF8 = new TextEncoder();
/** WHATWG's path percent-encode set (C0 controls, space, `"`, `<`, `>`, `` ` ``, `{`, `}`) and non-ASCII. */
const PATH_ENCODE_RUNS = /[\u0000-\u0020"<>`{}\u007f-\uffff]+/g;
const IS_PATH_ENCODED: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c <= 32; c++) table[c] = 1;
  for (const c of '"<>`{}') table[c.charCodeAt(0)] = 1;
  table[127] = 1;
  return table;
})();

/** RFC 3986 scheme: a letter, then letters, digits, '+', '-' or '.'. */
function isSchemeChar(c: number, index: number): boolean {
  if (isAsciiLetter(c)) return true;
  return index > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === CH_DOT);
}

/** s[from] is ':' and s[from+1, end) are digits (an empty port is tolerated, as WHATWG does). */
function isPort(s: string, from: number, end: number): boolean {
  if (s.charCodeAt(from) !== CH_COLON) return false;
  for (let i = from + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Scheme-less input is only trusted when it clearly names a host, not a word like "Untitled". */
function looksLikeBareHost(host: string): boolean {
  if (host === 'localhost' || IPV4.test(host) || host.charCodeAt(0) === 91) return true;
  const lastDot = host.lastIndexOf('.');
  if (lastDot <= 0) return false;
  return /[a-z]/.test(host.slice(lastDot + 1));
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const IS_HOST_CHAR: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 97; c <= 122; c++) table[c] = 1;
  for (let c = 48; c <= 57; c++) table[c] = 1;
  table[45] = 1; // '-'
  table[46] = 1; // '.'
  table[95] = 1; // '_' is invalid in DNS names but common in intranet hosts
  return table;
})();
