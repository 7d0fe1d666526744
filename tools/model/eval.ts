/*
 * Evaluates the committed model through onnxruntime-node (the serving path) on the held-out split:
 * the same data, seed and stratified group split as training (read from the metadata).
 *
 *   node dist/tools/model/eval.js [--model models/activity-classifier.onnx] [--meta models/activity-classifier.meta.json]
 *        [--data DIR] [--extra FILE.jsonl] [--errors N] [--min-accuracy 0.9] [--json]
 */
import {
  TextModelRunner,
  classificationReport,
  formatReport,
  groupKeyOf,
  stratifiedGroupSplit,
  topConfusions,
} from '@lib/text-model';
import { runTool } from '@lib/command-line';
import { loadTrainingData, pct } from './common';
import { readEvalOptions } from './eval-options';

async function main(): Promise<void> {
  const { modelPath, metaPath, dataDir, extra: extraFlag, errorsShown, minAccuracy, json } = readEvalOptions(process.argv.slice(2));
  const runner = await TextModelRunner.load(modelPath, metaPath);
  const meta = runner.metadata;
  const split = meta.split;
  if (!split) throw new Error(`${metaPath} has no split information; retrain with tools/model/train`);

  const extra = extraFlag ?? ((meta.training?.extra as string | null | undefined) ?? undefined);
  const data = loadTrainingData(dataDir, extra);
  const trainedOn = new Map(split.sources.map((s) => [s.file, s.sha256]));
  const changed = data.sources.filter((s) => trainedOn.get(s.file) !== s.sha256).map((s) => s.file);
  const missing = split.sources.filter((s) => !data.sources.some((d) => d.file === s.file)).map((s) => s.file);
  if (changed.length > 0 || missing.length > 0) {
    process.stderr.write(`warning: the data differs from what the model was trained on (changed/new: ${changed.join(', ') || '-'}; missing: ${missing.join(', ') || '-'}); the held-out split is not the training one\n`);
  }

  const { test, testUnseen } = stratifiedGroupSplit(data.examples, split.testFraction, split.seed, split.unseenShare ?? 1);
  const examples = test.map((i) => data.examples[i]);
  const unseenSet = new Set(testUnseen);
  const predicted: string[] = [];
  const confidences: number[] = [];
  const started = process.hrtime.bigint();
  for (let start = 0; start < examples.length; start += 1024) {
    for (const p of await runner.predictBatch(examples.slice(start, start + 1024))) {
      predicted.push(p.categoryId);
      confidences.push(p.confidence);
    }
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  await runner.release();
  const report = classificationReport(examples.map((e) => e.categoryId), predicted);
  const subset = (unseen: boolean) => {
    const idx = test.flatMap((i, k) => (unseenSet.has(i) === unseen ? [k] : []));
    const correct = idx.filter((k) => predicted[k] === examples[k].categoryId).length;
    return { n: idx.length, accuracy: idx.length ? correct / idx.length : 0, macroF1: classificationReport(idx.map((k) => examples[k].categoryId), idx.map((k) => predicted[k])).macroF1 };
  };
  const unseen = subset(true);
  const seen = subset(false);

  if (json) {
    process.stdout.write(JSON.stringify({ model: modelPath, version: meta.version, testSize: examples.length, accuracy: report.accuracy, macroF1: report.macroF1, unseen, seen, perLabel: report.perLabel }, null, 2) + '\n');
  } else {
    const out = process.stdout;
    out.write(`model ${meta.version} (${modelPath}), trained ${meta.trainedAt}\n`);
    out.write(`held-out split (seed ${split.seed}, ${pct(split.testFraction)} of each label): ${examples.length} examples = ${unseen.n} from ${split.testGroups} apps/sites never seen in training + ${seen.n} new records of known apps/sites\n`);
    out.write(`accuracy ${pct(report.accuracy)}   macro-F1 ${pct(report.macroF1)}   (${(examples.length / (elapsedMs / 1000)).toFixed(0)} items/s through onnxruntime-node)\n`);
    out.write(`  unseen apps/sites:            accuracy ${pct(unseen.accuracy)}   macro-F1 ${pct(unseen.macroF1)}   (n=${unseen.n})\n`);
    out.write(`  known apps/sites, new records: accuracy ${pct(seen.accuracy)}   macro-F1 ${pct(seen.macroF1)}   (n=${seen.n})\n`);
    out.write(`metadata says: accuracy ${pct(meta.metrics.accuracy)}, macro-F1 ${pct(meta.metrics.macroF1)}\n\n`);
    out.write(formatReport(report) + '\n\n');
    out.write(`most frequent confusions:\n  ${topConfusions(report, 10).join('\n  ')}\n`);
    if (errorsShown > 0) {
      out.write(`\nmisclassified examples (first ${errorsShown}):\n`);
      let shown = 0;
      for (let i = 0; i < examples.length && shown < errorsShown; i++) {
        if (predicted[i] === examples[i].categoryId) continue;
        const e = examples[i];
        out.write(`  ${unseenSet.has(test[i]) ? 'U' : 'S'} [${groupKeyOf(e)}] ${e.categoryId} -> ${predicted[i]} (${confidences[i].toFixed(2)})  app=${JSON.stringify(e.app)} title=${JSON.stringify(e.title ?? '')}${e.url ? ` url=${e.url}` : ''}\n`);
        shown++;
      }
    }
  }
  if (report.accuracy < minAccuracy) {
    // 1, not 2: a model below the bar is a failed check, not a mistake on the command line.
    process.stderr.write(`accuracy ${pct(report.accuracy)} is below --min-accuracy ${minAccuracy} (${pct(minAccuracy)})\n`);
    process.exit(1);
  }
}

runTool('model:eval', main);
