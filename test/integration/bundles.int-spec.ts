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

describe('bundles: the linear-time regex engine', () => {
  it('is required: where V8 lacks it, loading the classifier engine fails naming it, instead of refusing every title regex', () => {
    // V8 ignores flags it does not know: setting none is what such a Node would do.
    const probe = `require('node:v8').setFlagsFromString = () => {}; require(${JSON.stringify(join(ROOT, 'dist/libs/classifier-engine/src/linear-regex-flags.js'))}).enableLinearRegexFallback();`;
    let failure = '';
    try {
      execFileSync(process.execPath, ['-e', probe], { stdio: 'pipe' });
    } catch (error) {
      failure = String((error as { stderr: Buffer }).stderr);
    }
    expect(failure).toContain(`this Node (${process.version}) has no linear-time regex engine (V8 flag --enable-experimental-regexp-engine), which title regex rules need; run Node 20.19 or later`);
  });
});
