import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CATEGORY_FIELDS, CategoryDef } from '@lib/classifier-engine';
import { fieldChanges } from '../field-changes';
import { insertIfAbsent, insertManyIfAbsent } from '../mongo-errors';
import { Category } from './category.schema';
import { byId } from '../mongo-filters';

/** The engine's view of a stored category. */
export function toCategoryDef(category: Category): CategoryDef {
  const def: CategoryDef = { id: category._id, name: category.name, color: category.color, productive: category.productive };
  if (category.parentId !== undefined && category.parentId !== null) def.parentId = category.parentId;
  return def;
}

/**
 * The categories the apps work with: the stored ones, `defaults` only while none are stored
 * (classification stores them on its first start), so a category deleted since, default or not,
 * is gone everywhere.
 */
export function storedOrDefault(stored: readonly Category[], defaults: CategoryDef[]): CategoryDef[] {
  return stored.length > 0 ? stored.map(toCategoryDef) : defaults;
}

@Injectable()
export class CategoryRepository {
  constructor(@InjectModel(Category.name) private readonly model: Model<Category>) {}

  list(): Promise<Category[]> {
    return this.model.find().sort({ _id: 1 }).lean<Category[]>().exec();
  }

  findById(id: string): Promise<Category | null> {
    return this.model.findOne(byId(id)).lean<Category>().exec();
  }

  async upsert(category: Omit<Category, 'updatedAt'>): Promise<void> {
    const { _id, ...fields } = category;
    await this.model.updateOne(byId(_id), { $set: { ...fields, updatedAt: new Date() } }, { upsert: true });
  }

  /** Null when a category with this id exists already. */
  async insert(def: CategoryDef): Promise<Category | null> {
    const doc = documentOf(def, new Date());
    return (await insertIfAbsent(this.model.collection, doc)) ? doc : null;
  }

  /** Writes what `next` changes from `previous` (see fieldChanges; a root loses its parentId); null when unknown. */
  update(previous: CategoryDef, next: CategoryDef): Promise<Category | null> {
    const { $set, $unset } = fieldChanges<CategoryDef>(previous, next, CATEGORY_FIELDS);
    return this.model.findOneAndUpdate(byId(next.id), { $set: { ...$set, updatedAt: new Date() }, ...($unset ? { $unset } : {}) }, { new: true }).lean<Category>().exec();
  }

  /** Creates or replaces each category by id (delete-then-insert: see RuleRepository.putMany). */
  async putMany(defs: CategoryDef[]): Promise<void> {
    if (defs.length === 0) return;
    await this.model.deleteMany({ _id: { $in: defs.map((d) => d.id) } });
    const now = new Date();
    await this.model.collection.insertMany(defs.map((def) => documentOf(def, now)) as never[], { ordered: false });
  }

  /** Inserts the categories that do not exist yet; safe when several instances seed at once. */
  async insertMissing(defs: CategoryDef[]): Promise<void> {
    const now = new Date();
    await insertManyIfAbsent(this.model.collection, defs.map((def) => documentOf(def, now)));
  }

  async remove(id: string): Promise<boolean> {
    return (await this.model.deleteOne(byId(id))).deletedCount === 1;
  }

  async removeAllExcept(keep: string[]): Promise<string[]> {
    const doomed = await this.model.find({ _id: { $nin: keep } }, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
    if (doomed.length > 0) await this.model.deleteMany({ _id: { $in: doomed.map((c) => c._id) } });
    return doomed.map((c) => c._id);
  }

}

function documentOf(def: CategoryDef, updatedAt: Date): Category {
  return {
    _id: def.id,
    name: def.name,
    ...(def.parentId !== undefined ? { parentId: def.parentId } : {}),
    color: def.color,
    productive: def.productive,
    updatedAt,
  };
}
