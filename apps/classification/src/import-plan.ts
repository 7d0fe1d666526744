import { CategoryDef, FALLBACK_CATEGORY_ID, findRuleConflicts, RuleConflict, RuleDef, sameCategory, sameRule } from '@lib/classifier-engine';
import { ImportMode, OnConflict } from '@lib/contracts';

export interface ImportInput {
  existing: { categories: CategoryDef[]; rules: RuleDef[] };
  incoming: { categories: CategoryDef[]; rules: RuleDef[] };
  mode: ImportMode;
  onConflict: OnConflict;
  /** Incoming categories whose id exists leave the existing one untouched (ActivityWatch imports). */
  keepExistingCategories: boolean;
}

export interface ImportPlan {
  /**
   * The whole ruleset after the import, to validate before anything is written. A `replace` import
   * removes from the store what these lack: the stored rules, refused ones included (`existing`
   * holds only the rules in use), not a list planned here.
   */
  categories: CategoryDef[];
  rules: RuleDef[];
  /** New or changed categories and rules: what has to be written. */
  upsertCategories: CategoryDef[];
  upsertRules: RuleDef[];
  /** Incoming rules that are part of the result (all but the skipped), changed or not. */
  acceptedRules: RuleDef[];
  created: string[];
  updated: string[];
  kept: string[];
  /** Incoming rules left out because of an unresolved conflict (onConflict = skip). */
  skipped: string[];
  /** Every conflict an incoming rule takes part in, resolved by precedence or not. */
  conflicts: RuleConflict[];
  /** Unresolved conflicts that refuse the whole import (onConflict = reject): write nothing. */
  refused: RuleConflict[];
}

/**
 * The existing categories an import keeps whatever its document holds: every one when merging;
 * replacing, only the fallback (without it, what the model cannot place would count for a
 * category nobody sees). The document's rules may name these as well as its own categories.
 */
export function categoriesKept(existing: CategoryDef[], mode: ImportMode): CategoryDef[] {
  return mode === 'merge' ? existing : existing.filter((c) => c.id === FALLBACK_CATEGORY_ID);
}

/**
 * Decides what an import writes, without writing. Incoming rules replace existing rules with
 * the same id (a re-import updates instead of conflicting). A conflict is two rules of the same
 * kind and normalized pattern with different categories (findRuleConflicts); one that override
 * or priority resolves is reported but allowed, an unresolved one either refuses the import
 * (`reject`) or leaves the incoming rules involved out (`skip`) — never silently picks.
 */
export function planImport(input: ImportInput): ImportPlan {
  const { existing, incoming, mode } = input;
  const existingCategories = new Map(existing.categories.map((c) => [c.id, c]));
  const incomingCategoryIds = new Set(incoming.categories.map((c) => c.id));

  const created: string[] = [];
  const updated: string[] = [];
  const kept: string[] = [];
  const upsertCategories: CategoryDef[] = [];
  for (const category of incoming.categories) {
    const current = existingCategories.get(category.id);
    if (current === undefined) created.push(category.id);
    else if (input.keepExistingCategories || sameCategory(current, category)) {
      kept.push(category.id);
      continue;
    } else updated.push(category.id);
    upsertCategories.push(category);
  }
  const keptIds = new Set(categoriesKept(existing.categories, mode).map((c) => c.id));
  const removedCategories = existing.categories.filter((c) => !incomingCategoryIds.has(c.id) && !keptIds.has(c.id)).map((c) => c.id);
  const replaced = new Set([...removedCategories, ...upsertCategories.map((c) => c.id)]);
  const categories = [...existing.categories.filter((c) => !replaced.has(c.id)), ...upsertCategories];

  const incomingRuleIds = new Set(incoming.rules.map((r) => r.id));
  const baseRules = mode === 'replace' ? [] : existing.rules.filter((r) => !incomingRuleIds.has(r.id));
  const conflicts = findRuleConflicts([...baseRules, ...incoming.rules]).filter((c) => c.ruleIds.some((id) => incomingRuleIds.has(id)));
  const unresolved = conflicts.filter((c) => !c.resolvedByPrecedence);
  const refused = input.onConflict === 'reject' ? unresolved : [];
  const skippedIds = new Set(input.onConflict === 'skip' ? unresolved.flatMap((c) => c.ruleIds.filter((id) => incomingRuleIds.has(id))) : []);
  const acceptedRules = incoming.rules.filter((r) => !skippedIds.has(r.id));
  const existingRules = new Map(existing.rules.map((r) => [r.id, r]));
  // A skipped rule leaves the existing rule of the same id as it was (merge mode).
  const keptRules = mode === 'replace' ? [] : existing.rules.filter((r) => !incomingRuleIds.has(r.id) || skippedIds.has(r.id));

  return {
    categories,
    rules: [...keptRules, ...acceptedRules],
    upsertCategories,
    upsertRules: acceptedRules.filter((r) => !sameRule(existingRules.get(r.id), r)),
    acceptedRules,
    created,
    updated,
    kept,
    skipped: [...skippedIds].sort(),
    conflicts,
    refused,
  };
}
