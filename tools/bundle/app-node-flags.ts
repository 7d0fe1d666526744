/**
 * Heap limits for the apps, opt-in through `APP_NODE_OPTIONS` (e.g. `--max-semi-space-size=4
 * --max-old-space-size=128`; measured trade-off in docs/operations.md, "Memory"). Read in two
 * places that must agree, because V8 rejects a code cache built under other heap flags: the build
 * writes each app's cache with them (bundle-apps.ts) and launchApp starts the apps with them. The
 * image passes the same build argument as the apps' NODE_OPTIONS (Dockerfile).
 */
const HEAP_FLAG = /^--max-(semi|old)-space-size=[1-9]\d*$/;

/** The node flags in `APP_NODE_OPTIONS`; only heap sizes, which NODE_OPTIONS also accepts in the image. */
export function appNodeFlags(env: Record<string, string | undefined> = process.env): string[] {
  const flags = (env.APP_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  const wrong = flags.find((flag) => !HEAP_FLAG.test(flag));
  if (wrong !== undefined) {
    throw new Error(`APP_NODE_OPTIONS: "${wrong}" is not a heap size flag (allowed: --max-semi-space-size=MB, --max-old-space-size=MB)`);
  }
  return flags;
}
