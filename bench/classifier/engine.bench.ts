/**
 * Classifier engine benchmark: throughput on a realistic mixed corpus with ≥ 5,000 rules, and the
 * heap cost of an engine compiled from 100,000 rules.
 *
 *   node --expose-gc dist/bench/classifier/engine.bench.js
 *
 * Without --expose-gc the script re-executes itself with the flag (heap deltas are meaningless
 * without a forced GC). Results are printed and written to bench/results/classifier-engine.json
 * (CLASSIFIER_BENCH_OUT overrides, a relative path from where npm was run).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ClassifierEngine,
  ClassifyInput,
  DEFAULT_RULES,
  DEFAULT_TAXONOMY,
  RuleDef,
  RuleKind,
  Ruleset,
  normalizeUrl,
} from '@lib/classifier-engine';
import { outputFileFromEnvironment, parseFlags, readCommandLine } from '@lib/command-line';
import { seededRandom } from '../support/activity-generator';

const TARGET_PER_SECOND = 250_000;
const TARGET_HEAP_MB = 100;
const CORPUS_SIZE = 100_000;
const LARGE_RULESET = 100_000;

// It takes no options: `--help` prints the usage, anything else is refused before the minute-long run (libs/command-line).
const out = readCommandLine('bench:classifier', () => {
  parseFlags(process.argv.slice(2), { values: [] }, 'usage: npm run bench:classifier (no options; results in bench/results/classifier-engine.json, CLASSIFIER_BENCH_OUT overrides)');
  return outputFileFromEnvironment('CLASSIFIER_BENCH_OUT', join(__dirname, '..', '..', '..', 'bench', 'results', 'classifier-engine.json'));
});

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}
const collect = (): void => {
  for (let i = 0; i < 3; i++) gc();
};

// Seeded PRNG (the project's mulberry32): every run measures the same corpus.
const random = seededRandom(0x5eed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (p: number): boolean => random() < p;

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'qu', 'dra', 'pel', 'mon', 'tri', 'ax', 'bo', 'cen', 'dul', 'fy', 'gor'];
const word = (syllables = 2 + Math.floor(random() * 2)): string =>
  Array.from({ length: syllables }, () => pick(SYLLABLES)).join('');
const ENGLISH = ['update', 'report', 'meeting', 'notes', 'draft', 'final', 'review', 'plan', 'budget', 'team', 'weekly', 'project', 'issue', 'fix', 'build', 'release', 'design', 'home', 'page', 'video', 'news', 'how', 'to', 'the', 'best', 'new', 'guide', 'docs', 'api', 'login', 'settings', 'profile', 'search', 'results', 'order', 'cart', 'music', 'live', 'today', 'status'];
const sentence = (n: number): string => Array.from({ length: n }, () => pick(ENGLISH)).join(' ');
const TLDS = ['com', 'io', 'net', 'org', 'dev', 'app', 'co.uk', 'de'];
const LEAF_CATEGORIES = DEFAULT_TAXONOMY.filter((c) => c.parentId !== undefined).map((c) => c.id);

const BROWSERS = ['Google Chrome', 'firefox', 'Safari', 'msedge.exe', 'Brave Browser', 'Arc', 'chrome.exe'];
const IDE_APPS = ['Code.exe', 'code', 'idea64.exe', 'pycharm', 'iTerm2', 'WindowsTerminal.exe', 'nvim', 'Xcode', 'Cursor', 'gnome-terminal-server'];
const CHAT_APPS = ['Slack', 'ms-teams', 'Discord', 'Telegram', 'WhatsApp', 'zoom.us'];
const OTHER_KNOWN = ['OUTLOOK.EXE', 'WINWORD.EXE', 'EXCEL.EXE', 'Spotify', 'Finder', 'explorer.exe', 'Figma', 'Notion', 'Obsidian', 'steam'];
const UNKNOWN_APPS = Array.from({ length: 300 }, (_, i) => `${word()}${i}${chance(0.5) ? '.exe' : ''}`);
const EXTENSIONS = ['ts', 'py', 'go', 'rs', 'java', 'md', 'json', 'tsx', 'yaml', 'txt'];

/** Synthetic rules in the proportions a grown production ruleset has. */
function syntheticRules(counts: Record<RuleKind, number>, prefix: string): RuleDef[] {
  const rules: RuleDef[] = [];
  const seen = new Set<string>();
  const add = (kind: RuleKind, pattern: string, extra: Partial<RuleDef> = {}): void => {
    const key = `${kind}:${pattern}`;
    if (seen.has(key)) return;
    seen.add(key);
    rules.push({ id: `${prefix}${rules.length}`, kind, pattern, categoryId: pick(LEAF_CATEGORIES), ...extra });
  };
  for (let n = 0; rules.length < counts.app; n++) add('app', `${word()}${chance(0.3) ? ` ${word(2)}` : ''}${n}`);
  const domainTarget = rules.length + counts.domain;
  while (rules.length < domainTarget) {
    const host = `${chance(0.2) ? `${word(2)}.` : ''}${word()}${Math.floor(random() * 1000)}.${pick(TLDS)}`;
    add('domain', chance(0.15) ? `${host}/${word(2)}` : host);
  }
  const keywordTarget = rules.length + counts['title-keyword'];
  while (rules.length < keywordTarget) {
    add('title-keyword', chance(0.4) ? `${word()} ${word(2)}` : `${word(3)}${Math.floor(random() * 100)}`, chance(0.05) ? { appFilter: pick(IDE_APPS) } : {});
  }
  const regexTarget = rules.length + counts['title-regex'];
  const regexShapes = [
    () => `\\b${word(2).toUpperCase()}-\\d+\\b`, // ticket ids
    () => `^${word()} (?:dashboard|console|admin)\\b`,
    () => `${word()}|${word()}|${word()}`, // ActivityWatch style alternation
    () => `\\[${word()}\\] .+ - ${word(2)}`,
    () => `${word()}\\.(?:local|internal)(?::\\d+)?`,
    () => `^\\d{${1 + Math.floor(random() * 5)}},\\d+ ${pick(['unread', 'items'])}$`,
  ];
  while (rules.length < regexTarget) add('title-regex', pick(regexShapes)());
  return rules;
}

