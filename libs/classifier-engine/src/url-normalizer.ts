import { domainToASCII } from 'node:url';

export interface NormalizedUrl {
  /** Lower-case ASCII (punycode) host without `www.`, port or trailing dot. */
  host: string;
  /** Lower-case path without query or fragment; '/' when empty. */
  path: string;
}

const CH_SLASH = 47;
const CH_BACKSLASH = 92;
const CH_QUESTION = 63;
const CH_HASH = 35;
const CH_COLON = 58;
const CH_DOT = 46;

/**
 * Hand-written parser: `new URL()` costs several microseconds per call and rejects the
 * scheme-less forms activity watchers report (`localhost:3000/x`, `example.com/path`).
 * Returns null when there is no usable host (about:blank, mailto:, file:///, free text).
 */
export function normalizeUrl(url: string): NormalizedUrl | null {
  const s = url.trim();
  if (s.length === 0) return null;

  let start = 0;
  let hasScheme = false;
  const schemeEnd = s.indexOf('://');
  if (schemeEnd > 0 && isScheme(s, schemeEnd)) {
    start = schemeEnd + 3;
    hasScheme = true;
  } else if (s.startsWith('//')) {
    start = 2;
    hasScheme = true;
  }

  let end = start;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (c === CH_SLASH || c === CH_BACKSLASH || c === CH_QUESTION || c === CH_HASH) break;
    end++;
  }

  let authority = s.slice(start, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    // Without a scheme an '@' means something like "mailto:a@b.com" or an e-mail address.
    if (!hasScheme) return null;
    authority = authority.slice(at + 1);
  }

  let rawHost: string;
  if (authority.charCodeAt(0) === 91 /* [ */) {
    const close = authority.indexOf(']');
    if (close < 0) return null;
    rawHost = authority.slice(0, close + 1);
    const rest = authority.slice(close + 1);
    if (rest.length > 0 && !isPort(rest)) return null;
  } else {
    const colon = authority.indexOf(':');
    if (colon >= 0) {
      const port = authority.slice(colon);
      if (!isPort(port)) return null; // "about:blank", "javascript:void(0)"
      rawHost = authority.slice(0, colon);
    } else {
      rawHost = authority;
    }
  }

  const host = normalizeHost(rawHost);
  if (host === null) return null;
  if (!hasScheme && !looksLikeBareHost(host)) return null;

  return { host, path: normalizePath(s, end) };
}

/** Normalizes a bare host (rules and URLs share this): lower case, punycode, no `www.`/trailing dot. */
export function normalizeHost(raw: string): string | null {
  let host = raw.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0) return null;
  if (host.charCodeAt(0) === 91 /* [ */) return /^\[[0-9a-f:.]+\]$/.test(host) ? host : null;

  let ascii = true;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c >= 128) {
      ascii = false;
      break;
    }
    if (!IS_HOST_CHAR[c]) return null;
  }
  if (!ascii) {
    host = domainToASCII(host);
    if (host.length === 0) return null;
  }
  // Empty labels ("a..b", ".a") are never valid hosts.
  if (host.charCodeAt(0) === CH_DOT || host.includes('..')) return null;
  if (host.startsWith('www.') && host.length > 4) host = host.slice(4);
  return host;
}

function normalizePath(s: string, from: number): string {
  let end = from;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (c === CH_QUESTION || c === CH_HASH) break;
    end++;
  }
  if (end === from) return '/';
  const path = s.slice(from, end).toLowerCase();
  return path.includes('\\') ? path.replace(/\\/g, '/') : path;
}

function isScheme(s: string, end: number): boolean {
  if (!isAsciiLetter(s.charCodeAt(0))) return false;
  for (let i = 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!(isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === CH_DOT)) return false;
  }
  return true;
}

/** ":" followed by digits only (an empty port is tolerated as WHATWG does). */
function isPort(s: string): boolean {
  if (s.charCodeAt(0) !== CH_COLON) return false;
  for (let i = 1; i < s.length; i++) {
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
