import { CategoryDef, ClassifierEngine, ClassifyInput, normalizeApp, RuleDef } from '@lib/classifier-engine';
import { answerKey } from '@lib/contracts';

export interface StoredRuleset {
  version: number;
  categories: CategoryDef[];
  rules: RuleDef[];
  /** Manual answers (corrections): `key` is answerKey of the question, `app` its normalized app. */
  manual: Array<{ key: string; app: string; categoryId: string }>;
}

/**
 * What one committed change did, carried with its version announcement so instances can apply
 * it to the ruleset they hold instead of reading everything from Mongo again.
 */
export interface RulesetChange {
  rules?: { put?: RuleDef[]; remove?: string[] };
  categories?: { put?: CategoryDef[]; remove?: string[] };
  corrections?: StoredRuleset['manual'];
}

/** The ruleset after a change (a new object: the input stays as it was). */
export function applyChange(stored: StoredRuleset, change: RulesetChange, version: number): StoredRuleset {
  return {
    version,
    categories: patched(stored.categories, (c) => c.id, change.categories?.put, change.categories?.remove),
    rules: patched(stored.rules, (r) => r.id, change.rules?.put, change.rules?.remove),
    manual: patched(stored.manual, (a) => a.key, change.corrections, undefined),
  };
}

function patched<T>(items: T[], idOf: (item: T) => string, put: T[] = [], remove: string[] = []): T[] {
  if (put.length === 0 && remove.length === 0) return items;
  const byId = new Map(items.map((item) => [idOf(item), item]));
  for (const id of remove) byId.delete(id);
  for (const item of put) byId.set(idOf(item), item);
  return [...byId.values()];
}

/**
 * One immutable, compiled version of everything classification decides with: the rules engine
 * and the corrections. Instances are swapped whole, so a batch never sees half of a change.
 */
export class ActiveRuleset {
  readonly version: number;
  /** Corrections whose category no longer exists (they are ignored). */
  readonly ignoredCorrections: number;
  private readonly manual = new Map<string, string>();
  /** Normalized apps that have corrections: most events skip computing an answer key. */
  private readonly manualApps = new Set<string>();

  /** Throws RulesetError when the ruleset is invalid. */
  constructor(readonly stored: StoredRuleset, readonly engine = new ClassifierEngine(stored)) {
    this.version = stored.version;
    let ignored = 0;
    for (const answer of stored.manual) {
      if (engine.category(answer.categoryId) === undefined) {
        ignored++;
        continue;
      }
      this.manual.set(answer.key, answer.categoryId);
      this.manualApps.add(answer.app);
    }
    this.ignoredCorrections = ignored;
  }

  get ruleCount(): number {
    return this.engine.ruleCount;
  }

  /** The corrected category of exactly this question, if a person gave one. */
  correctionFor(input: ClassifyInput): string | undefined {
    if (this.manualApps.size === 0 || !this.manualApps.has(normalizeApp(input.app))) return undefined;
    return this.manual.get(answerKey(input));
  }

  knows(categoryId: string): boolean {
    return this.engine.category(categoryId) !== undefined;
  }

  /** Category names root→leaf. */
  path(categoryId: string): string[] {
    return this.engine.ancestors(categoryId).map((id) => this.engine.category(id)!.name);
  }
}

/**
 * The same ruleset without the rules the engine refuses, for a start with a broken stored
 * ruleset (which only a concurrent or manual database edit can produce): classification keeps
 * running, and the API, which validates each change on its own, can repair it.
 */
export function withoutInvalidRules(stored: StoredRuleset): { ruleset: StoredRuleset; dropped: Array<{ ruleId: string; reason: string }> } {
  const dropped: Array<{ ruleId: string; reason: string }> = [];
  const seen = new Set<string>();
  const rules = stored.rules.filter((rule) => {
    try {
      if (seen.has(rule.id)) throw new Error('duplicate rule id');
      new ClassifierEngine({ version: stored.version, categories: stored.categories, rules: [rule] });
      seen.add(rule.id);
      return true;
    } catch (error) {
      dropped.push({ ruleId: rule.id, reason: (error as Error).message });
      return false;
    }
  });
  return { ruleset: { ...stored, rules }, dropped };
}