function corpus(rules: RuleDef[]): ClassifyInput[] {
  const knownDomains = rules.filter((r) => r.kind === 'domain').map((r) => r.pattern);
  const keywords = rules.filter((r) => r.kind === 'title-keyword' && r.appFilter === undefined).map((r) => r.pattern);
  const inputs: ClassifyInput[] = [];
  for (let i = 0; i < CORPUS_SIZE; i++) {
    const r = random();
    if (r < 0.42) {
      const known = chance(0.65);
      const host = known ? pick(knownDomains) : `${chance(0.3) ? 'www.' : ''}${word()}${Math.floor(random() * 5000)}.${pick(TLDS)}`;
      const path = `/${sentence(1 + Math.floor(random() * 3)).replace(/ /g, '/')}`;
      const query = chance(0.4) ? `?q=${word()}&utm_source=${word(2)}` : '';
      const title = `${sentence(3 + Math.floor(random() * 6))}${chance(0.5) ? ` - ${pick(keywords)}` : ''} - ${pick(['Google Chrome', 'Mozilla Firefox', 'Brave'])}`;
      // ~10% of browser events arrive without a URL (no browser extension) and live on the title.
      inputs.push(chance(0.1) ? { app: pick(BROWSERS), title } : { app: pick(BROWSERS), title, url: `${pick(['https://', 'http://', ''])}${host}${path}${query}` });
    } else if (r < 0.67) {
      inputs.push({ app: pick(IDE_APPS), title: `${word()}.${pick(EXTENSIONS)} — ${word()}-${pick(['api', 'web', 'core'])} — ${sentence(2)}` });
    } else if (r < 0.77) {
      inputs.push({ app: pick(CHAT_APPS), title: `${pick(['#', 'Meeting with ', 'Chat | ', ''])}${word()} | ${sentence(2)}` });
    } else if (r < 0.92) {
      const withKeyword = chance(0.3) ? ` ${pick(keywords)}` : '';
      inputs.push({ app: pick(UNKNOWN_APPS), title: `${sentence(2 + Math.floor(random() * 6))}${withKeyword} ${word()}` });
    } else {
      inputs.push({ app: pick(OTHER_KNOWN), title: `${word()} ${sentence(3)}` });
    }
  }
  // Events reach the engine from JSON (NATS messages): flat strings, not the concatenation ropes
  // built above, which would make every charCodeAt pay for rope traversal.
  return JSON.parse(JSON.stringify(inputs)) as ClassifyInput[];
}

function throughput(engine: ClassifierEngine, inputs: ClassifyInput[], passes: number): { perSecond: number; matched: number } {
  let matched = 0;
  const start = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < inputs.length; i++) if (engine.classify(inputs[i]) !== null) matched++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSecond: Math.round((inputs.length * passes) / seconds), matched: matched / passes };
}

