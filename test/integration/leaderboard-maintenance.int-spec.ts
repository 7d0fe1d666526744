import { AppConfig } from '@lib/config';
import { maintenanceBucket, readMaintenanceRecord } from '@lib/contracts';
import { NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { BoardRecomputeService } from '../../apps/leaderboard/src/maintenance/board-recompute.service';
import { MaintenanceJobsService } from '../../apps/leaderboard/src/maintenance/maintenance-jobs.service';
import { RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

/**
 * The daily job against real NATS KV (its lease and its record of the last run), Redis and Mongo:
 * once per local day from MAINTENANCE_HOUR on, and a deployment's first run (no record kept yet)
 * archives but verifies nothing.
 */
describe('leaderboard daily maintenance', () => {
  const FIRST_DAY = '2026-11-20';
  const NEXT_DAY = '2026-11-21';
  // 03:00 in Europe/Berlin (UTC+1 in November) is 02:00 UTC.
  const beforeTheHour = (day: string) => Date.parse(`${day}T01:59:00Z`);
  const justAfterTheHour = (day: string) => Date.parse(`${day}T02:05:00Z`);
  let pipeline: RunningPipeline;
  let jobs: MaintenanceJobsService;
  let recompute: BoardRecomputeService;
  let metrics: PipelineMetrics;
  let nats: NatsConnectionService;
  let config: AppConfig;

  beforeAll(async () => {
    config = testConfig({ TIME_ZONE: 'Europe/Berlin', MAINTENANCE_HOUR: '3' });
    pipeline = await startPipeline(config, ['leaderboard']);
    const app = pipeline.apps.leaderboard!;
    nats = app.get(NatsConnectionService);
    jobs = app.get(MaintenanceJobsService);
    recompute = app.get(BoardRecomputeService);
    metrics = app.get(PipelineMetrics);
    // Step 1 of the write only: a usage log of FIRST_DAY with no board increment behind it, the
    // drift a crash between the Mongo write and the Redis update leaves.
    await app.get(LeaderboardWriterService).storeLogs([classifiedEnvelope('maint-1', [{ eventId: 'maint-a', userId: 'a', startedAt: `${FIRST_DAY}T10:00:00Z`, durationSec: 100 }])]);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const driftGauge = async () => (await metrics.registry.getSingleMetric('ap_leaderboard_drift_entries')!.get()).values[0]?.value;

  it('runs once a day from its hour, verifies nothing on its first run, and verifies yesterday from the next day on', async () => {
    const verify = jest.spyOn(recompute, 'verify');

    expect(await jobs.runDaily(beforeTheHour(FIRST_DAY))).toBe(false);
    expect(await jobs.runDaily(justAfterTheHour(FIRST_DAY))).toBe(true);
    expect(verify).not.toHaveBeenCalled();
    expect(await jobs.runDaily(justAfterTheHour(FIRST_DAY) + 3_600_000)).toBe(false); // done today

    expect(await jobs.runDaily(beforeTheHour(NEXT_DAY))).toBe(false);
    expect(verify).not.toHaveBeenCalled();
    expect(await jobs.runDaily(justAfterTheHour(NEXT_DAY))).toBe(true);
    expect(verify.mock.calls).toEqual([[{ from: FIRST_DAY, to: FIRST_DAY, periods: ['day'] }]]);
    // The one log counts on four boards (work, work:programming, productive, total), none in Redis.
    expect(await driftGauge()).toBe(4);
    expect(await jobs.runDaily(justAfterTheHour(NEXT_DAY) + 60_000)).toBe(false);

    // The record the gateway shows on the dashboard.
    const kv = await nats.js.views.kv(maintenanceBucket(config.PIPELINE_PREFIX), { bindOnly: true });
    expect(await readMaintenanceRecord(kv)).toEqual({
      day: NEXT_DAY, finishedAt: expect.any(String), archived: 0, archiveFailures: 0, verifiedDay: FIRST_DAY, driftEntries: 4,
    });
  });

  it('verifies every day since the last run after days without one, not only yesterday', async () => {
    // No instance ran on 11-22 and 11-23 (the app was down): a crash on 11-22 left a log without its increments.
    // Before, the run of 11-24 verified 11-23 only, and 11-22's drift was never reported.
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).storeLogs([classifiedEnvelope('maint-2', [{ eventId: 'maint-b', userId: 'b', startedAt: '2026-11-22T10:00:00Z', durationSec: 60 }])]);
    const verify = jest.spyOn(recompute, 'verify');
    verify.mockClear();
    expect(await jobs.runDaily(justAfterTheHour('2026-11-24'))).toBe(true);
    expect(verify.mock.calls).toEqual([[{ from: NEXT_DAY, to: '2026-11-23', periods: ['day'] }]]);
    expect(await driftGauge()).toBe(4);
    const kv = await nats.js.views.kv(maintenanceBucket(config.PIPELINE_PREFIX), { bindOnly: true });
    expect(await readMaintenanceRecord(kv)).toMatchObject({ day: '2026-11-24', verifiedFrom: NEXT_DAY, verifiedDay: '2026-11-23', driftEntries: 4 });

    // After more than a month without a run, the last 30 days.
    verify.mockClear();
    expect(await jobs.runDaily(justAfterTheHour('2027-01-10'))).toBe(true);
    expect(verify.mock.calls).toEqual([[{ from: '2026-12-11', to: '2027-01-09', periods: ['day'] }]]);
  });
});
