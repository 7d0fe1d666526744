import { emptyHistogram, histogramDelta, histogramQuantile, HistogramSnapshot, histogramSum, StageStatsSnapshot } from '@lib/observability';

export interface LatencyPercentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Observations in the window. */
  samples: number;
}

export interface StageSummary {
  stage: string;
  /** Instances heard from in the last ALIVE_MS. */
  instances: number;
  eventsPerSec: number;
  messagesPerSec: number;
  /** acked / (acked + retried + dead-lettered) in the window; null without messages. */
  successRate: number | null;
  /** Handler time per batch. */
  latencySeconds: LatencyPercentiles;
  /** LLM questions per outcome in the window, where the stage asked any (inference). */
  llmCalls?: Record<string, number>;
  /** Live instances whose LLM circuit breaker is open or half-open, where an LLM is configured (inference). */
  llmCircuitsOpen?: number;
  /** Stored rules an instance classifies without (the engine refuses them), the most any reports (classification). */
  rulesLeftOut?: number;
}

export interface StatsSummary {
  windowSec: number;
  stages: StageSummary[];
  /** From ingestion's publish to the leaderboard write; null before any was observed. */
  ingestToLeaderboardSeconds: LatencyPercentiles | null;
}

const ALIVE_MS = 15_000;

/**
 * The last `windowMs` of cumulative snapshots per instance and stage. Rates and percentiles come
 * from the difference between an instance's newest snapshot and its oldest in the window (from
 * zero when the instance started inside the window), summed over instances — what PromQL's
 * rate() and histogram_quantile() would give over the same window.
 */
export class StageStatsWindow {
  private readonly series = new Map<string, StageStatsSnapshot[]>();

  constructor(private readonly windowMs = 60_000) {}

  add(snapshot: StageStatsSnapshot): void {
    const key = `${snapshot.instance}|${snapshot.stage}`;
    const list = this.series.get(key) ?? [];
    const last = list[list.length - 1];
    if (last && snapshot.at <= last.at) return;
    list.push(snapshot);
    this.series.set(key, list);
  }

  summary(nowMs = Date.now()): StatsSummary {
    this.evict(nowMs);
    const byStage = new Map<string, StageAccumulator>();
    let endToEnd: HistogramSnapshot | undefined;
    for (const list of this.series.values()) {
      const latest = list[list.length - 1];
      const baseline = this.baseline(list, nowMs);
      const acc = byStage.get(latest.stage) ?? newAccumulator(latest);
      byStage.set(latest.stage, acc);
      const alive = nowMs - latest.at <= ALIVE_MS;
      if (alive) acc.instances++;
      if (latest.llmCircuitOpen !== undefined) acc.llmCircuitsOpen = (acc.llmCircuitsOpen ?? 0) + (alive && latest.llmCircuitOpen ? 1 : 0);
      acc.events += latest.events - baseline.events;
      acc.messages += sum(latest.messages) - sum(baseline.messages);
      acc.from = Math.min(acc.from, baseline.at);
      acc.to = Math.max(acc.to, latest.at);
      acc.acked += (latest.messages.ack ?? 0) - (baseline.messages.ack ?? 0);
      acc.settled += sum(latest.messages) - sum(baseline.messages);
      acc.handler = histogramSum(acc.handler, histogramDelta(latest.handlerSeconds, baseline.handlerSeconds));
      if (latest.llmCalls) acc.llmCalls = addDeltas(acc.llmCalls ?? {}, latest.llmCalls, baseline.llmCalls ?? {});
      if (latest.rulesLeftOut !== undefined) acc.rulesLeftOut = Math.max(acc.rulesLeftOut ?? 0, latest.rulesLeftOut);
      if (latest.ingestToLeaderboardSeconds) {
        const before = baseline.ingestToLeaderboardSeconds ?? emptyHistogram(latest.ingestToLeaderboardSeconds.le);
        const delta = histogramDelta(latest.ingestToLeaderboardSeconds, before);
        endToEnd = endToEnd ? histogramSum(endToEnd, delta) : delta;
      }
    }
    // A stage none of whose instances is heard from any more did nothing since its last snapshot:
    // its span runs to now, or its row kept the rate it last ran at beside "0 up" for the window.
    for (const acc of byStage.values()) if (acc.instances === 0) acc.to = nowMs;
    return {
      windowSec: this.windowMs / 1000,
      stages: [...byStage.values()]
        .map((acc) => ({
          stage: acc.stage,
          instances: acc.instances,
          eventsPerSec: round(perSecond(acc.events, acc)),
          messagesPerSec: round(perSecond(acc.messages, acc)),
          // Cut, not rounded: 1 only when every message was acked (0.99999 rounded was 1 over a retry). The
          // epsilon keeps binary fractions (0.57 * 10,000 = 5,699.99…) from losing their last digit.
          successRate: acc.settled > 0 ? Math.floor((acc.acked / acc.settled) * 10_000 + 1e-9) / 10_000 : null,
          latencySeconds: percentiles(acc.handler),
          ...(acc.llmCalls ? { llmCalls: acc.llmCalls } : {}),
          ...(acc.llmCircuitsOpen !== undefined ? { llmCircuitsOpen: acc.llmCircuitsOpen } : {}),
          ...(acc.rulesLeftOut !== undefined ? { rulesLeftOut: acc.rulesLeftOut } : {}),
        }))
        .sort((a, b) => a.stage.localeCompare(b.stage)),
      ingestToLeaderboardSeconds: endToEnd ? percentiles(endToEnd) : null,
    };
  }

