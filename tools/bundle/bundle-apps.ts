/**
 * `npm run build`, last step: bundles each app (`dist/apps/<app>/src/main.js` and everything it
 * imports) into `dist/bundles/<app>.js` with esbuild, then writes each bundle's V8 code cache
 * (launch-app.ts) under the heap flags the apps run with (APP_NODE_OPTIONS, app-node-flags.ts).
 * One file to read and a code cache instead of thousands of modules to resolve, read and compile:
 * see launch-app.ts for the measured start-up.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { APP_NAMES } from '../infra/src';
import { appNodeFlags } from './app-node-flags';
import { latin1Source } from './latin1-source';

const ROOT = resolve(__dirname, '..', '..', '..');
const DIST = join(ROOT, 'dist');

/**
 * Left to `require` at run time: optional peers Nest and Apollo probe for and we do not install;
 * packages that read their own files next to their code (the ONNX runtime's native binding,
 * Swagger UI's assets); class-transformer, which @nestjs/mapped-types loads as
 * `class-transformer/storage` (two copies would keep two metadata stores).
 */
const EXTERNAL = [
  '@apollo/gateway', '@apollo/subgraph', '@apollo/subgraph/*', '@as-integrations/fastify', '@mikro-orm/core',
  '@nestjs/microservices', '@nestjs/microservices/*', '@nestjs/websockets', '@nestjs/websockets/*',
  '@nestjs/sequelize/*', '@nestjs/typeorm/*', 'ts-morph',
  'onnxruntime-node', 'swagger-ui-dist', 'class-transformer', 'class-transformer/*',
];

async function main(): Promise<void> {
  const nodeFlags = appNodeFlags();
  for (const app of APP_NAMES) {
    const started = Date.now();
    const outfile = join(DIST, 'bundles', `${app}.js`);
    const result = await build({
      entryPoints: [join(DIST, 'apps', app, 'src', 'main.js')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // Nest reads class names (providers, GraphQL types): keep them through bundling.
      keepNames: true,
      // V8 keeps an app's whole source in memory for lazy compilation (docs/operations.md,
      // "Memory"); names stay, so stack traces still name every function.
      minifyWhitespace: true,
      external: EXTERNAL,
      logLevel: 'error',
      write: false,
    });
    mkdirSync(dirname(outfile), { recursive: true });
    writeFileSync(outfile, latin1Source(result.outputFiles[0].text));
    execFileSync(process.execPath, [...nodeFlags, join(DIST, 'tools', 'bundle', 'launch-app.js'), app, '--write-cache'], { stdio: 'inherit' });
    const mb = (path: string) => (statSync(path).size / 1e6).toFixed(1);
    process.stdout.write(`bundle ${app}: ${mb(outfile)} MB, code cache ${mb(`${outfile}.cache`)} MB (${Date.now() - started} ms)\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bundle-apps: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
