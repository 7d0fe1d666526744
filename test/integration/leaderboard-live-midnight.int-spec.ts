import { AppConfig, loadConfig } from '@lib/config';
import { LeaderboardPage } from '@lib/contracts';
import { orAfter } from '@lib/platform';
import { PeriodCalendar } from '@lib/leaderboard-core';
import { LeaderboardQueryService } from '../../apps/leaderboard/src/leaderboard-query.service';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { serverSentEvents } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { configEnv, testConfig } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

// Europe/Berlin: 2026-11-22 00:00 local is 2026-11-21T23:00:00Z.
const MIDNIGHT_MS = Date.parse('2026-11-21T23:00:00Z');

describe('live leaderboards at local midnight', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let readKey: string;

  beforeAll(async () => {
    // Only the clock is moved, to just before a local midnight; timers stay real and the clock
    // runs on with them, so the apps (all in this process) see the same time.
    jest.useFakeTimers({
      advanceTimers: true,
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
      now: MIDNIGHT_MS - 60_000,
    });
    config = testConfig({ TIME_ZONE: 'Europe/Berlin' });
    pipeline = await startPipeline(config, ['gateway', 'leaderboard']);
    readKey = await createApiKey(pipeline.apps.gateway!, ['read']);
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).write([
      classifiedEnvelope('evening', [{ eventId: 'evening', userId: 'eve', startedAt: '2026-11-21T20:00:00Z', durationSec: 600 }]),
      classifiedEnvelope('morning', [{ eventId: 'morning', userId: 'mo', startedAt: '2026-11-22T07:00:00Z', durationSec: 300 }]),
    ]);
  });

  afterAll(async () => {
    await pipeline?.close();
    jest.useRealTimers();
  });

  const followMidnight = async (gatewayUrl: string) => {
    jest.setSystemTime(MIDNIGHT_MS - 2000);
    const abort = new AbortController();
    const response = await fetch(`${gatewayUrl}/v1/leaderboards/total/stream?limit=5`, { headers: { 'x-api-key': readKey }, signal: abort.signal });
    const events = serverSentEvents<LeaderboardPage>(response.body!);
    expect((await events.next()).value).toEqual({ board: 'total', period: 'day', periodKey: '2026-11-21', timeZone: 'Europe/Berlin', entries: [{ rank: 1, userId: 'eve', score: 600 }], hasMore: false, nextCursor: null });
    // Before, nothing came until a change on the new day's board: the stream went on showing yesterday.
    const next = await orAfter(events.next(), 8000, () => undefined);
    abort.abort();
    expect(next?.value).toEqual({ board: 'total', period: 'day', periodKey: '2026-11-22', timeZone: 'Europe/Berlin', entries: [{ rank: 1, userId: 'mo', score: 300 }], hasMore: false, nextCursor: null });
  };

  it("sends the new day's board at local midnight to a stream that follows the current day, with no change on either board", async () => {
    await followMidnight(pipeline.url);
  });

  it("sends the new day's board at midnight when the leaderboard app's clock is a little behind the gateway's", async () => {
    // The leaderboard host's clock 3 s behind: its "current day" is still the old one at the gateway's midnight.
    const boardsCalendar = (pipeline.apps.leaderboard!.get(LeaderboardQueryService) as unknown as { calendar: PeriodCalendar }).calendar;
    const currentKey = boardsCalendar.currentKey.bind(boardsCalendar);
    const behind = jest.spyOn(boardsCalendar, 'currentKey').mockImplementation((period, nowMs) => currentKey(period, nowMs - 3000));
    // A gateway of its own: the first one's push is armed for the next midnight already.
    const gateway = await startPipeline(config, ['gateway']);
    try {
      // Before: the push at the gateway's midnight read the current day as the leaderboard saw it, the old one, and nothing followed.
      await followMidnight(gateway.url);
    } finally {
      behind.mockRestore();
      await gateway.close();
    }
  });

  it("moves at the boards' midnight when the gateway's own TIME_ZONE is another", async () => {
    // Before, the gateway armed its push for its own midnight (UTC, an hour after Berlin's).
    const utcGateway = await startPipeline(loadConfig({ ...configEnv(config), TIME_ZONE: 'UTC' }), ['gateway']);
    try {
      await followMidnight(utcGateway.url);
    } finally {
      await utcGateway.close();
    }
  });
});
