import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalServer, startRedis } from '../../tools/infra/src';

/**
 * A redis-server of the test's own (one it may pause, kill or misconfigure without touching the
 * shared one), in a temp dir that its stop removes; on `port` to come back where a stopped one was.
 */
export async function startPrivateRedis(name: string, port?: number): Promise<LocalServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `ap-${name}-redis-`));
  const server = await startRedis({ dataDir, port });
  return {
    ...server,
    async stop(signal?: NodeJS.Signals) {
      await server.stop(signal);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
