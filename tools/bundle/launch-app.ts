/**
 * Starts an app from its bundle (`dist/bundles/<app>.js`, written by bundle-apps) with the V8 code
 * cache kept beside it (`<app>.js.cache`).
 *
 *   node dist/tools/bundle/launch-app.js <app>                 start the app
 *   node dist/tools/bundle/launch-app.js <app> --write-cache   load the bundle, write its cache, exit
 *   node dist/tools/bundle/launch-app.js <app> --check-cache   load the bundle, print whether V8 took its cache, exit
 *
 * Written by hand because Node 20 has no compile cache for modules (`module.enableCompileCache`
 * came in Node 22) and `v8-compile-cache` measured no gain here. Parsing and compiling the modules
 * is most of an app's start-up: loading the gateway's module took 1.4–1.6 s from `dist/apps`,
 * 1.15 s bundled and 0.6 s bundled with this cache (docs/operations.md, "Start-up").
 * A cache V8 rejects (another Node build, changed flags) only costs the time it would have saved,
 * and is rewritten.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import vm from 'node:vm';
import { enableLinearRegexFallback } from '../../libs/classifier-engine/src/linear-regex-flags';

interface AppBundle {
  main(): Promise<void>;
}

const BUNDLES_DIR = resolve(__dirname, '..', '..', 'bundles');

/** Runs the bundle as a CommonJS module, compiled with its cache when V8 accepts it. */
function loadBundle(file: string): { exports: AppBundle; script: vm.Script; cacheUsed: boolean } {
  const cacheFile = `${file}.cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const moduleObject = { exports: {} as AppBundle, id: file, filename: file, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: unknown, filename: string, dirname: string) => void;
  run.call(moduleObject.exports, moduleObject.exports, createRequire(file), moduleObject, file, dirname(file));
  moduleObject.loaded = true;
  return { exports: moduleObject.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/** After the bundle's modules ran, the cache also holds the functions they compiled. */
function writeCache(file: string, script: vm.Script): void {
  const temporary = `${file}.cache.${process.pid}`;
  writeFileSync(temporary, script.createCachedData());
  renameSync(temporary, `${file}.cache`);
}

type Mode = 'start' | 'write-cache' | 'check-cache';

function launch(app: string | undefined, mode: Mode): void {
  const file = join(BUNDLES_DIR, `${app}.js`);
  if (!app || !existsSync(file)) {
    process.stderr.write(`launch-app: no bundle for app ${JSON.stringify(app ?? '')} at ${file} (run npm run build)\n`);
    process.exit(2);
  }
  // Before compiling: the engine sets them when loaded, and V8 rejects a cache written under other flags.
  enableLinearRegexFallback();
  const { exports, script, cacheUsed } = loadBundle(file);
  if (mode === 'check-cache') {
    process.stdout.write(`${JSON.stringify({ app, cacheUsed })}\n`);
    return;
  }
  if (mode === 'write-cache' || !cacheUsed) {
    try {
      writeCache(file, script);
    } catch (error) {
      // A read-only image still starts, only without the cache.
      if (mode === 'write-cache') throw error;
    }
  }
  if (mode === 'start') void exports.main();
}

launch(process.argv[2], process.argv.includes('--write-cache') ? 'write-cache' : process.argv.includes('--check-cache') ? 'check-cache' : 'start');
