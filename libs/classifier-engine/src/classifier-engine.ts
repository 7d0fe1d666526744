import { AhoCorasick, MatchBuffer, foldPattern, foldedStart } from './aho-corasick';
import { normalizeApp } from './app-normalizer';
import { DomainIndex } from './domain-index';
import { requiredLiterals } from './regex-literals';
import { CONFIDENCE, CompiledRule, compareRules, compileRule } from './rule-compiler';
import { RulesetError } from './ruleset-error';
import { CategoryDef, ClassifyInput, ClassifyResult, Ruleset } from './ruleset.types';
import { Taxonomy } from './taxonomy';
import { normalizeTitle } from './title-normalizer';
import { composed } from './unicode-form';
import { normalizeUrl } from './url-normalizer';

/** One distinct literal in the title automaton: a keyword, a regex prefilter literal, or both. */
interface TitlePattern {
  length: number;
  /** Ranks of the keyword rules with this keyword, best first; null if it only feeds regexes. */
  keywordRanks: number[] | null;
  /** Whether the keyword starts/ends with a word character, i.e. needs a word boundary there. */
  boundaryStart: boolean;
  boundaryEnd: boolean;
  /** Regex slots for which this literal is a prefilter hit. */
  regexSlots: number[] | null;
}

interface AppInfo {
  name: string;
  /** Best rank among app rules and matchApp regexes for this app (noMatch if none). */
  rank: number;
}

/** A rule the engine refuses, and why. */
export interface RefusedRule {
  ruleId: string;
  reason: string;
}

/**
 * Splits a ruleset's rules into those the engine accepts (the first of duplicate ids) and those
 * it refuses, each checked alone: a ClassifierEngine built from `accepted` compiles. Throws
 * RulesetError when the categories themselves are invalid.
 */
export function splitRefusedRules(ruleset: Ruleset): { accepted: Ruleset['rules']; refused: RefusedRule[] } {
  const taxonomy = new Taxonomy(ruleset.categories);
  const refused: RefusedRule[] = [];
  const seen = new Set<string>();
  const accepted = ruleset.rules.filter((def) => {
    try {
      const rule = compileRule(def, (id) => taxonomy.has(id));
      if (seen.has(rule.id)) throw new RulesetError(`Invalid rule "${rule.id}": duplicate rule id`, rule.id);
      seen.add(rule.id);
      return true;
    } catch (error) {
      refused.push({ ruleId: String((def as { id?: unknown })?.id), reason: (error as Error).message });
      return false;
    }
  });
  return { accepted, refused };
}

// App names repeat heavily (a few hundred per user base); a bounded cache skips re-normalizing.
const APP_CACHE_LIMIT = 8192;

/**
 * Pure, synchronous rule-based classifier. The constructor validates and compiles the ruleset into
 * indexes once; classify() then costs one Map lookup for the app, one lookup per host label for
 * the URL and one Aho-Corasick pass over the title (regexes only run on prefilter hits).
 *
 * Every rule gets a static rank from compareRules (override, priority, kind, specificity, id), so
 * classification is "find the matching rule with the lowest rank" and each stage can skip work
 * that could not beat the best rank found so far.
 *
 * Results are frozen objects shared between calls: copy before modifying.
 */
export class ClassifierEngine {
  readonly rulesetVersion: number;
  readonly ruleCount: number;
  private readonly taxonomy: Taxonomy;
  /** Indexed by rank. */
  private readonly results: ClassifyResult[] = [];
  private readonly appFilters: (string | null)[] = [];
  private readonly noMatch: number;

  private readonly appIndex = new Map<string, number>();
  private readonly domains = new DomainIndex();
  private readonly automaton: AhoCorasick | null;
  private readonly titlePatterns: TitlePattern[] = [];
  /** Regex slots are numbered in rank order, so sorting slots sorts by rank. */
  private readonly regexes: RegExp[] = [];
  private readonly regexRank: Int32Array;
  private readonly alwaysRunRegexes: number[] = [];
  private readonly appRegexes: number[] = [];
  private readonly minDomainRank: number;
  private readonly minTitleRank: number;

  private readonly appCache = new Map<string, AppInfo>();
  private readonly matches = new MatchBuffer();
  /** Regex slots to try for the current title, kept sorted. */
  private readonly candidates: Int32Array;
  private candidateCount = 0;
  private readonly regexStamp: Uint32Array;
  private epoch = 0;

