import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { load } from 'js-yaml';
import { AppConfig } from '@lib/config';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/**
 * The pages that say what exists: the README, the feature pages and the libraries' READMEs.
 * docs/performance-history.md is left out: it records runs of earlier code, with the commands,
 * files and series of their day.
 */
function pages(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md') && name !== 'performance-history.md').map((name) => `docs/${name}`);
  const libs = readdirSync(join(ROOT, 'libs')).map((lib) => `libs/${lib}/README.md`).filter((file) => existsSync(join(ROOT, file)));
  return ['README.md', ...docs, ...libs];
}

/** Each page's mentions of a pattern, as `page: mention`. */
function mentions(pattern: RegExp): Array<{ page: string; mention: string }> {
  return pages().flatMap((page) => [...read(page).matchAll(pattern)].map((m) => ({ page, mention: m[1] ?? m[0] })));
}

/** Files the commands write (ignored by git), which the pages name as their output. */
const WRITTEN_BY_COMMANDS = [/^bench\/results\//, /^data\/corrections\.jsonl$/];

/** A repository path as the pages write them; not inside a longer path (`dist/tools/…`, `/v1/ops/…`, `.data/…`). */
const REPOSITORY_PATH = /(?<![\w./-])(?:apps|libs|test|tools|scripts|bench|ops|models|data|docs|types)\/[\w./-]*[\w/]/g;

describe('what the documentation names exists', () => {
  it('every `npm run` command is a script of package.json', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    // `npm run model:*` names a group of scripts.
    const named = mentions(/npm run ([a-z][\w:-]*)(?![\w:*-])/g);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter(({ mention }) => !scripts.includes(mention))).toEqual([]);
  });

  it('every file or folder of the repository it names is there', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const { page, mention } of mentions(REPOSITORY_PATH)) {
      const path = mention.replace(/\.$/, '');
      // One word after the folder without an extension is prose ("apps/sites", "docs/s"), not a path.
      if (!path.includes('/', path.indexOf('/') + 1) && !/\.\w+$/.test(path)) continue;
      if (WRITTEN_BY_COMMANDS.some((written) => written.test(path))) continue;
      checked++;
      // A library's README names its own files from its folder; a jest path pattern names the start of a file.
      const candidates = [join(ROOT, dirname(page), path), join(ROOT, path)];
      const startsAFile = (candidate: string) => existsSync(dirname(candidate)) && statSync(dirname(candidate)).isDirectory() && readdirSync(dirname(candidate)).some((name) => name.startsWith(basename(candidate)));
      if (!candidates.some((candidate) => existsSync(candidate) || startsAFile(candidate))) missing.push(`${page}: ${path}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('every ap_ metric series is one the apps declare', () => {
    const declared = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) for (const m of read(path).matchAll(/name: '(ap_\w+)'/g)) declared.add(m[1]);
      }
    };
    walk('apps');
    walk('libs');
    expect(declared.size).toBeGreaterThan(20);
    const named = mentions(/(?<![\w<])(ap_[a-z][a-z_]*[a-z])(?![\w<])/g);
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter(({ mention }) => !declared.has(mention.replace(/_(bucket|sum|count)$/, '')))).toEqual([]);
  });

  it("docs/operations.md's alert table lists every alert of ops/prometheus/alerts.yml, and only those", () => {
    const rules = (load(read('ops/prometheus/alerts.yml')) as { groups: Array<{ rules: Array<{ alert: string }> }> }).groups.flatMap((g) => g.rules.map((r) => r.alert));
    const operations = read('docs/operations.md');
    const section = operations.slice(operations.indexOf('\n## Alert rules'), operations.indexOf('\n## ', operations.indexOf('\n## Alert rules') + 1));
    const listed = section
      .split('\n')
      .filter((line) => /^\| [A-Z]/.test(line) && !line.startsWith('| alert '))
      .flatMap((line) => line.split(' | ')[0].slice(2).split(' / '));
    expect(listed.sort()).toEqual([...rules].sort());
  });

  it("the feature pages' configuration tables give the defaults the code has", () => {
    const defaults = new AppConfig() as unknown as Record<string, unknown>;
    const compared: string[] = [];
    for (const page of pages().filter((p) => p.startsWith('docs/'))) {
      for (const m of read(page).matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| ([^|]+) \|/gm)) {
        const [, name, cell] = m;
        if (defaults[name] === undefined) continue;
        expect(`${page}: ${name}=${cell.trim().replace(/`/g, '')}`).toBe(`${page}: ${name}=${String(defaults[name])}`);
        compared.push(name);
      }
    }
    expect(compared.length).toBeGreaterThan(15);
  });
});
