import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { RULE_FIELDS, RuleDef } from '@lib/classifier-engine';
import { fieldChanges } from '../field-changes';
import { insertIfAbsent, insertManyIfAbsent } from '../mongo-errors';
import { Rule } from './rule.schema';
import { byId } from '../mongo-filters';

export interface RuleFilter {
  kind?: string;
  categoryId?: string;
}

const OPTIONAL_FIELDS = ['priority', 'override', 'appFilter', 'matchApp'] as const;

/** The engine's view of a stored rule: no storage fields, no absent optionals. */
export function toRuleDef(rule: Rule): RuleDef {
  const def: RuleDef = { id: rule._id, kind: rule.kind, pattern: rule.pattern, categoryId: rule.categoryId };
  for (const field of OPTIONAL_FIELDS) if (rule[field] !== undefined && rule[field] !== null) (def as unknown as Record<string, unknown>)[field] = rule[field];
  return def;
}

@Injectable()
export class RuleRepository {
  constructor(@InjectModel(Rule.name) private readonly model: Model<Rule>) {}

  all(): Promise<Rule[]> {
    return this.model.find().sort({ _id: 1 }).lean<Rule[]>().exec();
  }

  async page(filter: RuleFilter, offset: number, limit: number): Promise<{ total: number; items: Rule[] }> {
    const query = {
      ...(filter.kind !== undefined ? { kind: { $eq: filter.kind } } : {}),
      ...(filter.categoryId !== undefined ? { categoryId: { $eq: filter.categoryId } } : {}),
    };
    const [total, items] = await Promise.all([
      this.model.countDocuments(query).exec(),
      this.model.find(query).sort({ _id: 1 }).skip(offset).limit(limit).lean<Rule[]>().exec(),
    ]);
    return { total, items };
  }

  findById(id: string): Promise<Rule | null> {
    return this.model.findOne(byId(id)).lean<Rule>().exec();
  }

  /** False when a rule with this id exists already. */
  async insert(def: RuleDef): Promise<Rule | null> {
    const now = new Date();
    const doc = { ...fieldsOf(def), _id: def.id, createdAt: now, updatedAt: now } as Rule;
    return (await insertIfAbsent(this.model.collection, doc)) ? doc : null;
  }

  /** Writes what `next` changes from `previous` (see fieldChanges); null when unknown. */
  update(previous: RuleDef, next: RuleDef): Promise<Rule | null> {
    const { $set, $unset } = fieldChanges<RuleDef>(previous, next, RULE_FIELDS);
    return this.model
      .findOneAndUpdate(byId(next.id), { $set: { ...$set, updatedAt: new Date() }, ...($unset ? { $unset } : {}) }, { new: true })
      .lean<Rule>()
      .exec();
  }

  async remove(id: string): Promise<boolean> {
    return (await this.model.deleteOne(byId(id))).deletedCount === 1;
  }

  /**
   * Creates or replaces each rule by id, keeping createdAt. Delete-then-insert rather than
   * upserts: FerretDB runs a bulk of upserts one slow update at a time (~20 ms each). A reader
   * between the two steps misses these rules; callers bump the ruleset version afterwards, so
   * every instance reloads the final state.
   */
  async putMany(defs: RuleDef[]): Promise<void> {
    if (defs.length === 0) return;
    const previous = await this.model.find({ _id: { $in: defs.map((d) => d.id) } }, { createdAt: 1 }).lean<Array<Pick<Rule, '_id' | 'createdAt'>>>().exec();
    const createdAt = new Map(previous.map((p) => [p._id, p.createdAt]));
    if (previous.length > 0) await this.model.deleteMany({ _id: { $in: previous.map((p) => p._id) } });
    const now = new Date();
    await this.model.collection.insertMany(defs.map((def) => ({ ...fieldsOf(def), _id: def.id, createdAt: createdAt.get(def.id) ?? now, updatedAt: now })) as never[], { ordered: false });
  }

  /** Inserts the rules that do not exist yet; safe when several instances seed at once. */
  async insertMissing(defs: RuleDef[]): Promise<void> {
    const now = new Date();
    await insertManyIfAbsent(this.model.collection, defs.map((def) => ({ ...fieldsOf(def), _id: def.id, createdAt: now, updatedAt: now })));
  }

  async removeAllExcept(keep: string[]): Promise<number> {
    return (await this.model.deleteMany({ _id: { $nin: keep } })).deletedCount;
  }
}

function fieldsOf(def: RuleDef): Omit<Rule, '_id' | 'createdAt' | 'updatedAt'> {
  const { id: _id, ...fields } = def;
  return fields;
}
