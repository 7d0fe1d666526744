import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.__AP_SERVERS__ ?? []).map((s) => s.stop()));
  const root = process.env.AP_TEST_ROOT;
  if (root && !process.env.AP_KEEP_TEST_DATA) rmSync(root, { recursive: true, force: true });
}
