import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { appNodeFlags } from '../../tools/bundle/app-node-flags';
import { APP_NAMES } from '../../tools/infra/src';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The built bundles' V8 code caches (npm run build) are taken by the launcher's starts. V8 rejects
 * a cache written under other flags, and the classifier engine changes V8's flags when it loads
 * (linear-regex-flags.ts): a launcher that compiled before setting them threw its cache away on
 * every start (~0.3 s more start-up per app) and rewrote it, to no avail.
 */
describe('bundles: code caches', () => {
  it.each(APP_NAMES)('%s: the launcher starts with its cache', (app) => {
    const out = execFileSync(process.execPath, [...appNodeFlags(), join(ROOT, 'dist/tools/bundle/launch-app.js'), app, '--check-cache']).toString();
    expect(JSON.parse(out)).toEqual({ app, cacheUsed: true });
  });
});
