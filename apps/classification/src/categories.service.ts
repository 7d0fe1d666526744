import { Injectable } from '@nestjs/common';
import { CategoryDef, FALLBACK_CATEGORY_ID, sameCategory } from '@lib/classifier-engine';
import { CategoriesList, CategoryChange, Deletion, invalidInput, RpcError } from '@lib/contracts';
import { CategoryRepository, toCategoryDef } from '@lib/persistence';
import { KeyedMutex } from '@lib/platform';
import { applyPatch, checkTaxonomy, isUnset, parseCategory } from './input-validation';
import { LiveRuleset } from './live-ruleset.service';
import { RulesetStore } from './ruleset.store';

/** Category CRUD. Ids are slug paths and never change; a category in use cannot be deleted. */
@Injectable()
export class CategoriesService {
  private readonly patches = new KeyedMutex();

  constructor(private readonly categories: CategoryRepository, private readonly store: RulesetStore, private readonly live: LiveRuleset) {}

  async list(): Promise<CategoriesList> {
    const rulesetVersion = await this.store.version();
    return { rulesetVersion, items: await this.store.categoryDefs() };
  }

  async create(body: unknown): Promise<CategoryChange> {
    const all = (await this.live.latest()).categories;
    const category = parseCategory(body, { lenientDefaults: { parent: parentOf(body, all) } });
    const taken = all.find((c) => c.id === category.id);
    if (taken) throw exists(category, body, taken);
    checkTaxonomy([...all, category], () => '');
    const stored = await this.categories.insert(category);
    if (!stored) throw exists(category, body);
    return { ...(await this.store.commit({ categories: { put: [toCategoryDef(stored)] } })), category: toCategoryDef(stored) };
  }

  /** One patch of a category at a time in this instance (see RulesService.patches). */
  update(id: unknown, patch: unknown): Promise<CategoryChange> {
    return this.patches.runExclusive(String(id), () => this.patchOne(id, patch));
  }

  private async patchOne(id: unknown, patch: unknown): Promise<CategoryChange> {
    const categoryId = parseCategoryId(id);
    const all = (await this.live.latest()).categories;
    const current = all.find((c) => c.id === categoryId);
    if (!current) throw notFound(categoryId);
    const merged = applyPatch(current, patch);
    const category = { ...parseCategory(merged, { lenientDefaults: { parent: parentOf(merged, all) } }), id: categoryId };
    checkTaxonomy([...all.filter((c) => c.id !== categoryId), category], () => '');
    // A patch that changes nothing (empty, or the current values) is no new ruleset version (as for rules).
    if (sameCategory(current, category)) return { rulesetVersion: await this.store.version(), category: current };
    const stored = await this.categories.update(current, category);
    if (!stored) throw notFound(categoryId);
    return { ...(await this.store.commit({ categories: { put: [toCategoryDef(stored)] } })), category: toCategoryDef(stored) };
  }

  async remove(id: unknown): Promise<Deletion> {
    const categoryId = parseCategoryId(id);
    const current = await this.live.latest();
    if (!current.categories.some((c) => c.id === categoryId)) throw notFound(categoryId);
    if (categoryId === FALLBACK_CATEGORY_ID) {
      throw new RpcError(409, `category "${categoryId}" cannot be deleted: events that no rule, known answer or model places are counted under it (rename or recolor it instead)`, { field: 'id' });
    }
    const children = current.categories.filter((c) => c.parentId === categoryId).length;
    const rules = current.rules.filter((r) => r.categoryId === categoryId).length;
    const corrections = current.manual.filter((a) => a.categoryId === categoryId).length;
    const uses = [plural(children, 'child category', 'child categories'), plural(rules, 'rule', 'rules'), plural(corrections, 'correction', 'corrections')].filter(Boolean);
    if (uses.length > 0) {
      // The corrections' keys, so they can be deleted (DELETE /v1/classifications/:key): nothing else lists them.
      const correctionKeys = current.manual.filter((a) => a.categoryId === categoryId).map((a) => a.key);
      const howCorrections = corrections > 0 ? ' (corrections: DELETE /v1/classifications/<key>, keys in details.correctionKeys)' : '';
      throw new RpcError(409, `category "${categoryId}" is still used by ${uses.join(', ')}: move or delete them first${howCorrections}`, { field: 'id', children, rules, corrections, correctionKeys });
    }
    if (!(await this.categories.remove(categoryId))) throw notFound(categoryId);
    return { ...(await this.store.commit({ categories: { remove: [categoryId] } })), deleted: categoryId };
  }
}

/** The parent named by an input, for default color and flag (unknown parents fail later, by name). */
function parentOf(input: unknown, all: CategoryDef[]): CategoryDef | undefined {
  const parentId = (input as { parentId?: unknown } | null)?.parentId;
  return typeof parentId === 'string' ? all.find((c) => c.id === parentId) : undefined;
}

function parseCategoryId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) throw invalidInput('id', 'must be a category id');
  return id;
}

function plural(n: number, one: string, many: string): string {
  return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
}

/**
 * A category's id is taken. Without an id in the request it came from the name, so the name is
 * what to change ("id: … exists already" named a field the request never sent).
 */
function exists(category: CategoryDef, body: unknown, holder?: CategoryDef): RpcError {
  if (!isUnset((body as { id?: unknown }).id)) return new RpcError(409, `id: a category "${category.id}" exists already`, { field: 'id' });
  const by = holder ? `category "${holder.name}"` : 'a category created meanwhile';
  return new RpcError(409, `name "${category.name}" gives the id "${category.id}", which ${by} has already: give another name or an id`, { field: 'name' });
}

function notFound(id: string): RpcError {
  return new RpcError(404, `category "${id}" not found`, { field: 'id' });
}
