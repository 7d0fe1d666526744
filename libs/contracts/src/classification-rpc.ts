import type { CategoryDef, RuleConflict, RuleDef } from '@lib/classifier-engine';
import { ClassificationSource, Rejection } from './activity-event';
import { AnswerQuestion } from './answer-key';

/**
 * Request/reply operations of the classification app, which owns rules, categories and known
 * answers. Subjects are `pipelineNames(prefix).rpcSubject(CLASSIFICATION_RPC.x)`.
 */
export const CLASSIFICATION_RPC = {
  listRules: 'classification.rules.list',
  getRule: 'classification.rules.get',
  createRule: 'classification.rules.create',
  updateRule: 'classification.rules.update',
  deleteRule: 'classification.rules.delete',
  listCategories: 'classification.categories.list',
  createCategory: 'classification.categories.create',
  updateCategory: 'classification.categories.update',
  deleteCategory: 'classification.categories.delete',
  importRuleset: 'classification.import.ruleset',
  importActivityWatch: 'classification.import.activitywatch',
  classify: 'classification.classify',
  correct: 'classification.correct',
  deleteCorrection: 'classification.correct.delete',
  listCorrections: 'classification.correct.list',
} as const;

export interface RuleRecord extends RuleDef {
  createdAt: string;
  updatedAt: string;
}

export interface RuleListQuery {
  kind?: string;
  categoryId?: string;
  limit?: number | string;
  offset?: number | string;
}

export interface RulesPage {
  rulesetVersion: number;
  total: number;
  items: RuleRecord[];
  /** Stored rules classification runs without because the engine refuses them (all of them, whatever the page). */
  leftOut: Array<{ ruleId: string; reason: string }>;
}

export interface CategoriesList {
  rulesetVersion: number;
  items: CategoryDef[];
}

/**
 * Every change answers with the ruleset version it produced. `warnings` (absent when all went
 * well): the change is stored, but the running instances could not be told of it at once.
 */
export interface RulesetCommit {
  rulesetVersion: number;
  warnings?: string[];
}

export interface RuleChange extends RulesetCommit {
  rule: RuleRecord;
}

export interface CategoryChange extends RulesetCommit {
  category: CategoryDef;
}

export interface Deletion extends RulesetCommit {
  deleted: string;
}

/** A correction as a ruleset document carries it: the question as given, and its category. */
export interface CorrectionDef {
  app: string;
  title?: string;
  url?: string;
  categoryId: string;
}

/** Our own import/export format. `corrections` is optional on import (documents before 2026-11-25 lack it). */
export interface RulesetDocument {
  version: number;
  categories: CategoryDef[];
  rules: RuleDef[];
  corrections: CorrectionDef[];
}

export type OnConflict = 'reject' | 'skip';
export type ImportMode = 'merge' | 'replace';

export interface ImportRequest {
  document: unknown;
  onConflict?: string;
  mode?: string;
}

export interface ImportReport {
  rulesetVersion: number;
  mode: ImportMode;
  onConflict: OnConflict;
  categories: { created: string[]; updated: string[]; kept: string[]; removed: string[] };
  rules: { imported: number; skipped: string[]; removed: number };
  /** `removed`: corrections a replace import's `corrections` lacked. */
  corrections: { imported: number; removed: number };
  /** Every conflict an imported rule takes part in, including those precedence resolves. */
  conflicts: RuleConflict[];
  warnings: string[];
}

export interface ClassifyRequest {
  items: AnswerQuestion[];
}

export interface ClassifyItemResult {
  /** Category id, null when nothing knows the item. */
  category: string | null;
  /** Category names root→leaf. */
  path: string[];
  source: ClassificationSource | 'none';
  confidence: number;
  ruleId?: string;
}

export interface ClassifyResponse {
  rulesetVersion: number;
  results: ClassifyItemResult[];
}

/** What the gateway answers a dry run: a result per item, null where the item was refused (listed in `rejected`). */
export interface ClassifyReport {
  rulesetVersion: number;
  results: Array<ClassifyItemResult | null>;
  rejected: Rejection[];
}

export interface CorrectionRequest extends AnswerQuestion {
  categoryId: string;
}

export interface CorrectionResult extends RulesetCommit {
  key: string;
  categoryId: string;
  app: string;
  title?: string;
  url?: string;
}

/** A stored correction: the question as it was given (its first spelling), its category and key. */
export interface CorrectionRecord {
  key: string;
  categoryId: string;
  app: string;
  title?: string;
  url?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CorrectionListQuery {
  categoryId?: string;
  limit?: number | string;
  offset?: number | string;
}

export interface CorrectionsPage {
  rulesetVersion: number;
  total: number;
  items: CorrectionRecord[];
}
