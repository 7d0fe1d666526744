import { Injectable } from '@nestjs/common';
import { CategoryDef, DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { PRODUCTIVE_BOARD, TOTAL_BOARD } from '@lib/contracts';
import { Category, CategoryRepository } from '@lib/persistence';

export interface CategoryInfo {
  id: string;
  name: string;
  /** Names from the root down to this category. */
  path: string[];
  color: string;
  productive: boolean;
}

export interface BoardCatalogSnapshot {
  /** Every valid board id: each category, `productive`, `total`. */
  boards: ReadonlySet<string>;
  categories: readonly CategoryInfo[];
}

/** New categories become boards within this long; reads between refreshes cost nothing. */
const REFRESH_MS = 1000;

/** Which boards exist: the default taxonomy plus the stored categories (stored ones win by id). */
@Injectable()
export class BoardCatalog {
  private current?: { loadedAt: number; snapshot: BoardCatalogSnapshot };
  private loading?: Promise<BoardCatalogSnapshot>;

  constructor(private readonly categories: CategoryRepository) {}

  async get(): Promise<BoardCatalogSnapshot> {
    if (this.current && Date.now() - this.current.loadedAt < REFRESH_MS) return this.current.snapshot;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    try {
      return await this.loading;
    } catch (error) {
      // Mongo hiccup: a slightly old list of categories beats failing every read.
      if (this.current) return this.current.snapshot;
      throw error;
    }
  }

  private async load(): Promise<BoardCatalogSnapshot> {
    const snapshot = buildCatalog(DEFAULT_TAXONOMY, await this.categories.list());
    this.current = { loadedAt: Date.now(), snapshot };
    return snapshot;
  }
}

export function buildCatalog(defaults: readonly CategoryDef[], stored: readonly Category[]): BoardCatalogSnapshot {
  const byId = new Map<string, CategoryDef>(defaults.map((d) => [d.id, d]));
  for (const c of stored) byId.set(c._id, { id: c._id, name: c.name, parentId: c.parentId ?? undefined, color: c.color, productive: c.productive });
  const categories = [...byId.values()].map((def) => ({ id: def.id, name: def.name, path: pathOf(def, byId), color: def.color, productive: def.productive }));
  return { boards: new Set([...byId.keys(), PRODUCTIVE_BOARD, TOTAL_BOARD]), categories };
}

function pathOf(def: CategoryDef, byId: ReadonlyMap<string, CategoryDef>): string[] {
  const names = [def.name];
  const seen = new Set([def.id]);
  for (let parent = def.parentId && byId.get(def.parentId); parent && !seen.has(parent.id); parent = parent.parentId && byId.get(parent.parentId)) {
    seen.add(parent.id);
    names.unshift(parent.name);
  }
  return names;
}
