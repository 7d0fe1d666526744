import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { PipelineMetrics } from '@lib/observability';

/** Classification's own series, on the app's shared registry. */
@Injectable()
export class ClassificationMetrics {
  readonly decisions: Counter<'source'>;
  readonly rulesetVersion: Gauge;
  readonly rebuildSeconds: Histogram;
  readonly rebuildFailures: Counter;
  readonly cacheLookups: Counter<'result'>;
  /** The shared series (the stage's stats carry it to the dashboard), set with `stage: 'classification'`. */
  readonly rulesLeftOut: Gauge<'stage'>;

  constructor(metrics: PipelineMetrics) {
    const registers = [metrics.registry];
    this.rulesLeftOut = metrics.rulesLeftOut;
    this.decisions = new Counter({
      name: 'ap_classification_decisions_total',
      help: 'Events and dry-run items by what decided their category (manual, rule, cache, none)',
      labelNames: ['source'] as const,
      registers,
    });
    this.rulesetVersion = new Gauge({ name: 'ap_ruleset_version', help: 'Ruleset version this instance classifies with', registers });
    this.rebuildSeconds = new Histogram({
      name: 'ap_ruleset_rebuild_seconds',
      help: 'Time to load and compile a new ruleset version',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.rebuildFailures = new Counter({ name: 'ap_ruleset_rebuild_failures_total', help: 'Ruleset versions whose categories failed to compile (the previous one stays active)', registers });
    this.cacheLookups = new Counter({
      name: 'ap_answer_cache_lookups_total',
      help: 'Known-answer lookups for events no rule knows, by result (lru_hit, db_hit, miss)',
      labelNames: ['result'] as const,
      registers,
    });
  }
}
