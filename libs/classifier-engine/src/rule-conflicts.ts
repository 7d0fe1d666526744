import { normalizeApp } from './app-normalizer';
import { forLowercaseText } from './linear-regex';
import { normalizedPattern } from './rule-compiler';
import { RULE_KINDS, RuleConflict, RuleDef, RuleKind } from './ruleset.types';

/**
 * Rules of the same kind with the same normalized pattern (and the same appFilter) that map to
 * different categories. They are reported, never resolved here: the engine would pick one
 * deterministically, which is exactly what should not happen silently. Malformed rules are
 * skipped (the engine constructor reports those).
 */
export function findRuleConflicts(rules: RuleDef[]): RuleConflict[] {
  const groups = new Map<string, { conflict: Omit<RuleConflict, 'ruleIds' | 'categoryIds' | 'resolvedByPrecedence'>; rules: RuleDef[] }>();
  for (const rule of rules) {
    if (!RULE_KINDS.includes(rule?.kind) || typeof rule.pattern !== 'string') continue;
    const pattern = normalizedPattern(rule.kind, rule.pattern);
    const appFilter = typeof rule.appFilter === 'string' ? normalizeApp(rule.appFilter) : undefined;
    const key = `${rule.kind}\u0000${matchingForm(rule.kind, pattern)}\u0000${appFilter ?? ''}`;
    const group = groups.get(key);
    if (group) group.rules.push(rule);
    else groups.set(key, { conflict: { kind: rule.kind, pattern, ...(appFilter ? { appFilter } : {}) }, rules: [rule] });
  }

  const conflicts: RuleConflict[] = [];
  for (const { conflict, rules: group } of groups.values()) {
    const categoryIds = [...new Set(group.map((r) => r.categoryId))].sort();
    if (categoryIds.length < 2) continue;
    conflicts.push({
      ...conflict,
      ruleIds: group.map((r) => r.id).sort(),
      categoryIds,
      resolvedByPrecedence: resolvedByPrecedence(group),
    });
  }
  const sortKey = (c: RuleConflict): string => `${c.kind}\u0000${c.pattern}\u0000${c.appFilter ?? ''}`;
  return conflicts.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/**
 * Patterns that match the same titles share this form. Title regexes are case-insensitive:
 * `JIRA-\d+` and `jira-\d+` are one pattern (they were two, and the engine picked one by rule id
 * without a word), so they compare as rewritten for the lowercase text they run on.
 */
function matchingForm(kind: RuleKind, pattern: string): string {
  if (kind !== 'title-regex') return pattern;
  try {
    return forLowercaseText(pattern);
  } catch {
    return pattern; // not a regex the engine takes: it refuses the rule by itself
  }
}

/** True when the rules at the top (override, priority) level all agree on one category. */
function resolvedByPrecedence(rules: RuleDef[]): boolean {
  const outranks = (a: RuleDef, b: RuleDef): number =>
    Number(a.override === true) - Number(b.override === true) || (a.priority ?? 0) - (b.priority ?? 0);
  const top = rules.reduce((best, rule) => (outranks(rule, best) > 0 ? rule : best));
  const winners = rules.filter((rule) => outranks(rule, top) === 0);
  return new Set(winners.map((rule) => rule.categoryId)).size === 1;
}
