/**
 * A stage instance's cumulative counters, published every few seconds on core NATS
 * (`<prefix>.stats.<stage>`) so the gateway can show rates and latency percentiles without
 * knowing where each instance's /metrics lives. Cumulative on purpose: a lost message costs
 * resolution, never correctness, because readers compute deltas between two snapshots.
 */
export interface StageStatsSnapshot {
  /** One id per app instance (per PipelineMetrics registry). */
  instance: string;
  stage: string;
  /** Epoch ms of this snapshot and of the counters' start (process start). */
  at: number;
  startedAt: number;
  events: number;
  /** Messages per outcome: ack, retry, dead_letter. */
  messages: Record<string, number>;
  handlerSeconds: HistogramSnapshot;
  /** Only where observed (the leaderboard stage). */
  ingestToLeaderboardSeconds?: HistogramSnapshot;
  /** LLM questions per outcome (ok, timeout, deadline…); only where the LLM was asked (inference). */
  llmCalls?: Record<string, number>;
  /** Whether the LLM circuit breaker is open (or half-open); only where an LLM is configured (inference). */
  llmCircuitOpen?: boolean;
  /** Stored rules the instance classifies without (the engine refuses them); only where rules are compiled (classification). */
  rulesLeftOut?: number;
}

/** Cumulative counts per upper bound `le` (ascending, +Inf excluded), like Prometheus buckets. */
export interface HistogramSnapshot {
  le: number[];
  counts: number[];
  count: number;
  sum: number;
}

export function emptyHistogram(le: number[]): HistogramSnapshot {
  return { le: [...le], counts: le.map(() => 0), count: 0, sum: 0 };
}

/** later − earlier, bucket by bucket; both must have the same bounds. */
export function histogramDelta(later: HistogramSnapshot, earlier: HistogramSnapshot): HistogramSnapshot {
  return {
    le: later.le,
    counts: later.counts.map((c, i) => c - (earlier.counts[i] ?? 0)),
    count: later.count - earlier.count,
    sum: later.sum - earlier.sum,
  };
}

export function histogramSum(a: HistogramSnapshot, b: HistogramSnapshot): HistogramSnapshot {
  return { le: a.le, counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)), count: a.count + b.count, sum: a.sum + b.sum };
}

/**
 * The q-quantile (0..1) estimated like PromQL's histogram_quantile: linear interpolation inside
 * the bucket holding the rank; observations above the last bound report that bound.
 * Null when there are no observations.
 */
export function histogramQuantile(q: number, histogram: HistogramSnapshot): number | null {
  const { le, counts, count } = histogram;
  if (count <= 0) return null;
  const rank = q * count;
  for (let i = 0; i < le.length; i++) {
    if (counts[i] >= rank) {
      const lower = i === 0 ? 0 : le[i - 1];
      const below = i === 0 ? 0 : counts[i - 1];
      const inBucket = counts[i] - below;
      return inBucket <= 0 ? lower : lower + ((le[i] - lower) * (rank - below)) / inBucket;
    }
  }
  return le[le.length - 1] ?? null;
}
