import type { CategoryDef, RuleDef } from './ruleset.types';

/** What a rule is besides its id: the fields a patch or an import may change. */
export const RULE_FIELDS = ['kind', 'pattern', 'categoryId', 'priority', 'override', 'appFilter', 'matchApp'] as const satisfies ReadonlyArray<keyof RuleDef>;
/** What a category is besides its id. */
export const CATEGORY_FIELDS = ['name', 'parentId', 'color', 'productive'] as const satisfies ReadonlyArray<keyof CategoryDef>;

/**
 * The fields whose values differ, undefined and null alike meaning "no value" (a stored document
 * lacks the field, a PATCH's null removes it). The one comparison behind both "does this patch or
 * import change anything" and writing only what changed.
 */
export function changedFields<T extends object, K extends keyof T & string>(previous: T, next: T, fields: readonly K[]): K[] {
  return fields.filter((field) => (previous[field] ?? null) !== (next[field] ?? null));
}

/** Whether two rules classify alike: a re-import or a patch that changes nothing writes nothing. */
export function sameRule(a: RuleDef | undefined, b: RuleDef): boolean {
  return a !== undefined && changedFields(a, b, RULE_FIELDS).length === 0;
}

/** Whether two categories are the same but for their id. */
export function sameCategory(a: CategoryDef, b: CategoryDef): boolean {
  return changedFields(a, b, CATEGORY_FIELDS).length === 0;
}