  constructor(ruleset: Ruleset) {
    if (ruleset === null || typeof ruleset !== 'object') throw new RulesetError('Invalid ruleset: not an object');
    if (typeof ruleset.version !== 'number' || !Number.isFinite(ruleset.version)) {
      throw new RulesetError('Invalid ruleset: version must be a finite number');
    }
    if (!Array.isArray(ruleset.rules)) throw new RulesetError('Invalid ruleset: rules must be an array');
    this.rulesetVersion = ruleset.version;
    this.taxonomy = new Taxonomy(ruleset.categories);

    const seen = new Set<string>();
    const compiled: CompiledRule[] = ruleset.rules.map((def) => {
      const rule = compileRule(def, (id) => this.taxonomy.has(id));
      if (seen.has(rule.id)) throw new RulesetError(`Invalid rule "${rule.id}": duplicate rule id`, rule.id);
      seen.add(rule.id);
      return rule;
    });
    compiled.sort(compareRules);
    this.ruleCount = compiled.length;
    this.noMatch = compiled.length;

    // Keyed by folded form: literals the automaton cannot tell apart share one pattern.
    const patternIndex = new Map<string, number>();
    const patternFor = (literal: string): TitlePattern => {
      const folded = foldPattern(literal);
      let index = patternIndex.get(folded);
      if (index === undefined) {
        index = this.titlePatterns.length;
        patternIndex.set(folded, index);
        this.titlePatterns.push({
          // What the scan matched: the folded form can be shorter (foldPattern).
          length: folded.length,
          keywordRanks: null,
          boundaryStart: isWordChar(folded.charCodeAt(0)),
          boundaryEnd: isWordChar(folded.charCodeAt(folded.length - 1)),
          regexSlots: null,
        });
      }
      return this.titlePatterns[index];
    };

    const regexRanks: number[] = [];
    let minDomainRank = this.noMatch;
    let minTitleRank = this.noMatch;
    compiled.forEach((rule, rank) => {
      this.results.push(
        Object.freeze({
          categoryId: rule.categoryId,
          path: this.taxonomy.path(rule.categoryId) as string[],
          source: 'rule' as const,
          ruleId: rule.id,
          ruleKind: rule.kind,
          confidence: rule.override ? 1 : CONFIDENCE[rule.kind],
          rulesetVersion: this.rulesetVersion,
        }),
      );
      this.appFilters.push(rule.appFilter);
      switch (rule.kind) {
        case 'app':
          // Ranks ascend, so the first rule per name is the best one.
          if (!this.appIndex.has(rule.key)) this.appIndex.set(rule.key, rank);
          break;
        case 'domain':
          this.domains.add(rule.key, rule.pathPrefix, rank);
          minDomainRank = Math.min(minDomainRank, rank);
          break;
        case 'title-keyword': {
          const pattern = patternFor(rule.key);
          (pattern.keywordRanks ??= []).push(rank);
          minTitleRank = Math.min(minTitleRank, rank);
          break;
        }
        case 'title-regex': {
          const slot = this.regexes.length;
          this.regexes.push(rule.regex!);
          regexRanks.push(rank);
          if (rule.matchApp) this.appRegexes.push(slot);
          const literals = requiredLiterals(rule.key);
          if (literals === null) this.alwaysRunRegexes.push(slot);
          else for (const literal of literals) (patternFor(literal).regexSlots ??= []).push(slot);
          minTitleRank = Math.min(minTitleRank, rank);
          break;
        }
      }
    });
    this.domains.seal();
    this.regexRank = Int32Array.from(regexRanks);
    this.regexStamp = new Uint32Array(this.regexes.length);
    this.candidates = new Int32Array(this.regexes.length);
    this.minDomainRank = minDomainRank;
    this.minTitleRank = minTitleRank;
    this.automaton = patternIndex.size > 0 ? new AhoCorasick([...patternIndex.keys()]) : null;
  }

  classify(input: ClassifyInput): ClassifyResult | null {
    const app = this.appInfo(typeof input.app === 'string' ? input.app : '');
    let best = app.rank;

    const url = input.url;
    if (best > this.minDomainRank && typeof url === 'string' && url.length > 0) {
      const parsed = normalizeUrl(url);
      if (parsed !== null) best = this.domains.best(parsed.host, parsed.path, best);
    }

    const title = input.title;
    if (best > this.minTitleRank && typeof title === 'string' && title.length > 0) {
      best = this.matchTitle(composed(title), app.name, best);
    }
    return best < this.noMatch ? this.results[best] : null;
  }

  classifyMany(inputs: ClassifyInput[]): (ClassifyResult | null)[] {
    return inputs.map((input) => this.classify(input));
  }

  category(id: string): CategoryDef | undefined {
    return this.taxonomy.get(id);
  }

  /** ['work', 'work:programming'] for 'work:programming'; [] for an unknown id. */
  ancestors(id: string): string[] {
    return [...this.taxonomy.ancestors(id)];
  }

