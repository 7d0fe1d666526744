import { CategoryDef, ClassifierEngine, ClassifyInput, normalizeApp, RefusedRule, RuleDef, splitRefusedRules } from '@lib/classifier-engine';
import { answerKey } from '@lib/contracts';

export interface StoredRuleset {
  version: number;
  /** The version of the last change to the categories: a "cannot tell" answer given since still holds (answersItsQuestion). */
  taxonomyVersion: number;
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
  /** Keys of corrections deleted. */
  correctionsRemoved?: string[];
}

/** Whether a change touches the categories (unknown, for a commit without one). */
export function changesCategories(change: RulesetChange | undefined): boolean {
  return change === undefined || (change.categories?.put?.length ?? 0) + (change.categories?.remove?.length ?? 0) > 0;
}

/** The ruleset after a change (a new object: the input stays as it was). */
export function applyChange(stored: StoredRuleset, change: RulesetChange, version: number): StoredRuleset {
  return {
    version,
    taxonomyVersion: changesCategories(change) ? version : stored.taxonomyVersion,
    categories: patched(stored.categories, (c) => c.id, change.categories?.put, change.categories?.remove),
    rules: patched(stored.rules, (r) => r.id, change.rules?.put, change.rules?.remove),
    manual: patched(stored.manual, (a) => a.key, change.corrections, change.correctionsRemoved),
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

  /**
   * Compiles the stored ruleset, leaving out the rules the engine refuses (listed in `leftOut`,
   * while `stored` keeps them, as Mongo does). Such rules come from a manual database edit, two
   * concurrent changes, or a check added after they were stored (an upgrade): classification
   * keeps running on the rest, the same way on every instance whenever it started, and the
   * API, which validates each change, can fix or delete them. Throws RulesetError only when the
   * categories themselves are invalid.
   */
  static compile(stored: StoredRuleset): ActiveRuleset {
    try {
      return new ActiveRuleset(stored);
    } catch (error) {
      const { accepted, refused } = splitRefusedRules(stored);
      if (refused.length === 0) throw error;
      return new ActiveRuleset(stored, { rules: accepted, leftOut: refused });
    }
  }

  readonly engine: ClassifierEngine;
  /** The rules classification runs with: the stored ones but those left out. */
  readonly rules: readonly RuleDef[];
  readonly leftOut: readonly RefusedRule[];

  /** Throws RulesetError when the ruleset is invalid (with the rules given: all the stored ones by default). */
  constructor(readonly stored: StoredRuleset, classified: { rules: RuleDef[]; leftOut: RefusedRule[] } = { rules: stored.rules, leftOut: [] }) {
    this.engine = new ClassifierEngine({ ...stored, rules: classified.rules });
    this.rules = classified.rules;
    this.leftOut = classified.leftOut;
    this.version = stored.version;
    let ignored = 0;
    for (const answer of stored.manual) {
      if (this.engine.category(answer.categoryId) === undefined) {
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

  get taxonomyVersion(): number {
    return this.stored.taxonomyVersion;
  }

  knows(categoryId: string): boolean {
    return this.engine.category(categoryId) !== undefined;
  }

  /** Category names root→leaf. */
  path(categoryId: string): string[] {
    return this.engine.ancestors(categoryId).map((id) => this.engine.category(id)!.name);
  }
}
