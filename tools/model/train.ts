/*
 * Trains the activity text classifier and writes models/activity-classifier.onnx + .meta.json.
 *
 *   node dist/tools/model/train.js [--extra corrections.jsonl] [--data DIR] [--out DIR] [--seed 42]
 *        [--test-fraction 0.2] [--unseen-share 0.5] [--max-epochs 30] [--patience 3] [--lr 0.05] [--l2 1e-6] [--batch 64]
 *        [--buckets 65536] [--no-progress]
 *
 * 1. Loads data/training/*.jsonl (+ --extra, whose rows override same-input rows).
 * 2. Holds out 20% of every label for testing (stratifiedGroupSplit): half of it whole apps/sites
 *    that never appear in training, half new records of known ones; both are reported.
 * 3. Splits the training side again (15% validation, whole apps/sites only) and trains multinomial logistic
 *    regression with mini-batch (lazy) Adam + L2, early-stopping on validation accuracy.
 * 4. Re-trains on the whole training side for the best number of epochs.
 * 5. Exports ONNX, loads it with onnxruntime-node (the serving path), checks it agrees with the
 *    in-process model, and records its held-out metrics in the metadata.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as cliProgress from 'cli-progress';
import {
  DEFAULT_FEATURE_CONFIG,
  Dataset,
  FeatureConfig,
  LabelledExample,
  ONNX_IR_VERSION,
  ONNX_OPSET,
  ONNX_OUTPUT,
  TAXONOMY_LABELS,
  TextModelMetadata,
  TextModelRunner,
  buildLinearSoftmaxOnnx,
  classificationReport,
  featurize,
  fitEpochs,
  fitWithEarlyStopping,
  formatReport,
  stratifiedGroupSplit,
  topConfusions,
} from '@lib/text-model';
import { onInterrupt, runTool } from '@lib/command-line';
import { droppedWarning, loadTrainingData, pct } from './common';
import { readTrainOptions } from './train-options';

const VALIDATION_FRACTION = 0.15;
/** Validation holds out whole apps/sites only: early stopping then favours generalization to unseen ones. */
const VALIDATION_UNSEEN_SHARE = 1;
const MODEL_NAME = 'activity-classifier';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function toDataset(examples: LabelledExample[], labelIndex: Map<string, number>, config: FeatureConfig): Dataset {
  return { x: examples.map((e) => featurize(e, config)), y: Int32Array.from(examples, (e) => labelIndex.get(e.categoryId)!) };
}

