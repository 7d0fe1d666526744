export interface LabelScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  /** Mean F1 over labels that occur in the truth or the predictions. */
  macroF1: number;
  perLabel: Record<string, LabelScore>;
  /** confusion[truth][predicted] = count (only non-zero cells). */
  confusion: Record<string, Record<string, number>>;
  total: number;
}

export function classificationReport(truth: readonly string[], predicted: readonly string[]): ClassificationReport {
  if (truth.length !== predicted.length) throw new Error(`truth (${truth.length}) and predictions (${predicted.length}) differ in length`);
  const labels = [...new Set([...truth, ...predicted])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const confusion: Record<string, Record<string, number>> = {};
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = predicted[i];
    (confusion[t] ??= {})[p] = (confusion[t][p] ?? 0) + 1;
    if (t === p) {
      correct++;
      tp.set(t, (tp.get(t) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(t, (fn.get(t) ?? 0) + 1);
    }
  }
  const perLabel: Record<string, LabelScore> = {};
  let f1Sum = 0;
  for (const label of labels) {
    const a = tp.get(label) ?? 0;
    const b = fp.get(label) ?? 0;
    const c = fn.get(label) ?? 0;
    const precision = a + b > 0 ? a / (a + b) : 0;
    const recall = a + c > 0 ? a / (a + c) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[label] = { precision, recall, f1, support: a + c };
    f1Sum += f1;
  }
  return {
    accuracy: truth.length > 0 ? correct / truth.length : 0,
    macroF1: labels.length > 0 ? f1Sum / labels.length : 0,
    perLabel,
    confusion,
    total: truth.length,
  };
}

/** Fixed-width per-label table (label, precision, recall, F1, support), worst F1 first. */
export function formatReport(report: ClassificationReport): string {
  const rows = Object.entries(report.perLabel).sort((a, b) => a[1].f1 - b[1].f1 || a[0].localeCompare(b[0]));
  const width = Math.max(5, ...rows.map(([l]) => l.length));
  const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
  const lines = [`${'label'.padEnd(width)}  ${'prec'.padStart(6)}  ${'recall'.padStart(6)}  ${'f1'.padStart(6)}  ${'n'.padStart(5)}`];
  for (const [label, s] of rows) lines.push(`${label.padEnd(width)}  ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.support).padStart(5)}`);
  return lines.join('\n');
}

/** The most frequent confusions, "truth -> predicted: n". */
export function topConfusions(report: ClassificationReport, limit = 10): string[] {
  const cells: Array<[string, string, number]> = [];
  for (const [t, row] of Object.entries(report.confusion)) for (const [p, n] of Object.entries(row)) if (t !== p) cells.push([t, p, n]);
  cells.sort((a, b) => b[2] - a[2] || a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  return cells.slice(0, limit).map(([t, p, n]) => `${t} -> ${p}: ${n}`);
}
