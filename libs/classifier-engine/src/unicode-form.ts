const NOT_ASCII = /[^\u0000-\u007f]/;

/**
 * The text in Unicode's composed form (NFC): "é" typed as e + U+0301, as macOS writes many file
 * names (and so window titles), is then the same "é" as a rule's. ASCII is its own NFC, so most
 * titles skip normalize() after one scan.
 */
export function composed(text: string): string {
  return NOT_ASCII.test(text) ? text.normalize('NFC') : text;
}