function urlParsing(urls: string[]): { normalizeUrlPerSecond: number; whatwgUrlPerSecond: number } {
  const time = (fn: (u: string) => unknown): number => {
    for (const u of urls) fn(u); // warm-up
    const start = process.hrtime.bigint();
    for (let p = 0; p < 3; p++) for (const u of urls) fn(u);
    return Math.round((urls.length * 3) / (Number(process.hrtime.bigint() - start) / 1e9));
  };
  return {
    normalizeUrlPerSecond: time(normalizeUrl),
    whatwgUrlPerSecond: time((u) => {
      try {
        return new URL(u.includes('://') ? u : `http://${u}`).hostname;
      } catch {
        return null;
      }
    }),
  };
}

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function main(): void {
  const categories = DEFAULT_TAXONOMY;
  const benchRules = [
    ...DEFAULT_RULES,
    ...syntheticRules({ app: 1200, domain: 1500, 'title-keyword': 800, 'title-regex': 300 }, 'syn-'),
  ];
  const ruleset: Ruleset = { version: 1, categories, rules: benchRules };
  const buildStart = process.hrtime.bigint();
  const engine = new ClassifierEngine(ruleset);
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
  const inputs = corpus(benchRules);

  throughput(engine, inputs, 3); // warm-up: JIT and app cache
  const measured = throughput(engine, inputs, 10);
  const urls = inputs.flatMap((i) => (i.url ? [i.url] : []));
  const parsing = urlParsing(urls);

  // 100k rules: generate the definitions first so only the engine's own memory is measured.
  const largeRules = [
    ...DEFAULT_RULES,
    ...syntheticRules(
      { app: 35_000, domain: 38_000, 'title-keyword': 23_000, 'title-regex': LARGE_RULESET - DEFAULT_RULES.length - 96_000 },
      'big-',
    ),
  ];
  collect();
  const before = process.memoryUsage();
  const largeStart = process.hrtime.bigint();
  let large: ClassifierEngine | null = new ClassifierEngine({ version: 1, categories, rules: largeRules });
  const largeBuildMs = Number(process.hrtime.bigint() - largeStart) / 1e6;
  collect();
  const after = process.memoryUsage();
  const heapDeltaMb = mb(after.heapUsed - before.heapUsed);
  const externalDeltaMb = mb(after.external - before.external);
  throughput(large, inputs, 1);
  const largeThroughput = throughput(large, inputs, 3);
  large = null;

  const results = {
    node: process.version,
    rules: benchRules.length,
    ruleKinds: countKinds(benchRules),
    corpus: inputs.length,
    matchedShare: Math.round((measured.matched / inputs.length) * 1000) / 1000,
    buildMs: Math.round(buildMs),
    classificationsPerSecond: measured.perSecond,
    targetPerSecond: TARGET_PER_SECOND,
    urlParsing: parsing,
    large: {
      rules: largeRules.length,
      ruleKinds: countKinds(largeRules),
      buildMs: Math.round(largeBuildMs),
      heapDeltaMb,
      externalDeltaMb,
      totalDeltaMb: Math.round((heapDeltaMb + externalDeltaMb) * 10) / 10,
      targetHeapMb: TARGET_HEAP_MB,
      classificationsPerSecond: largeThroughput.perSecond,
    },
  };

  const ok = (pass: boolean): string => (pass ? 'ok' : 'MISSED');
  console.table([
    { metric: 'rules (throughput run)', value: results.rules, target: '≥ 5,000', status: ok(results.rules >= 5000) },
    { metric: 'engine build (ms)', value: results.buildMs, target: '', status: '' },
    { metric: 'classifications/s (1 core)', value: results.classificationsPerSecond, target: `≥ ${TARGET_PER_SECOND}`, status: ok(results.classificationsPerSecond >= TARGET_PER_SECOND) },
    { metric: 'matched share of corpus', value: results.matchedShare, target: '', status: '' },
    { metric: 'normalizeUrl/s', value: parsing.normalizeUrlPerSecond, target: '', status: '' },
    { metric: 'new URL()/s (reference)', value: parsing.whatwgUrlPerSecond, target: '', status: '' },
    { metric: '100k rules: build (ms)', value: results.large.buildMs, target: '', status: '' },
    { metric: '100k rules: JS heap delta (MB)', value: heapDeltaMb, target: `≤ ${TARGET_HEAP_MB}`, status: ok(heapDeltaMb <= TARGET_HEAP_MB) },
    { metric: '100k rules: + typed arrays (MB)', value: results.large.totalDeltaMb, target: `≤ ${TARGET_HEAP_MB}`, status: ok(results.large.totalDeltaMb <= TARGET_HEAP_MB) },
    { metric: '100k rules: classifications/s', value: results.large.classificationsPerSecond, target: '', status: '' },
  ]);

  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written ${out}`);
}

function countKinds(rules: RuleDef[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const rule of rules) counts[rule.kind] = (counts[rule.kind] ?? 0) + 1;
  return counts;
}

main();
