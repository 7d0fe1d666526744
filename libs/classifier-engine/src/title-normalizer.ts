import { composed } from './unicode-form';

// Anything but a single plain space: only then is the (costlier) replace needed.
const IRREGULAR_WHITESPACE = /[^\S ]| {2}/;
const WHITESPACE_RUN = /\s+/g;

/** Composed (NFC), lower case, whitespace collapsed to single spaces and trimmed. Keywords and regexes see this form. */
export function normalizeTitle(title: string): string {
  const lower = composed(title).toLowerCase();
  return (IRREGULAR_WHITESPACE.test(lower) ? lower.replace(WHITESPACE_RUN, ' ') : lower).trim();
}
