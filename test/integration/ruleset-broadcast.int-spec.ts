import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@lib/config';
import { NatsConnectionService, RulesetBroadcast } from '@lib/messaging';
import { LocalServer, startNats } from '../../tools/infra/src';
import { testConfig, waitFor } from '../support/test-config';

/**
 * The ruleset announcement (KV bucket `<prefix>-rules`) across nats-server restarts, on a server of
 * the test's own. Readers are classification (LiveRuleset) and inference (LiveTaxonomy).
 */
describe('ruleset broadcast across NATS restarts', () => {
  let dataDir: string;
  let nats: LocalServer;
  let config: AppConfig;
  const connections: NatsConnectionService[] = [];
  const stops: Array<() => void> = [];

  async function broadcast(name: string): Promise<RulesetBroadcast> {
    const connection = new NatsConnectionService(config);
    connections.push(connection);
    await connection.connect(name);
    return new RulesetBroadcast(connection, config);
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ap-ruleset-broadcast-'));
    nats = await startNats({ dataDir });
    config = testConfig({ NATS_URL: nats.url });
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    for (const connection of connections.splice(0)) await connection.onApplicationShutdown();
    await nats?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a reader sees what is announced after the server came back without its store', async () => {
    await (await broadcast('writer')).announce(1);
    const seen: number[] = [];
    let resumed = 0;
    stops.push(await (await broadcast('reader')).watch((version) => seen.push(version), () => resumed++));
    await waitFor(async () => seen.includes(1), 'the first version');

    const port = nats.port;
    await nats.stop('SIGKILL');
    rmSync(join(dataDir, 'jetstream'), { recursive: true, force: true });
    nats = await startNats({ dataDir, port });
    // The writer as a classification instance started afresh would announce the next change.
    await (await broadcast('restarted writer')).announce(2);

    // Before: nothing. The client recreated the watch's consumer after missed heartbeats, at the
    // stream sequence it had reached, past version 2's; or, the bucket not there yet, the watch ended.
    await waitFor(async () => seen.includes(2), 'version 2 on the reader', 40_000, 100);
    expect(resumed).toBe(1);
  });

  it('a watch that ended (its bucket deleted) subscribes again and catches up', async () => {
    const writer = await broadcast('writer');
    await writer.announce(1);
    const seen: number[] = [];
    let resumed = 0;
    stops.push(await (await broadcast('reader')).watch((version) => seen.push(version), () => resumed++));
    await waitFor(async () => seen.includes(1), 'the first version');

    await connections[0].jsm.streams.delete(`KV_${config.PIPELINE_PREFIX}-rules`);
    // Before: "ruleset version watch ended" once the client failed to recreate its consumer, and nothing after.
    await waitFor(async () => resumed > 0, 'the watch subscribed again', 40_000, 100);
    await writer.announce(2);
    await waitFor(async () => seen.includes(2), 'version 2 on the reader');
  });
});
