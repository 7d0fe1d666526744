/*
 * Inference benchmark of the committed text model through onnxruntime-node, featurization included.
 *
 *   node dist/bench/model/inference.bench.js [--seconds 3] [--batches 256,1024] [--threads 1]
 *
 * `--threads` is onnxruntime's intra-op thread count, as INFERENCE_THREADS sets it in the app
 * (0: onnxruntime's own default, one per core). CPU time per 1,000 items is reported beside the
 * rate: on a shared machine the CPU a thread pool spins away is taken from the other processes.
 *
 * Inputs are real-looking activity records (data/training/examples.jsonl, labels dropped), shuffled.
 * For each batch size it reports items/s (featurize + pack + session.run + top-3) and the p50/p99
 * latency of one predictBatch call, plus featurization alone; writes bench/results/model-inference.json.
 */
import { readFileSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { numberFlag, numberListFlag, parseFlags, readCommandLine } from '@lib/command-line';
import {
  DEFAULT_METADATA_PATH,
  DEFAULT_MODEL_PATH,
  TextModelInput,
  TextModelRunner,
  featurize,
  modelSessionOptions,
  mulberry32,
  parseJsonl,
  resolveRepoRoot,
  shuffleInPlace,
} from '@lib/text-model';

const USAGE = 'usage: npm run bench:model -- [--seconds 3] [--batches 256,1024] [--threads 1]';
/** libs/command-line: a misspelt flag was ignored, and `--seconds abc` ended in a BigInt RangeError after the model loaded. */
const options = readCommandLine('bench:model', () => {
  const flags = parseFlags(process.argv.slice(2), { values: ['seconds', 'batches', 'threads'] }, USAGE);
  return {
    seconds: numberFlag(flags, 'seconds', 3, { min: 0.1, max: 3600 }),
    batchSizes: numberListFlag(flags, 'batches', [256, 1024], { min: 1, max: 100_000, integer: true }),
    threads: numberFlag(flags, 'threads', 1, { min: 0, max: 64, integer: true }),
  };
});

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface BatchResult {
  batchSize: number;
  batches: number;
  items: number;
  itemsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  featurizeItemsPerSecond: number;
  cpuMsPer1000Items: number;
}

async function main(): Promise<void> {
  const root = resolveRepoRoot();
  const { seconds, batchSizes, threads } = options;

  const inputs: TextModelInput[] = shuffleInPlace(
    parseJsonl(readFileSync(join(root, 'data', 'training', 'examples.jsonl'), 'utf8')).map(({ app, title, url }) => ({ app, title, url })),
    mulberry32(1),
  );
  const runner = await TextModelRunner.load(DEFAULT_MODEL_PATH, DEFAULT_METADATA_PATH, modelSessionOptions(threads));
  const config = runner.metadata.featureConfig;
  let cursor = 0;
  const nextBatch = (size: number): TextModelInput[] => {
    const out: TextModelInput[] = [];
    for (let i = 0; i < size; i++) out.push(inputs[(cursor++) % inputs.length]);
    return out;
  };

  // Warm-up: JIT the featurizer, let onnxruntime allocate its arenas.
  for (let i = 0; i < 20; i++) await runner.predictBatch(nextBatch(256));

  const results: BatchResult[] = [];
  for (const size of batchSizes) {
    const latencies: number[] = [];
    let items = 0;
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(Math.round(seconds * 1e9));
    while (process.hrtime.bigint() < deadline || latencies.length < 10) {
      const batch = nextBatch(size);
      const t0 = process.hrtime.bigint();
      const predictions = await runner.predictBatch(batch);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      items += predictions.length;
    }
    const totalS = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);

    const featStart = process.hrtime.bigint();
    let featItems = 0;
    while (featItems < 20000) for (const input of nextBatch(size)) {
      featurize(input, config);
      featItems++;
    }
    const featS = Number(process.hrtime.bigint() - featStart) / 1e9;

    const sorted = [...latencies].sort((a, b) => a - b);
    results.push({
      batchSize: size,
      batches: latencies.length,
      items,
      itemsPerSecond: Math.round(items / totalS),
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      meanMs: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
      featurizeItemsPerSecond: Math.round(featItems / featS),
      cpuMsPer1000Items: round((cpu.user + cpu.system) / 1000 / (items / 1000)),
    });
  }
  await runner.release();

  const modelBytes = statSync(DEFAULT_MODEL_PATH).size;
  const report = {
    benchmark: 'model-inference',
    date: new Date().toISOString(),
    model: { path: DEFAULT_MODEL_PATH, version: runner.metadata.version, bytes: modelBytes, labels: runner.metadata.labels.length, buckets: config.numBuckets },
    threads,
    environment: { node: process.version, onnxruntime: ort.env.versions?.node ?? 'unknown', cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', platform: `${process.platform}-${process.arch}` },
    note: 'items/s and latency include featurization, batch packing, one session.run per batch and top-3 extraction',
    results,
  };
  const outDir = join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'model-inference.json'), JSON.stringify(report, null, 2) + '\n');

  process.stdout.write(`model ${report.model.version} (${(modelBytes / 1024 / 1024).toFixed(2)} MB, ${report.model.labels} labels), ${report.environment.cpus} CPUs, ${threads || 'default'} onnxruntime threads, node ${process.version}\n`);
  for (const r of results) {
    process.stdout.write(
      `batch ${String(r.batchSize).padStart(5)}: ${String(r.itemsPerSecond).padStart(7)} items/s   p50 ${r.p50Ms.toFixed(2)} ms   p99 ${r.p99Ms.toFixed(2)} ms   CPU ${r.cpuMsPer1000Items.toFixed(1)} ms per 1,000 items   (${r.batches} batches; featurize alone ${r.featurizeItemsPerSecond} items/s)\n`,
    );
  }
  process.stdout.write(`wrote ${join(outDir, 'model-inference.json')}\n`);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