  /** The oldest snapshot in the window, or zero at process start when that is inside it. */
  private baseline(list: StageStatsSnapshot[], nowMs: number): StageStatsSnapshot {
    const latest = list[list.length - 1];
    if (latest.startedAt >= nowMs - this.windowMs) {
      return { ...latest, at: latest.startedAt, events: 0, messages: {}, handlerSeconds: emptyHistogram(latest.handlerSeconds.le), ingestToLeaderboardSeconds: undefined, llmCalls: undefined };
    }
    return list[0];
  }

  /** Keeps one snapshot older than the window as the baseline; forgets instances gone quiet. */
  private evict(nowMs: number): void {
    for (const [key, list] of this.series) {
      while (list.length > 1 && list[1].at <= nowMs - this.windowMs) list.shift();
      if (nowMs - list[list.length - 1].at > this.windowMs) this.series.delete(key);
    }
  }
}

/**
 * A stage's count over the time its instances covered together, not a sum of each instance's own
 * rate: an instance killed mid-window and its replacement each ran at the stage's rate for half
 * the window, and summing their rates showed twice what the stage did.
 */
function perSecond(count: number, span: { from: number; to: number }): number {
  return span.to > span.from ? count / ((span.to - span.from) / 1000) : 0;
}

interface StageAccumulator {
  stage: string;
  instances: number;
  /** Events and messages handled in the window, summed over instances, between `from` and `to` (ms). */
  events: number;
  messages: number;
  from: number;
  to: number;
  acked: number;
  settled: number;
  handler: HistogramSnapshot;
  llmCalls?: Record<string, number>;
  llmCircuitsOpen?: number;
  rulesLeftOut?: number;
}

function newAccumulator(first: StageStatsSnapshot): StageAccumulator {
  return { stage: first.stage, instances: 0, events: 0, messages: 0, from: Infinity, to: -Infinity, acked: 0, settled: 0, handler: emptyHistogram(first.handlerSeconds.le) };
}

function percentiles(h: HistogramSnapshot): LatencyPercentiles {
  const at = (q: number) => {
    const seconds = histogramQuantile(q, h);
    return seconds === null ? null : Math.round(seconds * 1e6) / 1e6;
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), samples: h.count };
}

/** `into` plus, per key, later − earlier (a key missing earlier counts from zero). */
function addDeltas(into: Record<string, number>, later: Record<string, number>, earlier: Record<string, number>): Record<string, number> {
  for (const [key, value] of Object.entries(later)) into[key] = (into[key] ?? 0) + value - (earlier[key] ?? 0);
  return into;
}

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
