import { Injectable } from '@nestjs/common';
import { CategoryDef, DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { PRODUCTIVE_BOARD, TOTAL_BOARD } from '@lib/contracts';
import { Category, CategoryRepository, storedOrDefault } from '@lib/persistence';
import { orAfter } from '@lib/platform';

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
/** How long reads wait, in all, for a reload before answering from the last list. */
const RELOAD_WAIT_MS = 250;

/** Which boards exist: the stored categories (the default taxonomy until classification has stored it). */
@Injectable()
export class BoardCatalog {
  private current?: { loadedAt: number; snapshot: BoardCatalogSnapshot };
  private loading?: { since: number; list: Promise<BoardCatalogSnapshot> };
  private reloading?: Promise<BoardCatalogSnapshot>;

  constructor(private readonly categories: CategoryRepository) {}

  /**
   * The list, reloaded once it is older than REFRESH_MS. Once a list is loaded, reads wait for a
   * reload RELOAD_WAIT_MS at most, counted from its start, then answer from the last list: a
   * failed or hung reload (a frozen database answers nothing, and the driver sets no socket
   * timeout) keeps live boards readable from Redis through a Mongo outage. Before, every board
   * read waited on the hung reload and timed out (504).
   */
  async get(): Promise<BoardCatalogSnapshot> {
    if (this.current && Date.now() - this.current.loadedAt < REFRESH_MS) return this.current.snapshot;
    if (!this.loading) {
      const list = this.load().finally(() => (this.loading = undefined));
      list.catch(() => undefined); // a failed reload is tried again by the next read
      this.loading = { since: Date.now(), list };
    }
    if (!this.current) return this.loading.list;
    const last = this.current.snapshot;
    const waitMs = this.loading.since + RELOAD_WAIT_MS - Date.now();
    return waitMs <= 0 ? last : orAfter(this.loading.list.catch(() => last), waitMs, () => last);
  }

  /**
   * The list read now, for a board the last list lacks: a category created a moment ago was an
   * unknown board (400) for up to REFRESH_MS after the API had answered its creation. Only an
   * unknown board pays this read; it waits RELOAD_WAIT_MS at most, then answers from the last list.
   */
  async reloaded(): Promise<BoardCatalogSnapshot> {
    // Unknown boards asked at once share one read: each started its own, and during a Mongo freeze
    // every such request left one more read hanging on it.
    this.reloading ??= this.load().finally(() => (this.reloading = undefined));
    const list = this.reloading;
    if (!this.current) return list;
    const last = this.current.snapshot;
    return orAfter(list.catch(() => last), RELOAD_WAIT_MS, () => last);
  }

  private async load(): Promise<BoardCatalogSnapshot> {
    const snapshot = buildCatalog(DEFAULT_TAXONOMY, await this.categories.list());
    this.current = { loadedAt: Date.now(), snapshot };
    return snapshot;
  }
}

/**
 * The boards of the stored categories (storedOrDefault, as inference's taxonomy: a deleted default
 * stayed a board, readable and in summaries, while /v1/categories no longer listed it).
 */
export function buildCatalog(defaults: CategoryDef[], stored: readonly Category[]): BoardCatalogSnapshot {
  const byId = new Map<string, CategoryDef>(storedOrDefault(stored, defaults).map((d) => [d.id, d]));
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
