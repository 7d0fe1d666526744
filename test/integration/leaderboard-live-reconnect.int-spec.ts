import { AppConfig, loadConfig } from '@lib/config';
import { LeaderboardPage } from '@lib/contracts';
import { orAfter } from '@lib/platform';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { http, serverSentEvents } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { configEnv, testConfig, waitFor } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

/**
 * Board-change notices travel on core NATS, fire and forget: one published while a gateway is cut
 * off from NATS reaches nobody there. The gateway reaches NATS through a relay the test cuts, while
 * the leaderboard app stays connected and goes on writing.
 */
describe('a live view on a gateway that lost NATS for a while', () => {
  let config: AppConfig;
  let boards: RunningPipeline;
  let front: RunningPipeline;
  let proxy: TcpProxy;
  let readKey: string;
  const day = '2026-11-20';

  beforeAll(async () => {
    config = testConfig();
    proxy = await startTcpProxy(Number(new URL(config.NATS_URL).port));
    boards = await startPipeline(config, ['leaderboard']);
    front = await startPipeline(loadConfig({ ...configEnv(config), NATS_URL: `nats://127.0.0.1:${proxy.port}` }), ['gateway']);
    readKey = await createApiKey(front.apps.gateway!, ['read']);
  });

  afterAll(async () => {
    await front?.close();
    await boards?.close();
    await proxy?.close();
  });

  it('shows the changes made meanwhile once it is back, without waiting for another change', async () => {
    const abort = new AbortController();
    const response = await fetch(`${front.url}/v1/leaderboards/total/stream?date=${day}&limit=5`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).value).toMatchObject({ periodKey: day, entries: [] });

    await proxy.cut();
    await waitFor(async () => (await http('GET', `${front.url}/health/ready`)).status === 503, 'the gateway to notice NATS is gone');
    await boards.apps.leaderboard!.get(LeaderboardWriterService).write([classifiedEnvelope('cut-off', [{ eventId: 'cut-off', userId: 'ines', startedAt: `${day}T09:00:00Z`, durationSec: 120 }])]);
    await proxy.restore();

    // Before, nothing came: the notice was gone, and the view showed the old board until the next change.
    const next = await orAfter(events.next(), 20_000, () => undefined);
    abort.abort();
    expect(next?.value).toMatchObject({ periodKey: day, entries: [{ rank: 1, userId: 'ines', score: 120 }] });
  });
});
