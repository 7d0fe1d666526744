import { StageStatsSnapshot } from '@lib/observability';
import { StageStatsWindow } from './stage-stats-window';

const le = [0.01, 0.1, 1];
const HOUR_AGO = -3_600_000;

function snapshot(instance: string, at: number, events: number, handlerCounts: number[], extra: Partial<StageStatsSnapshot> = {}): StageStatsSnapshot {
  return {
    instance,
    stage: 'leaderboard',
    at,
    startedAt: HOUR_AGO,
    events,
    messages: { ack: events / 10 },
    handlerSeconds: { le, counts: handlerCounts, count: handlerCounts[handlerCounts.length - 1], sum: 0 },
    ...extra,
  };
}

describe('StageStatsWindow', () => {
  it('sums per-instance rates and merges latency histograms over the window', () => {
    const window = new StageStatsWindow(60_000);
    window.add(snapshot('a', 0, 1000, [10, 10, 10]));
    window.add(snapshot('a', 10_000, 2000, [10, 20, 20]));
    window.add(snapshot('b', 0, 0, [0, 0, 0]));
    window.add(snapshot('b', 10_000, 500, [0, 0, 10]));

    const { stages } = window.summary(10_000);
    expect(stages).toHaveLength(1);
    expect(stages[0]).toMatchObject({ stage: 'leaderboard', instances: 2, eventsPerSec: 150, messagesPerSec: 15, successRate: 1 });
    // in the window: 10 batches in (0.01, 0.1], 10 in (0.1, 1]
    expect(stages[0].latencySeconds.samples).toBe(20);
    expect(stages[0].latencySeconds.p50).toBeCloseTo(0.1);
    expect(stages[0].latencySeconds.p99).toBeCloseTo(0.982);
  });

  it('gives a success rate below 1 whenever a message was not acked, however many were', () => {
    const window = new StageStatsWindow(60_000);
    window.add(snapshot('busy', 5_000, 0, [0, 0, 0], { startedAt: 0, messages: { ack: 99_999, retry: 1 } }));
    // Before: rounded to 4 decimals, 0.99999 was 1: "100%" over a retry.
    expect(window.summary(5_000).stages[0].successRate).toBe(0.9999);
    window.add(snapshot('busy', 6_000, 0, [0, 0, 0], { startedAt: 0, messages: { ack: 57, retry: 43 } }));
    expect(window.summary(6_000).stages[0].successRate).toBe(0.57);
  });

  it('does not double the rate when a killed instance was replaced inside the window', () => {
    const window = new StageStatsWindow(60_000);
    window.add(snapshot('killed', 0, 0, [0, 0, 0]));
    window.add(snapshot('killed', 30_000, 30_000, [0, 0, 0]));
    window.add(snapshot('replacement', 60_000, 30_000, [0, 0, 0], { startedAt: 30_000 }));
    // 60,000 events in 60 s; before, 1,000/s from each instance's own span: 2,000.
    expect(window.summary(60_000).stages[0]).toMatchObject({ eventsPerSec: 1000, messagesPerSec: 100, instances: 1 });
  });

  it("slows a stopped stage's rate down with the time since its last instance went quiet, not at the rate it last ran", () => {
    const window = new StageStatsWindow(60_000);
    window.add(snapshot('stopped', 0, 0, [0, 0, 0]));
    window.add(snapshot('stopped', 30_000, 30_000, [0, 0, 0]));
    expect(window.summary(30_000).stages[0]).toMatchObject({ eventsPerSec: 1000, instances: 1 });
    // 30,000 events in the 50 s since the first snapshot; before, 1,000/s beside "0 up" until the
    // instance left the window, as if the stage still ran.
    expect(window.summary(50_000).stages[0]).toMatchObject({ eventsPerSec: 600, messagesPerSec: 60, instances: 0 });
  });

  it('counts from zero for an instance that started inside the window', () => {
    const window = new StageStatsWindow(60_000);
    window.add(snapshot('fresh', 5_000, 300, [3, 3, 3], { startedAt: 0 }));
    const { stages } = window.summary(5_000);
    expect(stages[0]).toMatchObject({ eventsPerSec: 60, instances: 1 });
    expect(stages[0].latencySeconds.samples).toBe(3);
  });

  it('reports ingest-to-leaderboard percentiles and forgets instances gone quiet', () => {
    const window = new StageStatsWindow(60_000);
    const e2e = (counts: number[]) => ({ le, counts, count: counts[2], sum: 0 });
    window.add(snapshot('a', 0, 0, [0, 0, 0], { ingestToLeaderboardSeconds: e2e([0, 0, 0]) }));
    window.add(snapshot('a', 5_000, 10, [1, 1, 1], { ingestToLeaderboardSeconds: e2e([0, 4, 4]) }));
    expect(window.summary(5_000).ingestToLeaderboardSeconds).toMatchObject({ samples: 4 });
    expect(window.summary(5_000).ingestToLeaderboardSeconds!.p50).toBeCloseTo(0.055);

    const later = window.summary(5_000 + 61_000);
    expect(later.stages).toEqual([]);
    expect(later.ingestToLeaderboardSeconds).toBeNull();
  });

  it('sums LLM outcomes over the window and instances, only for a stage that asked the LLM', () => {
    const window = new StageStatsWindow(60_000);
    window.add(snapshot('a', 0, 0, [0, 0, 0], { stage: 'inference', llmCalls: { ok: 5 } }));
    window.add(snapshot('a', 10_000, 10, [1, 1, 1], { stage: 'inference', llmCalls: { ok: 9, deadline: 3 } }));
    window.add(snapshot('b', 10_000, 10, [1, 1, 1], { stage: 'inference', startedAt: 2_000, llmCalls: { ok: 1, timeout: 2 } }));
    window.add(snapshot('c', 10_000, 10, [1, 1, 1]));
    const { stages } = window.summary(10_000);
    expect(stages.find((s) => s.stage === 'inference')!.llmCalls).toEqual({ ok: 5, deadline: 3, timeout: 2 });
    expect(stages.find((s) => s.stage === 'leaderboard')).not.toHaveProperty('llmCalls');
  });

  it('reports the most rules any instance leaves out, as last reported (a level, not a count)', () => {
    const window = new StageStatsWindow(60_000);
    window.add(snapshot('a', 0, 0, [0, 0, 0], { stage: 'classification', rulesLeftOut: 3 }));
    window.add(snapshot('a', 10_000, 10, [1, 1, 1], { stage: 'classification', rulesLeftOut: 1 }));
    window.add(snapshot('b', 10_000, 10, [1, 1, 1], { stage: 'classification', rulesLeftOut: 0 }));
    window.add(snapshot('c', 10_000, 10, [1, 1, 1]));
    const { stages } = window.summary(10_000);
    expect(stages.find((s) => s.stage === 'classification')!.rulesLeftOut).toBe(1);
    expect(stages.find((s) => s.stage === 'leaderboard')).not.toHaveProperty('rulesLeftOut');
  });

  it('counts the live instances whose LLM circuit is open, as last reported', () => {
    const window = new StageStatsWindow(60_000);
    window.add(snapshot('a', 0, 0, [0, 0, 0], { stage: 'inference', llmCircuitOpen: false }));
    window.add(snapshot('a', 10_000, 10, [1, 1, 1], { stage: 'inference', llmCircuitOpen: true }));
    window.add(snapshot('b', 10_000, 10, [1, 1, 1], { stage: 'inference', llmCircuitOpen: false }));
    // Open when last heard of, 20 s before: gone, not open.
    window.add(snapshot('d', 0, 0, [0, 0, 0], { stage: 'inference', llmCircuitOpen: true }));
    window.add(snapshot('c', 10_000, 10, [1, 1, 1]));
    const { stages } = window.summary(20_000);
    expect(stages.find((s) => s.stage === 'inference')!.llmCircuitsOpen).toBe(1);
    expect(stages.find((s) => s.stage === 'leaderboard')).not.toHaveProperty('llmCircuitsOpen');
  });

  it('reports a stage without messages with null success rate and no latency', () => {
    const window = new StageStatsWindow(60_000);
    window.add(snapshot('idle', 1_000, 0, [0, 0, 0], { messages: {} }));
    const [stage] = window.summary(1_000).stages;
    expect(stage.successRate).toBeNull();
    expect(stage.latencySeconds).toEqual({ p50: null, p95: null, p99: null, samples: 0 });
  });
});
