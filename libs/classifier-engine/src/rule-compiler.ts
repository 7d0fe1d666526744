import { normalizeApp } from './app-normalizer';
import { compileLinearRegex } from './linear-regex';
import { RulesetError } from './ruleset-error';
import { RULE_KINDS, RuleDef, RuleKind } from './ruleset.types';
import { normalizeTitle } from './title-normalizer';
import { normalizeUrl } from './url-normalizer';

/** A validated rule with its pattern in the normalized form the indexes are keyed by. */
export interface CompiledRule {
  id: string;
  kind: RuleKind;
  categoryId: string;
  priority: number;
  override: boolean;
  /** Normalized app the title rule is restricted to, or null. */
  appFilter: string | null;
  matchApp: boolean;
  /** app: normalized name; domain: host; title-keyword: normalized keyword; title-regex: source. */
  key: string;
  /** domain only: lower-case path prefix without trailing '/', '' for the whole host. */
  pathPrefix: string;
  regex: RegExp | null;
}

/**
 * Confidence by how the rule matched. Exact lookups (app name, host on label boundaries) are
 * certain; a keyword found in a title is strong evidence; a regex is the loosest instrument.
 * Overrides are a human decision and always report 1.
 */
export const CONFIDENCE: Readonly<Record<RuleKind, number>> = {
  app: 1,
  domain: 1,
  'title-keyword': 0.9,
  'title-regex': 0.8,
};

/** Specificity between kinds: see README "Precedence". */
const KIND_ORDER: Readonly<Record<RuleKind, number>> = { domain: 0, app: 1, 'title-keyword': 2, 'title-regex': 3 };

export function compileRule(def: RuleDef, hasCategory: (id: string) => boolean): CompiledRule {
  if (def === null || typeof def !== 'object') throw invalid(def, 'not an object');
  if (typeof def.id !== 'string' || def.id.length === 0) throw invalid(def, 'id must be a non-empty string');
  if (!RULE_KINDS.includes(def.kind)) throw invalid(def, `unknown kind "${String(def.kind)}"`);
  if (typeof def.pattern !== 'string' || def.pattern.trim().length === 0) {
    throw invalid(def, 'pattern must be a non-empty string');
  }
  if (typeof def.categoryId !== 'string' || !hasCategory(def.categoryId)) {
    throw invalid(def, `unknown category "${String(def.categoryId)}"`);
  }
  const priority = def.priority ?? 0;
  if (typeof priority !== 'number' || !Number.isFinite(priority)) throw invalid(def, 'priority must be a finite number');
  if (def.override !== undefined && typeof def.override !== 'boolean') throw invalid(def, 'override must be a boolean');

  let appFilter: string | null = null;
  if (def.appFilter !== undefined) {
    if (def.kind !== 'title-keyword' && def.kind !== 'title-regex') {
      throw invalid(def, 'appFilter is only supported on title-keyword and title-regex rules');
    }
    appFilter = typeof def.appFilter === 'string' ? normalizeApp(def.appFilter) : '';
    if (appFilter.length === 0) throw invalid(def, 'appFilter must name an app');
  }
  if (def.matchApp !== undefined && def.kind !== 'title-regex') {
    throw invalid(def, 'matchApp is only supported on title-regex rules');
  }

  let key: string;
  let pathPrefix = '';
  let regex: RegExp | null = null;
  switch (def.kind) {
    case 'app':
      key = normalizeApp(def.pattern);
      // ".exe" alone would key the rule to the empty app name: it names no app.
      if (key.length === 0) throw invalid(def, `app pattern "${def.pattern}" names no app once ".exe"/".app" and whitespace are dropped`);
      break;
    case 'domain': {
      const domain = parseDomainPattern(def.pattern);
      if (typeof domain === 'string') throw invalid(def, domain);
      key = domain.host;
      pathPrefix = domain.pathPrefix;
      break;
    }
    case 'title-keyword':
      key = normalizeTitle(def.pattern);
      break;
    case 'title-regex': {
      key = def.pattern;
      const compiled = compileTitleRegex(def.pattern);
      if (typeof compiled === 'string') throw invalid(def, compiled);
      regex = compiled;
      break;
    }
  }

  return {
    id: def.id,
    kind: def.kind,
    categoryId: def.categoryId,
    priority,
    override: def.override === true,
    appFilter,
    matchApp: def.matchApp === true,
    key,
    pathPrefix,
    regex,
  };
}

