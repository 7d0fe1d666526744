import { Injectable } from '@nestjs/common';
import { CategoryDef, ClassifierEngine, importActivityWatchCategories, RuleDef, RulesetError } from '@lib/classifier-engine';
import { CorrectionDef, ImportMode, ImportReport, ImportRequest, invalidInput, normalizedAnswerKey, normalizeQuestion, OnConflict, parseChoice, RpcError } from '@lib/contracts';
import { CategoryRepository, ClassificationCorrectionRepository, RuleRepository } from '@lib/persistence';
import { RulesetChange } from './active-ruleset';
import { categoriesKept, ImportPlan, planImport } from './import-plan';
import { checkRulePattern, checkTaxonomy, parseCategory, parseCorrection, parseRule } from './input-validation';
import { LiveRuleset } from './live-ruleset.service';
import { RulesetStore } from './ruleset.store';

const ON_CONFLICT: readonly OnConflict[] = ['reject', 'skip'];
const MODES: readonly ImportMode[] = ['merge', 'replace'];
const DOCUMENT_FIELDS: readonly string[] = ['version', 'categories', 'rules', 'corrections'];

interface IncomingCorrection {
  correction: CorrectionDef;
  key: string;
  path: string;
}

interface Incoming {
  categories: CategoryDef[];
  rules: RuleDef[];
  /** Absent when the document has no `corrections` (then stored corrections stay as they are, whatever the mode). */
  corrections?: IncomingCorrection[];
  /** Field path of each incoming category and rule by id, for error messages. */
  categoryPaths: Map<string, string>;
  rulePaths: Map<string, string>;
  warnings: string[];
}

/**
 * Bulk imports: our own format (`{ version, categories, rules }`, what export returns) and
 * ActivityWatch category exports. Everything is validated and planned before the first write.
 */
@Injectable()
export class RulesetImportService {
  constructor(
    private readonly rules: RuleRepository,
    private readonly categories: CategoryRepository,
    private readonly corrections: ClassificationCorrectionRepository,
    private readonly store: RulesetStore,
    private readonly live: LiveRuleset,
  ) {}

  async importRuleset(request: ImportRequest): Promise<ImportReport> {
    const onConflict = parseChoice(request?.onConflict, 'onConflict', ON_CONFLICT, 'reject');
    const mode = parseChoice(request?.mode, 'mode', MODES, 'merge');
    const document = request?.document;
    if (typeof document !== 'object' || document === null || Array.isArray(document)) throw invalidInput('body', 'must be an object { version, categories, rules }');
    // Anything else is refused, not ignored: `"mode": "replace"` in the body would silently merge.
    const other = Object.keys(document).find((key) => !DOCUMENT_FIELDS.includes(key));
    if (other !== undefined) throw invalidInput(other, `is not a field of a ruleset document (${DOCUMENT_FIELDS.join(', ')}); onConflict and mode are options of the request (query string; GraphQL arguments)`);
    const { categories, rules, corrections } = document as Record<string, unknown>;
    if (!Array.isArray(categories)) throw invalidInput('categories', 'must be an array');
    if (!Array.isArray(rules)) throw invalidInput('rules', 'must be an array');

    const incoming: Incoming = { categories: [], rules: [], categoryPaths: new Map(), rulePaths: new Map(), warnings: [] };
    categories.forEach((raw, i) => {
      const path = `categories[${i}].`;
      const category = parseCategory(raw, { path });
      if (incoming.categoryPaths.has(category.id)) throw invalidInput(`${path}id`, `"${category.id}" appears twice in the import`);
      incoming.categoryPaths.set(category.id, path);
      incoming.categories.push(category);
    });
    if (corrections !== undefined) incoming.corrections = parseCorrections(corrections);
    return this.apply(incoming, rules, mode, onConflict, false);
  }

