import { PipelineMetrics } from './pipeline-metrics';

describe('PipelineMetrics', () => {
  it('snapshots one stage: events, outcomes and handler latency of that stage only', async () => {
    const metrics = new PipelineMetrics();
    metrics.eventsTotal.inc({ stage: 'leaderboard' }, 120);
    metrics.eventsTotal.inc({ stage: 'classification' }, 7);
    metrics.messagesTotal.inc({ stage: 'leaderboard', outcome: 'ack' }, 3);
    metrics.messagesTotal.inc({ stage: 'leaderboard', outcome: 'retry' });
    metrics.handlerSeconds.observe({ stage: 'leaderboard' }, 0.02);
    metrics.handlerSeconds.observe({ stage: 'classification' }, 3);

    const snapshot = await metrics.stageSnapshot('leaderboard', 1_000);
    expect(snapshot).toMatchObject({ instance: metrics.instance, stage: 'leaderboard', at: 1_000, events: 120, messages: { ack: 3, retry: 1 } });
    expect(snapshot.handlerSeconds.count).toBe(1);
    expect(snapshot.handlerSeconds.sum).toBeCloseTo(0.02);
    // cumulative: every bound from 0.025 up holds the observation
    expect(snapshot.handlerSeconds.counts[snapshot.handlerSeconds.le.indexOf(0.01)]).toBe(0);
    expect(snapshot.handlerSeconds.counts[snapshot.handlerSeconds.le.indexOf(0.025)]).toBe(1);
    expect(snapshot.ingestToLeaderboardSeconds).toBeUndefined();
  });

  it('observes ingest-to-leaderboard latency from ap-ingested-at headers, skipping absent or bad ones', async () => {
    const metrics = new PipelineMetrics();
    metrics.observeSinceIngest(['9000', undefined, 'garbage', '9990'], 10_000);
    const snapshot = await metrics.stageSnapshot('leaderboard');
    expect(snapshot.ingestToLeaderboardSeconds).toMatchObject({ count: 2 });
    expect(snapshot.ingestToLeaderboardSeconds!.sum).toBeCloseTo(1.01);
  });

  it('gives every registry its own instance id', () => {
    expect(new PipelineMetrics().instance).not.toBe(new PipelineMetrics().instance);
  });
});
