import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { PipelineMetrics } from '@lib/observability';
import { ClassificationMetrics } from '../../apps/classification/src/classification.metrics';
import { RedisDataLossMonitor } from '../../apps/leaderboard/src/boards/redis-data-loss.monitor';

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const RULES_FILE = join(__dirname, '..', '..', 'ops', 'prometheus', 'alerts.yml');
/** Recorded by Prometheus itself for every scrape target. */
const PROMETHEUS_SERIES = ['up'];
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/** The series an expression selects: identifiers that are neither functions, keywords, label names nor durations. */
function seriesOf(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w:.])[A-Za-z_:][\w:]*/g)) {
    const isFunction = stripped.slice(match.index! + match[0].length).trimStart().startsWith('(');
    if (!isFunction && !KEYWORDS.has(match[0].toLowerCase())) names.add(match[0]);
  }
  return [...names];
}

describe('ops/prometheus/alerts.yml', () => {
  const document = load(readFileSync(RULES_FILE, 'utf8')) as { groups: Array<{ name: string; rules: AlertRule[] }> };
  const rules = document.groups.flatMap((g) => g.rules);

  let exported: Set<string>;
  beforeAll(async () => {
    exported = new Set(PROMETHEUS_SERIES);
    // The apps' own series register on the same registry (classification's, the leaderboard's lost-boards gauge, here).
    const pipeline = new PipelineMetrics();
    new ClassificationMetrics(pipeline);
    // Its constructor only registers the gauge: the Redis, zone, keys, repository and config it keeps are not touched.
    new RedisDataLossMonitor({} as never, {} as never, {} as never, {} as never, {} as never, pipeline);
    for (const metric of await pipeline.registry.getMetricsAsJSON()) {
      exported.add(metric.name);
      if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) exported.add(metric.name + suffix);
    }
  });

  it('finds the series of an expression, not its functions, keywords or labels', () => {
    expect(seriesOf('sum by (stage) (rate(ap_x_total{outcome="ack", stage=~"a|b"}[5m])) / on(stage) group_left max(up) > 0.5 and ap_y offset 5m')).toEqual(['ap_x_total', 'up', 'ap_y']);
    expect(seriesOf('histogram_quantile(0.99, sum by (le) (rate(ap_z_bucket[5m])))')).toEqual(['ap_z_bucket']);
  });

  it('is a list of alerting rules, each with a unique name, expr, for, severity and summary', () => {
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const rule of rules) {
      expect([rule.alert, typeof rule.expr === 'string' && rule.expr.trim().length > 0]).toEqual([rule.alert, true]);
      expect([rule.alert, rule.for]).toEqual([rule.alert, expect.stringMatching(/^\d+[smhd]$/)]);
      expect([rule.alert, rule.labels?.severity]).toEqual([rule.alert, expect.stringMatching(/^(info|warning|critical)$/)]);
      expect([rule.alert, (rule.annotations?.summary ?? '').length > 0]).toEqual([rule.alert, true]);
    }
  });

  it('selects only series the apps export (or Prometheus records)', () => {
    for (const rule of rules) {
      const series = seriesOf(rule.expr);
      expect([rule.alert, series.length > 0]).toEqual([rule.alert, true]);
      expect([rule.alert, series.filter((s) => !exported.has(s))]).toEqual([rule.alert, []]);
    }
  });

  it('covers stage success, end-to-end latency, lag growth, dead letters and apps down', () => {
    const used = new Set(rules.flatMap((r) => seriesOf(r.expr)));
    for (const series of ['ap_stage_messages_total', 'ap_ingest_to_leaderboard_seconds_bucket', 'ap_consumer_pending_messages', 'ap_dead_letters_total', 'ap_dead_letters_pending', 'up']) {
      expect([series, used.has(series)]).toEqual([series, true]);
    }
  });
});
