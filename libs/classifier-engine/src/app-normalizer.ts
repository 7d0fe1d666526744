import { composed } from './unicode-form';

const WHITESPACE_RUN = /\s+/g;
const EXECUTABLE_SUFFIX = /\s*\.(?:exe|app)$/;

/**
 * Canonical app name: composed (NFC), lower case, whitespace trimmed and collapsed, `.exe`/`.app`
 * dropped, so "Code.exe", " code " and "CODE.app" are all "code".
 */
export function normalizeApp(app: string): string {
  return composed(app).toLowerCase().replace(WHITESPACE_RUN, ' ').trim().replace(EXECUTABLE_SUFFIX, '');
}