async function main(): Promise<void> {
  const { dataDir, outDir, extra, seed, testFraction, unseenShare, hyper, numBuckets, showProgress } = readTrainOptions(process.argv.slice(2));
  const started = Date.now();
  const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, weights: { ...DEFAULT_FEATURE_CONFIG.weights }, numBuckets };

  // 1. data
  const data = loadTrainingData(dataDir, extra);
  const dropped = droppedWarning(data.dropped);
  if (dropped) log(dropped);
  const labels = TAXONOMY_LABELS.filter((l) => data.examples.some((e) => e.categoryId === l));
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  log(`loaded ${data.examples.length} examples (${data.sources.map((s) => `${s.file}: ${s.examples}`).join(', ')}), ${labels.length} labels`);

  // 2. held-out split, 3. validation split
  const split = stratifiedGroupSplit(data.examples, testFraction, seed, unseenShare);
  const unseenSet = new Set(split.testUnseen);
  const trainExamples = split.train.map((i) => data.examples[i]);
  const testExamples = split.test.map((i) => data.examples[i]);
  const inner = stratifiedGroupSplit(trainExamples, VALIDATION_FRACTION, seed + 1, VALIDATION_UNSEEN_SHARE);
  log(`split: train ${trainExamples.length} (${split.trainGroups} apps/sites), test ${testExamples.length} (${split.testUnseen.length} from ${split.testGroups} apps/sites never seen in training); validation ${inner.test.length} of train`);

  const t0 = Date.now();
  const train = toDataset(trainExamples, labelIndex, config);
  const test = toDataset(testExamples, labelIndex, config);
  const fitPart: Dataset = { x: inner.train.map((i) => train.x[i]), y: Int32Array.from(inner.train, (i) => train.y[i]) };
  const valPart: Dataset = { x: inner.test.map((i) => train.x[i]), y: Int32Array.from(inner.test, (i) => train.y[i]) };
  log(`featurized ${train.x.length + test.x.length} examples in ${Date.now() - t0} ms`);

  const trainOptions = { numBuckets: config.numBuckets, numClasses: labels.length, batchSize: hyper.batchSize, learningRate: hyper.learningRate, l2: hyper.l2, seed };
  const bar = new cliProgress.SingleBar(
    { format: '{phase} |{bar}| {percentage}% | epochs done {epoch} | {info}', stream: process.stderr, hideCursor: true, noTTYOutput: showProgress, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  const batchesFit = Math.ceil(fitPart.x.length / hyper.batchSize);
  let done = 0;
  if (showProgress) bar.start(hyper.maxEpochs * batchesFit, 0, { phase: 'early-stop', epoch: 0, info: '' });
  const early = fitWithEarlyStopping(fitPart, valPart, {
    ...trainOptions,
    maxEpochs: hyper.maxEpochs,
    patience: hyper.patience,
    onBatch: () => {
      done++;
      if (showProgress) bar.increment();
    },
    onEpoch: (s) => showProgress && bar.update({ epoch: s.epoch, info: `train loss ${s.trainLoss.toFixed(4)} | val loss ${s.valLoss!.toFixed(4)} | val acc ${pct(s.valAccuracy!)}` }),
  });
  if (showProgress) {
    bar.setTotal(Math.max(1, done)); // stopped early: show the phase as complete
    bar.stop();
  }
  const bestVal = early.history[early.bestEpoch - 1];
  log(`early stopping: best epoch ${early.bestEpoch} of ${early.history.length} (val acc ${pct(bestVal.valAccuracy!)}, val loss ${bestVal.valLoss!.toFixed(4)})`);

  // 4. refit on the whole training side
  const batchesAll = Math.ceil(train.x.length / hyper.batchSize);
  if (showProgress) bar.start(early.bestEpoch * batchesAll, 0, { phase: 'refit     ', epoch: 0, info: '' });
  const model = fitEpochs(train, early.bestEpoch, {
    ...trainOptions,
    onBatch: () => showProgress && bar.increment(),
    onEpoch: (s) => showProgress && bar.update({ epoch: s.epoch, info: `train loss ${s.trainLoss.toFixed(4)}` }),
  });
  if (showProgress) bar.stop();
  const inProcess = model.evaluate(test);

  // 5. export, reload with onnxruntime-node, verify, measure
  const weightsHash = createHash('sha256')
    .update(Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength))
    .update(Buffer.from(model.bias.buffer, model.bias.byteOffset, model.bias.byteLength))
    .update(JSON.stringify({ labels, config }))
    .digest('hex');
  const version = `tm-${weightsHash.slice(0, 12)}`;
  const onnxBytes = buildLinearSoftmaxOnnx({
    numBuckets: config.numBuckets,
    numClasses: labels.length,
    weights: model.weights,
    bias: model.bias,
    metadata: { version, labels: JSON.stringify(labels), featurizer: `v${config.featurizerVersion}` },
    docString: 'Activity text classifier: multinomial logistic regression over hashed app/title/URL features (see libs/text-model).',
  });
  mkdirSync(outDir, { recursive: true });
  const modelPath = join(outDir, `${MODEL_NAME}.onnx`);
  const metaPath = join(outDir, `${MODEL_NAME}.meta.json`);
  const tmpModel = `${modelPath}.tmp-${process.pid}`;
  const tmpMeta = `${metaPath}.tmp-${process.pid}`;
  const metadata: TextModelMetadata = {
    labels,
    featureConfig: config,
    metrics: { accuracy: 0, macroF1: 0, trainSize: trainExamples.length, testSize: testExamples.length },
    trainedAt: new Date().toISOString(),
    version,
    onnx: { inputs: { indices: 'int32', values: 'float32' }, output: ONNX_OUTPUT, opset: ONNX_OPSET, irVersion: ONNX_IR_VERSION },
    split: { strategy: 'stratified-group-hybrid', seed, testFraction, unseenShare, trainGroups: split.trainGroups, testGroups: split.testGroups, sources: data.sources },
    training: {
      algorithm: 'multinomial logistic regression, mini-batch lazy Adam, L2, early stopping on a grouped validation split, refit on all training data',
      ...hyper,
      validationFraction: VALIDATION_FRACTION,
      bestEpoch: early.bestEpoch,
      validationAccuracy: bestVal.valAccuracy,
      history: early.history.map((h) => ({ epoch: h.epoch, trainLoss: round(h.trainLoss), valLoss: round(h.valLoss!), valAccuracy: round(h.valAccuracy!) })),
      extra: extra ? resolve(extra) : null,
      durationMs: 0,
    },
  };
  // However the run ends (a no-op once renamed into place): a Ctrl-C or a failed check left ~5 MB of *.tmp-<pid> files beside the model.
  const removeTemporaries = () => [tmpModel, tmpMeta].forEach((file) => rmSync(file, { force: true }));
  onInterrupt(removeTemporaries);
  process.once('exit', removeTemporaries);
  writeFileSync(tmpModel, onnxBytes);
  writeFileSync(tmpMeta, JSON.stringify(metadata));
  const runner = await TextModelRunner.load(tmpModel, tmpMeta);
  const predicted: string[] = [];
  const agreeing = { n: 0, maxDiff: 0 };
  const BATCH = 1024;
  for (let start = 0; start < testExamples.length; start += BATCH) {
    const batch = testExamples.slice(start, start + BATCH);
    const probs = await runner.probabilities(batch);
    const C = labels.length;
    for (let i = 0; i < batch.length; i++) {
      let best = 0;
      for (let c = 1; c < C; c++) if (probs[i * C + c] > probs[i * C + best]) best = c;
      predicted.push(labels[best]);
      if (best === inProcess.predicted[start + i]) agreeing.n++;
      const ref = model.probabilities(test.x[start + i]);
      for (let c = 0; c < C; c++) agreeing.maxDiff = Math.max(agreeing.maxDiff, Math.abs(ref[c] - probs[i * C + c]));
    }
  }
  await runner.release();
  if (agreeing.maxDiff > 1e-4) throw new Error(`ONNX model disagrees with the trained model (max |Δp| = ${agreeing.maxDiff})`);
  const report = classificationReport(testExamples.map((e) => e.categoryId), predicted);
  const isUnseen = split.test.map((i) => unseenSet.has(i));
  const subset = (unseen: boolean) => {
    const idx = isUnseen.flatMap((u, k) => (u === unseen ? [k] : []));
    return { n: idx.length, accuracy: idx.length ? idx.filter((k) => predicted[k] === testExamples[k].categoryId).length / idx.length : 0 };
  };
  const unseen = subset(true);
  const seen = subset(false);
  metadata.metrics = {
    accuracy: round(report.accuracy),
    macroF1: round(report.macroF1),
    trainSize: trainExamples.length,
    testSize: testExamples.length,
    unseenAccuracy: round(unseen.accuracy),
    unseenSize: unseen.n,
    seenAccuracy: round(seen.accuracy),
    perLabel: Object.fromEntries(Object.entries(report.perLabel).map(([l, s]) => [l, { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), support: s.support }])),
  };
  (metadata.training as Record<string, unknown>).durationMs = Date.now() - started;
  writeFileSync(tmpMeta, JSON.stringify(metadata, null, 2) + '\n');
  renameSync(tmpModel, modelPath);
  renameSync(tmpMeta, metaPath);

  const out = process.stdout;
  out.write(`\nheld-out test set: ${testExamples.length} examples (${unseen.n} from ${split.testGroups} apps/sites never seen in training, ${seen.n} new records of known ones)\n`);
  out.write(`accuracy ${pct(report.accuracy)}   macro-F1 ${pct(report.macroF1)}   (onnxruntime-node; agrees with the trained model on ${agreeing.n}/${testExamples.length}, max |Δp| ${agreeing.maxDiff.toExponential(1)})\n`);
  out.write(`  unseen apps/sites: accuracy ${pct(unseen.accuracy)} (n=${unseen.n})   known apps/sites, new records: accuracy ${pct(seen.accuracy)} (n=${seen.n})\n\n`);
  out.write(formatReport(report) + '\n\n');
  out.write(`most frequent confusions:\n  ${topConfusions(report, 8).join('\n  ')}\n\n`);
  out.write(`wrote ${modelPath} (${(onnxBytes.length / 1024 / 1024).toFixed(2)} MB) and ${metaPath}\nversion ${version}, trained in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

runTool('model:train', main);
