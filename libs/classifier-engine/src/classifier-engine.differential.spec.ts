import { normalizeApp } from './app-normalizer';
import { ClassifierEngine } from './classifier-engine';
import { pathHasPrefix } from './domain-index';
import { CompiledRule, compareRules, compileRule } from './rule-compiler';
import { CategoryDef, ClassifyInput, RuleDef, RuleKind } from './ruleset.types';
import { normalizeTitle } from './title-normalizer';
import { normalizeUrl } from './url-normalizer';

/**
 * Differential test: the indexed engine (hash maps, label walk, Aho-Corasick, regex prefilter,
 * early exits) must pick exactly the rule a brute-force scan over all rules picks.
 */
const CATEGORIES: CategoryDef[] = ['a', 'b', 'c'].map((id) => ({ id, name: id.toUpperCase(), color: '#000', productive: true }));

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u30fc]/u;
const isWord = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}\p{M}_]/u.test(ch) && !UNSPACED.test(ch);

function bruteForce(rules: CompiledRule[], input: ClassifyInput): string | null {
  const app = normalizeApp(input.app);
  const url = input.url ? normalizeUrl(input.url) : null;
  const title = input.title ? normalizeTitle(input.title) : '';
  const matches = (rule: CompiledRule): boolean => {
    if (rule.appFilter !== null && rule.appFilter !== app) return false;
    switch (rule.kind) {
      case 'app':
        return rule.key === app;
      case 'domain':
        return url !== null && (url.host === rule.key || url.host.endsWith(`.${rule.key}`)) && pathHasPrefix(url.path, rule.pathPrefix);
      case 'title-keyword': {
        for (let at = title.indexOf(rule.key); at >= 0; at = title.indexOf(rule.key, at + 1)) {
          const end = at + rule.key.length;
          const startOk = !isWord(rule.key[0]) || !isWord(title[at - 1]);
          const endOk = !isWord(rule.key[rule.key.length - 1]) || !isWord(title[end]);
          if (startOk && endOk) return true;
        }
        return false;
      }
      case 'title-regex':
        return (title.length > 0 && rule.regex!.test(title)) || (rule.matchApp && rule.regex!.test(app));
    }
  };
  const winner = rules.filter(matches).sort(compareRules)[0];
  return winner?.id ?? null;
}

describe('ClassifierEngine (differential against brute force)', () => {
  let seed = 1234;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pick = <T>(items: readonly T[]): T => items[random(items.length)];

  const APPS = ['Code.exe', 'code', 'Slack', 'firefox', 'VIM.app', ' zoom  us ', 'other'];
  const LABELS = ['x', 'mix', 'a', 'wise', 'otherwise', 'münchen', 'xn--mnchen-3ya'];
  const TLDS = ['com', 'de'];
  const PATHS = ['', '/search', '/search/x', '/searchx', '/a/b', '/A'];
  const WORDS = ['git', 'github', 'digital', 'pull', 'request', 'café', 'cafés', 'c++', 'meeting', 'Git', 'PULL', 'x.com', 'ΟΔΟΣ', 'οδος', '会议', '腾讯会议', 'ミーティング', 'การประชุม'];
  const REGEXES = ['git(?:hub)?', '^pull', 'request$', '\\bc\\+\\+', 'meet(?:ing)?s?', '\\d+', 'café|οδος', '(?:slack|zoom)', 'x\\.com', '[ab]{2}'];

  const randomRule = (i: number): RuleDef => {
    const kind = pick<RuleKind>(['app', 'domain', 'title-keyword', 'title-regex']);
    const extra: Partial<RuleDef> = {};
    if (random(10) === 0) extra.override = true;
    if (random(4) === 0) extra.priority = random(3) - 1;
    let pattern: string;
    switch (kind) {
      case 'app':
        pattern = pick(APPS);
        break;
      case 'domain':
        pattern = `${random(3) === 0 ? `${pick(LABELS)}.` : ''}${pick(LABELS)}.${pick(TLDS)}${pick(PATHS)}`;
        break;
      case 'title-keyword':
        pattern = random(3) === 0 ? `${pick(WORDS)} ${pick(WORDS)}` : pick(WORDS);
        if (random(5) === 0) extra.appFilter = pick(APPS);
        break;
      case 'title-regex':
        pattern = pick(REGEXES);
        if (random(5) === 0) extra.appFilter = pick(APPS);
        if (random(4) === 0) extra.matchApp = true;
        break;
    }
    return { id: `r${String(i).padStart(3, '0')}`, kind, pattern, categoryId: pick(['a', 'b', 'c']), ...extra };
  };

  const randomInput = (): ClassifyInput => {
    const input: ClassifyInput = { app: pick(APPS) };
    if (random(4) > 0) {
      input.title = Array.from({ length: 1 + random(4) }, () => pick(WORDS)).join(pick([' ', '  ', ' - ', '\t', '']));
    }
    if (random(2) === 0) {
      const host = `${random(2) === 0 ? `${pick(LABELS)}.` : ''}${pick(LABELS)}.${pick(TLDS)}`;
      const scheme = pick(['https://', 'http://www.', '', 'HTTPS://']);
      input.url = `${scheme}${random(4) === 0 ? host.toUpperCase() : host}${pick(['', ':8080'])}${pick(PATHS)}${pick(['', '?q=1', '#f'])}`;
    }
    return input;
  };

  it('picks the same rule as a brute-force scan on random rulesets and inputs', () => {
    let compared = 0;
    let matched = 0;
    for (let round = 0; round < 200; round++) {
      const defs = Array.from({ length: 5 + random(40) }, (_, i) => randomRule(i));
      const engine = new ClassifierEngine({ version: 1, categories: CATEGORIES, rules: defs });
      const compiled = defs.map((def) => compileRule(def, () => true));
      for (let n = 0; n < 100; n++) {
        const input = randomInput();
        const expected = bruteForce(compiled, input);
        const actual = engine.classify(input)?.ruleId ?? null;
        if (actual !== expected) expect({ input, actual }).toEqual({ input, actual: expected });
        compared++;
        if (expected !== null) matched++;
      }
    }
    expect(compared).toBe(20_000);
    // Make sure the comparison is meaningful: plenty of hits and plenty of misses.
    expect(matched).toBeGreaterThan(5_000);
    expect(compared - matched).toBeGreaterThan(1_000);
  });
});