function invalid(def: RuleDef, reason: string): RulesetError {
  const id = typeof def?.id === 'string' ? def.id : undefined;
  return new RulesetError(`Invalid rule "${String(id)}": ${reason}`, id);
}

/** `/source/flags` with at least one flag; slashes alone may be text a title holds (`/src/`). */
const JS_REGEX_LITERAL = /^\/(.+)\/([dgimsuvy]+)$/s;

/**
 * Title regexes are case-insensitive and compiled once, to run in linear time whatever the title
 * (linear-regex.ts); returns the reason when unusable.
 */
export function compileTitleRegex(source: string): RegExp | string {
  // `/jira/i`, as JavaScript writes a regex, would be the text "/jira/i": never in a title.
  const literal = JS_REGEX_LITERAL.exec(source);
  if (literal) {
    return `regular expression ${source} is written as a JavaScript literal: give its source alone, "${literal[1]}" (titles are always matched in any case; to match the text itself, escape the slashes: \\/${literal[1]}\\/${literal[2]})`;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'i');
  } catch (error) {
    return (error as Error).message; // V8 names the regex and the problem, e.g. "Unterminated group"
  }
  // A regex that accepts the empty string accepts every title: almost surely a mistake.
  if (regex.test('')) return `regular expression /${source}/ matches the empty string (so every title)`;
  return compileLinearRegex(source);
}

/** Host and path prefix of a domain rule pattern, or the reason it is invalid. */
export function parseDomainPattern(pattern: string): { host: string; pathPrefix: string } | string {
  let p = pattern.trim();
  if (p.startsWith('*.')) p = p.slice(2); // suffix matching already covers subdomains
  // A path prefix already covers what lies below it: "x.com/docs/*" means "x.com/docs" (it was
  // accepted as the literal path "/docs/*" and matched nothing).
  p = p.replace(/\/\*+$/, '');
  if (p.includes('*')) return `domain pattern "${pattern}" may use * only as a leading "*." or a trailing "/*" (a host matches its subdomains and a path its sub-paths)`;
  if (/[?#]/.test(p)) return `domain pattern "${pattern}" must not contain a query or fragment`;
  // Rules may name any host ("intranet", "com"), so parse them as if a scheme were present.
  const url = normalizeUrl(p.includes('://') ? p : `http://${p}`);
  if (url === null) return `invalid domain pattern "${pattern}"`;
  return { host: url.host, pathPrefix: url.path.replace(/\/+$/, '') };
}

/** The pattern in its normalized form, as used for indexing and conflict detection. */
export function normalizedPattern(kind: RuleKind, pattern: string): string {
  switch (kind) {
    case 'app':
      return normalizeApp(pattern);
    case 'domain': {
      const domain = parseDomainPattern(pattern);
      return typeof domain === 'string' ? pattern.trim().toLowerCase() : domain.host + domain.pathPrefix;
    }
    case 'title-keyword':
      return normalizeTitle(pattern);
    case 'title-regex':
      return pattern;
  }
}

/**
 * Total order of rules, best first: override, priority, kind, specificity within the kind, id.
 * Every term is static, so the engine ranks rules once and a classification only has to find
 * the matching rule with the lowest rank.
 */
export function compareRules(a: CompiledRule, b: CompiledRule): number {
  if (a.override !== b.override) return a.override ? -1 : 1;
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  const [a1, a2] = specificity(a);
  const [b1, b2] = specificity(b);
  if (a1 !== b1) return b1 - a1;
  if (a2 !== b2) return b2 - a2;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function specificity(rule: CompiledRule): [number, number] {
  switch (rule.kind) {
    case 'domain':
      return [rule.key.split('.').length, rule.pathPrefix.length];
    case 'app':
      return [0, 0];
    case 'title-keyword':
      return [rule.appFilter === null ? 0 : 1, rule.key.length];
    case 'title-regex':
      return [rule.appFilter === null ? 0 : 1, 0];
  }
}
