/*
 * Generates data/training/examples.jsonl: synthetic but realistic activity records (app, window
 * title, URL) labelled with taxonomy category ids, from the hand-written vocabularies in ./gen.
 *
 * Every record carries a `group` (the app or site "brand" it came from): the held-out split moves
 * whole groups to the test side, so part of the reported accuracy is on apps and sites the model
 * has never seen (see stratifiedGroupSplit in libs/text-model).
 *
 *   node dist/tools/model/generate-examples.js [--seed 7] [--scale 0.95] [--out data/training/examples.jsonl]
 *
 * The defaults reproduce the committed file byte for byte.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAXONOMY_LABELS, featureStrings } from '@lib/text-model';
import { numberFlag, outputFile, parseFlags, runTool, SEED_RANGE } from '@lib/command-line';
import { DEFAULT_DATA_DIR } from './common';
import { LabelledRec, Source } from './gen/kit';
import { Rng } from './gen/rng';
import { emailSources, chat, meetings } from './gen/sources-communication';
import { games, music, newsSources, social, video_ } from './gen/sources-entertainment';
import { courses, reading } from './gen/sources-learning';
import { longTail } from './gen/sources-longtail';
import { finance, shopping, system } from './gen/sources-other';
import { aiAssistants, design, office, programming, research, writing } from './gen/sources-work';

export const ALL_SOURCES: Source[] = [
  ...programming, ...design, ...writing, ...office, ...research, ...aiAssistants,
  ...meetings, ...chat, ...emailSources,
  ...courses, ...reading,
  ...video_, ...music, ...games, ...social, ...newsSources,
  ...shopping, ...finance, ...system,
  ...longTail,
];

const MAX_PER_SOURCE = 50;

interface Args {
  seed: number;
  scale: number;
  out: string;
}

function readArgs(argv: string[]): Args {
  const flags = parseFlags(argv, { values: ['seed', 'scale', 'out'] }, 'usage: npm run model:generate -- [--seed N] [--scale X] [--out FILE]   (default data/training/examples.jsonl)');
  return {
    seed: numberFlag(flags, 'seed', 7, SEED_RANGE),
    scale: numberFlag(flags, 'scale', 0.95, { min: 0.01, max: 100 }),
    out: outputFile('--out', flags.get('out') ?? join(DEFAULT_DATA_DIR, 'examples.jsonl')),
  };
}

/** Real-world noise: odd casing of process names, truncated titles, stray whitespace. */
function addNoise(r: Rng, rec: LabelledRec): LabelledRec {
  let { app, title } = rec;
  if (r.chance(0.03)) app = r.chance(0.5) ? app.toUpperCase() : app.toLowerCase();
  if (title.length > 40 && r.chance(0.03)) title = title.slice(0, r.int(25, 40));
  if (r.chance(0.02)) title = `${title} `;
  if (title.length > 0 && r.chance(0.02)) title = title.toLowerCase();
  return { ...rec, app, title };
}

export function generate(seed: number, scale: number): Array<LabelledRec & { group: string }> {
  const r = new Rng(seed);
  const labels = new Set<string>(TAXONOMY_LABELS);
  const out: Array<LabelledRec & { group: string }> = [];
  for (const source of ALL_SOURCES) {
    // Capped so that a few big brands (YouTube, Spotify, Outlook…) do not dominate either side of the split.
    const target = Math.max(1, Math.min(MAX_PER_SOURCE, Math.round(source.count * scale)));
    const seen = new Set<string>();
    // Unique records only: two records with the same feature strings (say "Signal (3)" and
    // "Signal (4)") are the same example to the model, so they would only inflate the source and
    // leak across the split. Sources with little variety stop early.
    for (let attempt = 0; attempt < target * 6 && seen.size < target; attempt++) {
      const rec = addNoise(r, source.gen(r));
      if (!labels.has(rec.categoryId)) throw new Error(`source ${source.group}: unknown category ${rec.categoryId}`);
      const key = `${featureStrings(rec).sort().join('\u0001')}\u0000${rec.categoryId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const row: LabelledRec & { group: string } = { app: rec.app, title: rec.title, categoryId: rec.categoryId, group: source.group };
      if (rec.url) row.url = rec.url;
      out.push(row);
    }
  }
  return out;
}

function main(): void {
  const args = readArgs(process.argv.slice(2));
  const groups = new Set(ALL_SOURCES.map((s) => s.group));
  if (groups.size !== ALL_SOURCES.length) {
    const dup = ALL_SOURCES.map((s) => s.group).filter((g, i, all) => all.indexOf(g) !== i);
    throw new Error(`duplicate source groups: ${dup.join(', ')}`);
  }
  const rows = generate(args.seed, args.scale);
  writeFileSync(args.out, rows.map((row) => JSON.stringify({ app: row.app, title: row.title, url: row.url, categoryId: row.categoryId, group: row.group })).join('\n') + '\n');

  const perLabel = new Map<string, { n: number; groups: Set<string> }>();
  for (const row of rows) {
    const s = perLabel.get(row.categoryId) ?? { n: 0, groups: new Set<string>() };
    s.n++;
    s.groups.add(row.group);
    perLabel.set(row.categoryId, s);
  }
  process.stdout.write(`wrote ${rows.length} examples from ${groups.size} sources to ${args.out}\n`);
  for (const label of TAXONOMY_LABELS) {
    const s = perLabel.get(label);
    process.stdout.write(`  ${label.padEnd(28)} ${String(s?.n ?? 0).padStart(5)} examples  ${String(s?.groups.size ?? 0).padStart(3)} sources\n`);
  }
}

if (require.main === module) runTool('model:generate', main);
