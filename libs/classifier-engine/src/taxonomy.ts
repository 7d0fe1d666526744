import { RulesetError } from './ruleset-error';
import { CategoryDef } from './ruleset.types';

// Ids are ':'-separated slugs; '.', '/', '$' and whitespace would break storage keys and paths.
const CATEGORY_ID = /^[^.\/$:\s]+(?::[^.\/$:\s]+)*$/;

interface CategoryNode {
  def: CategoryDef;
  /** Ids root first, self last. */
  ancestors: readonly string[];
  /** Names root first, self last. */
  path: readonly string[];
}

/** Validated category hierarchy with precomputed ancestor chains. */
export class Taxonomy {
  private readonly nodes = new Map<string, CategoryNode>();

  constructor(categories: readonly CategoryDef[]) {
    if (!Array.isArray(categories)) throw new RulesetError('Invalid ruleset: categories must be an array');
    const defs = new Map<string, CategoryDef>();
    for (const def of categories) {
      const id: unknown = def?.id;
      const fail = (reason: string): RulesetError =>
        new RulesetError(`Invalid category "${String(id)}": ${reason}`, undefined, typeof id === 'string' ? id : undefined);
      if (typeof id !== 'string' || !CATEGORY_ID.test(id)) {
        throw fail("id must be a ':'-separated slug without '.', '/', '$' or whitespace");
      }
      if (defs.has(id)) throw fail('duplicate id');
      if (typeof def.name !== 'string' || def.name.length === 0) throw fail('name must be a non-empty string');
      if (typeof def.color !== 'string') throw fail('color must be a string');
      if (typeof def.productive !== 'boolean') throw fail('productive must be a boolean');
      defs.set(id, def);
    }
    for (const def of defs.values()) {
      if (def.parentId !== undefined && !defs.has(def.parentId)) {
        throw new RulesetError(`Invalid category "${def.id}": unknown parent "${def.parentId}"`, undefined, def.id);
      }
    }
    for (const def of defs.values()) this.resolve(def, defs, new Set());
  }

  get(id: string): CategoryDef | undefined {
    return this.nodes.get(id)?.def;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  ancestors(id: string): readonly string[] {
    return this.nodes.get(id)?.ancestors ?? [];
  }

  path(id: string): readonly string[] {
    return this.nodes.get(id)?.path ?? [];
  }

  private resolve(def: CategoryDef, defs: Map<string, CategoryDef>, visiting: Set<string>): CategoryNode {
    const known = this.nodes.get(def.id);
    if (known) return known;
    if (visiting.has(def.id)) {
      // Only the loop itself: the walk may have come down from a child outside it.
      const chain = [...visiting];
      const cycle = [...chain.slice(chain.indexOf(def.id)), def.id];
      throw new RulesetError(`Invalid category "${def.id}": parent cycle ${cycle.join(' → ')}`, undefined, def.id);
    }
    visiting.add(def.id);
    const parent = def.parentId === undefined ? undefined : this.resolve(defs.get(def.parentId)!, defs, visiting);
    const node: CategoryNode = {
      def,
      ancestors: Object.freeze([...(parent?.ancestors ?? []), def.id]),
      path: Object.freeze([...(parent?.path ?? []), def.name]),
    };
    this.nodes.set(def.id, node);
    return node;
  }
}