  /**
   * ActivityWatch (aw-webui) category export → categories with their hierarchy and title-regex
   * rules (see importActivityWatchCategories). Categories we have already keep their settings.
   */
  async importActivityWatch(request: ImportRequest): Promise<ImportReport> {
    const onConflict = parseChoice(request?.onConflict, 'onConflict', ON_CONFLICT, 'reject');
    const converted = importActivityWatchCategories(request?.document);
    if (converted.categories.length === 0) {
      throw invalidInput('categories', `holds no usable ActivityWatch category${converted.warnings.length ? ` (${converted.warnings.join('; ')})` : ''}`);
    }
    // The checks every category from outside gets (name length, id form): without them a 150-character
    // name was stored, and the category then refused every PATCH.
    const categoryPaths = new Map(converted.categories.map((c) => [c.id, `categories["${c.id}"].`]));
    const categories = converted.categories.map((c) => parseCategory(c, { path: categoryPaths.get(c.id) }));
    const incoming: Incoming = { categories, rules: [], categoryPaths, rulePaths: new Map(), warnings: converted.warnings };
    return this.apply(incoming, converted.rules, 'merge', onConflict, true, (rule) => `categories["${(rule as RuleDef).categoryId}"].rule.`);
  }

  /** `pathOf`: the field path of a rule in the document, for errors (`rules[3].` by default). */
  private async apply(
    incoming: Incoming,
    rawRules: unknown[],
    mode: ImportMode,
    onConflict: OnConflict,
    keepExistingCategories: boolean,
    pathOf: (rawRule: unknown, index: number) => string = (_rule, i) => `rules[${i}].`,
  ): Promise<ImportReport> {
    // Stored rules the engine refuses (left out, see ActiveRuleset.compile) would fail the import's
    // validation whatever it brings: it plans against the rules classification runs with.
    const active = await this.live.latestActive();
    const existing = { categories: active.stored.categories, rules: [...active.rules] };
    // Rules may use the categories they arrive with and the ones the import keeps (replacing: the fallback).
    const categoryIds = new Set([...categoriesKept(existing.categories, mode), ...incoming.categories].map((c) => c.id));
    rawRules.forEach((raw, i) => {
      const path = pathOf(raw, i);
      const rule = parseRule(raw, { path, categoryIds, requireId: true }) as RuleDef;
      if (incoming.rulePaths.has(rule.id)) throw invalidInput(`${path}id`, `"${rule.id}" appears twice in the import`);
      incoming.rulePaths.set(rule.id, path);
      incoming.rules.push(rule);
    });

    const plan = planImport({ existing, incoming, mode, onConflict, keepExistingCategories });
    if (plan.refused.length > 0) {
      // The field is the first conflict's first imported rule (pattern and category together are at fault).
      const ruleId = plan.refused[0].ruleIds.find((id) => incoming.rulePaths.has(id));
      const field = ruleId === undefined ? 'rules' : incoming.rulePaths.get(ruleId)!.slice(0, -1);
      throw new RpcError(
        409,
        `import refused: ${plan.refused.length} conflict(s) between rules with the same kind and pattern but different categories (first: ${describe(plan.refused[0])}); fix them, give one rule override or a higher priority, or import with onConflict=skip`,
        { field, conflicts: plan.conflicts },
      );
    }
    this.validate(plan, incoming);
    const categoryIdsAfter = new Set(plan.categories.map((c) => c.id));
    for (const { correction, path } of incoming.corrections ?? []) {
      if (!categoryIdsAfter.has(correction.categoryId)) throw invalidInput(`${path}.categoryId`, `"${correction.categoryId}" is not a category of the ruleset after the import`);
    }

    // Only what changed is written: re-importing an export writes nothing.
    await this.categories.putMany(plan.upsertCategories);
    await this.rules.putMany(plan.upsertRules);
    const storedCorrections = new Map(active.stored.manual.map((m) => [m.key, m.categoryId]));
    const changedCorrections = (incoming.corrections ?? []).filter(({ key, correction }) => storedCorrections.get(key) !== correction.categoryId);
    await this.corrections.upsertMany(changedCorrections.map(({ correction }) => ({ ...correction, rulesetVersion: active.stored.version })));
    let removedRules = 0;
    let removedCorrections = 0;
    let removedCategories: string[] = [];
    if (mode === 'replace') {
      // Rules and corrections first: no moment where a stored one names a removed category.
      removedRules = await this.rules.removeAllExcept(plan.rules.map((r) => r.id));
      if (incoming.corrections) removedCorrections = await this.corrections.removeAllExcept(incoming.corrections.map((c) => c.key));
      removedCategories = await this.categories.removeAllExcept(plan.categories.map((c) => c.id));
    }
    const written = plan.upsertCategories.length + plan.upsertRules.length + changedCorrections.length + removedRules + removedCorrections + removedCategories.length;
    // The change goes with the announcement, so instances apply it to what they hold: reloading the
    // whole ruleset took a second or more, and events sent meanwhile were classified without the
    // import that a dry run already answered with. (One too large to announce is left out there:
    // instances then reload.)
    const incomingKeys = new Set((incoming.corrections ?? []).map((c) => c.key));
    const keptRuleIds = new Set(plan.rules.map((r) => r.id));
    const change: RulesetChange = {
      rules: { put: plan.upsertRules, remove: mode === 'replace' ? active.stored.rules.filter((r) => !keptRuleIds.has(r.id)).map((r) => r.id) : [] },
      categories: { put: plan.upsertCategories, remove: removedCategories },
      corrections: changedCorrections.map(({ key, correction }) => ({ key, app: normalizeQuestion(correction).app, categoryId: correction.categoryId })),
      correctionsRemoved: mode === 'replace' && incoming.corrections ? active.stored.manual.filter((m) => !incomingKeys.has(m.key)).map((m) => m.key) : [],
    };
    // An import that changed nothing is no version: every instance would rebuild its ruleset, and
    // clients see a change that is not one (as for a PATCH that changes nothing).
    const committed = written > 0 ? await this.store.commit(change) : { rulesetVersion: await this.store.version() };
    return {
      rulesetVersion: committed.rulesetVersion,
      mode,
      onConflict,
      categories: { created: plan.created, updated: plan.updated, kept: plan.kept, removed: removedCategories },
      rules: { imported: plan.acceptedRules.length, skipped: plan.skipped, removed: removedRules },
      corrections: { imported: incoming.corrections?.length ?? 0, removed: removedCorrections },
      conflicts: plan.conflicts,
      warnings: [...incoming.warnings, ...(committed.warnings ?? [])],
    };
  }