  /** Per the category's own flag (not inherited); false for an unknown id. */
  isProductive(id: string): boolean {
    return this.taxonomy.get(id)?.productive === true;
  }

  private appInfo(rawApp: string): AppInfo {
    let info = this.appCache.get(rawApp);
    if (info !== undefined) return info;
    const name = normalizeApp(rawApp);
    let rank = this.appIndex.get(name) ?? this.noMatch;
    for (const slot of this.appRegexes) {
      const regexRank = this.regexRank[slot];
      if (regexRank >= rank) break;
      if (this.appFilterAllows(regexRank, name) && this.regexes[slot].test(name)) {
        rank = regexRank;
        break;
      }
    }
    if (this.appCache.size >= APP_CACHE_LIMIT) this.appCache.clear();
    info = { name, rank };
    this.appCache.set(rawApp, info);
    return info;
  }

  /**
   * Keywords are matched on the raw title (the automaton folds case and whitespace itself); the
   * normalized title is only built when a regex has to run.
   */
  private matchTitle(rawTitle: string, app: string, best: number): number {
    const { regexRank, regexStamp, candidates } = this;
    this.candidateCount = 0;

    if (this.automaton !== null) {
      const matches = this.matches;
      const count = this.automaton.scan(rawTitle, matches);
      if (count > 0 && ++this.epoch === 0xffffffff) {
        regexStamp.fill(0);
        this.epoch = 1;
      }
      for (let i = 0; i < count; i++) {
        const pattern = this.titlePatterns[matches.pattern(i)];
        const ranks = pattern.keywordRanks;
        if (ranks !== null && ranks[0] < best) {
          const end = matches.end(i);
          if (onWordBoundaries(rawTitle, foldedStart(rawTitle, end, pattern.length), end, pattern)) {
            for (const rank of ranks) {
              if (rank >= best) break;
              if (this.appFilterAllows(rank, app)) {
                best = rank;
                break;
              }
            }
          }
        }
        const slots = pattern.regexSlots;
        if (slots !== null) {
          for (const slot of slots) {
            if (regexRank[slot] < best && regexStamp[slot] !== this.epoch) {
              regexStamp[slot] = this.epoch;
              this.addCandidate(slot);
            }
          }
        }
      }
    }
    for (const slot of this.alwaysRunRegexes) {
      if (regexRank[slot] >= best) break;
      this.addCandidate(slot);
    }
    const candidateCount = this.candidateCount;
    if (candidateCount === 0) return best;
    const title = normalizeTitle(rawTitle);
    for (let i = 0; i < candidateCount; i++) {
      const slot = candidates[i];
      const rank = regexRank[slot];
      if (rank >= best) break;
      if (this.appFilterAllows(rank, app) && this.regexes[slot].test(title)) return rank;
    }
    return best;
  }

  /** Insertion keeps candidates in slot (= rank) order; there are only ever a handful. */
  private addCandidate(slot: number): void {
    const candidates = this.candidates;
    let at = this.candidateCount++;
    while (at > 0 && candidates[at - 1] > slot) {
      candidates[at] = candidates[at - 1];
      at--;
    }
    candidates[at] = slot;
  }

  private appFilterAllows(rank: number, app: string): boolean {
    const filter = this.appFilters[rank];
    return filter === null || filter === app;
  }
}

function onWordBoundaries(text: string, start: number, end: number, pattern: TitlePattern): boolean {
  if (pattern.boundaryStart && start > 0 && isWordChar(text.charCodeAt(start - 1))) return false;
  if (pattern.boundaryEnd && end + 1 < text.length && isWordChar(text.charCodeAt(end + 1))) return false;
  return true;
}

const ASCII_WORD_CHAR: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) table[c] = 1;
  for (let c = 97; c <= 122; c++) table[c] = 1;
  for (let c = 65; c <= 90; c++) table[c] = 1;
  table[95] = 1; // '_'
  return table;
})();
/**
 * Letters, digits and marks of scripts written with spaces between words. Chinese, Japanese,
 * Thai, Lao, Khmer and Myanmar text has none, so a letter of those scripts is never a word
 * neighbour: "日本語" is found in "日本語のページ" and "git" in "用git管理".
 */
const NON_ASCII_WORD_CHAR = /(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u30fc])[\p{L}\p{N}\p{M}]/u;

/** \w extended to Unicode letters, digits and marks, so "café" is one word (see NON_ASCII_WORD_CHAR). */
function isWordChar(c: number): boolean {
  return c < 128 ? ASCII_WORD_CHAR[c] === 1 : NON_ASCII_WORD_CHAR.test(String.fromCharCode(c));
}
