/**
 * Public data contract of the classifier engine. Other services are written against these exact
 * names: fields may be added, never renamed.
 */

export interface CategoryDef {
  /** Slug path using ':' as separator, e.g. 'work:programming' (never '.', '/' or '$'). */
  id: string;
  name: string;
  parentId?: string;
  color: string;
  productive: boolean;
}

export type RuleKind = 'app' | 'domain' | 'title-keyword' | 'title-regex';

export interface RuleDef {
  id: string;
  kind: RuleKind;
  pattern: string;
  categoryId: string;
  /** Explicit priority, higher wins (default 0). */
  priority?: number;
  /** Manual override: beats everything. */
  override?: boolean;
  /** Title rules only: restrict the rule to one app (compared after normalizeApp). */
  appFilter?: string;
  /**
   * title-regex only: also test the regex against the normalized app name, which is how
   * ActivityWatch applies its category regexes (see importActivityWatchCategories).
   */
  matchApp?: boolean;
}

export interface Ruleset {
  version: number;
  categories: CategoryDef[];
  rules: RuleDef[];
}

export interface ClassifyInput {
  app: string;
  title?: string;
  url?: string;
}

export interface ClassifyResult {
  categoryId: string;
  /** Category names root→leaf, e.g. ['Work', 'Programming']. */
  path: string[];
  source: 'rule';
  ruleId: string;
  ruleKind: RuleKind;
  /** 1 for app/domain rules and overrides, 0.9 keyword, 0.8 regex: see CONFIDENCE in rule-compiler.ts. */
  confidence: number;
  rulesetVersion: number;
}

export interface RuleConflict {
  kind: RuleKind;
  /** The normalized pattern shared by the conflicting rules (domain: host + path prefix). */
  pattern: string;
  appFilter?: string;
  ruleIds: string[];
  categoryIds: string[];
  /**
   * True when override/priority still single out one winner (an intentional shadowing, e.g. a
   * user override of a default rule). The conflict is reported either way.
   */
  resolvedByPrecedence: boolean;
}

export const RULE_KINDS: readonly RuleKind[] = ['app', 'domain', 'title-keyword', 'title-regex'];