  /** The ruleset after the import must compile; errors point at the import's own field. */
  private validate(plan: ImportPlan, incoming: Incoming): void {
    checkTaxonomy(plan.categories, (id) => incoming.categoryPaths.get(id) ?? `existing category "${id}": `);
    try {
      new ClassifierEngine({ version: 0, categories: plan.categories, rules: plan.rules });
    } catch (error) {
      if (!(error instanceof RulesetError)) throw error;
      const rule = plan.acceptedRules.find((r) => r.id === error.ruleId);
      if (rule) checkRulePattern(rule, plan.categories, incoming.rulePaths.get(rule.id));
      throw invalidInput('rules', error.message);
    }
  }
}

function describe(conflict: { kind: string; pattern: string; ruleIds: string[]; categoryIds: string[] }): string {
  return `${conflict.kind} "${conflict.pattern}" → ${conflict.categoryIds.join(' vs ')} (rules ${conflict.ruleIds.join(', ')})`;
}

/**
 * A document's corrections: each a question (app, title?, url?) and a categoryId, checked as
 * PUT /v1/classifications checks one; two that are one question once normalized are refused,
 * as the second would silently replace the first.
 */
function parseCorrections(raw: unknown): IncomingCorrection[] {
  if (!Array.isArray(raw)) throw invalidInput('corrections', 'must be an array of { app, title?, url?, categoryId }');
  const pathOfKey = new Map<string, string>();
  return raw.map((item, i) => {
    const path = `corrections[${i}]`;
    const correction = parseCorrection(item, path);
    const key = normalizedAnswerKey(normalizeQuestion(correction));
    const earlier = pathOfKey.get(key);
    if (earlier !== undefined) throw invalidInput(path, `is the same question as ${earlier} once normalized`);
    pathOfKey.set(key, path);
    return { correction, key, path };
  });
}
