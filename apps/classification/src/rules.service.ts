import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { findRuleConflicts, RULE_KINDS, RuleDef, sameRule } from '@lib/classifier-engine';
import { Deletion, invalidInput, parseChoice, parseInteger, RpcError, RuleChange, RuleListQuery, RuleRecord, RulesPage } from '@lib/contracts';
import { Rule, RuleRepository, toRuleDef } from '@lib/persistence';
import { KeyedMutex } from '@lib/platform';
import { applyPatch, checkRulePattern, parseCategoryFilter, parseRule } from './input-validation';
import { LiveRuleset } from './live-ruleset.service';
import { RulesetStore } from './ruleset.store';

export function toRuleRecord(rule: Rule): RuleRecord {
  return { ...toRuleDef(rule), createdAt: rule.createdAt.toISOString(), updatedAt: rule.updatedAt.toISOString() };
}

/** Rule CRUD: each change is validated on its own, stored, then committed as a new version. */
@Injectable()
export class RulesService {
  /**
   * Patches of one rule, one at a time in this instance. Each writes only the fields it changes,
   * so on MongoDB concurrent patches of other fields stay, on any instance; FerretDB applies an
   * update by reading and writing back the whole document, so there only the patches one instance
   * serializes keep each other's fields (before, the later of two patches undid the other's).
   */
  private readonly patches = new KeyedMutex();

  constructor(private readonly rules: RuleRepository, private readonly store: RulesetStore, private readonly live: LiveRuleset) {}

  async list(query: RuleListQuery = {}): Promise<RulesPage> {
    const kind = parseChoice(query.kind, 'kind', RULE_KINDS, undefined);
    const limit = parseInteger(query.limit, 'limit', { min: 1, max: 500, fallback: 100 });
    const offset = parseInteger(query.offset, 'offset', { min: 0, max: 10_000_000, fallback: 0 });
    const { leftOut, stored } = await this.live.latestActive();
    const categoryId = parseCategoryFilter(query.categoryId, stored.categories);
    const rulesetVersion = await this.store.version();
    const { total, items } = await this.rules.page({ kind, categoryId }, offset, limit);
    return { rulesetVersion, total, items: items.map(toRuleRecord), leftOut: [...leftOut] };
  }

  async get(id: unknown): Promise<RuleRecord> {
    return toRuleRecord(await this.existing(id));
  }

  async create(body: unknown): Promise<RuleChange> {
    const { categories, rules } = await this.live.latest();
    const parsed = parseRule(body, { categoryIds: new Set(categories.map((c) => c.id)), requireId: false });
    const rule: RuleDef = { ...parsed, id: parsed.id ?? `rule:${randomBytes(6).toString('hex')}` };
    checkRulePattern(rule, categories);
    refuseConflicts(rule, rules);
    const stored = await this.rules.insert(rule);
    if (!stored) throw new RpcError(409, `id: a rule "${rule.id}" exists already`, { field: 'id' });
    return { ...(await this.store.commit({ rules: { put: [toRuleDef(stored)] } })), rule: toRuleRecord(stored) };
  }

  /** One patch of a rule at a time in this instance: FerretDB applies no update atomically (see `patches`). */
  update(id: unknown, patch: unknown): Promise<RuleChange> {
    return this.patches.runExclusive(String(id), () => this.patchOne(id, patch));
  }

  private async patchOne(id: unknown, patch: unknown): Promise<RuleChange> {
    const existing = await this.existing(id);
    const current = toRuleDef(existing);
    const { categories, rules } = await this.live.latest();
    const rule: RuleDef = { ...parseRule(applyPatch(current, patch), { categoryIds: new Set(categories.map((c) => c.id)), requireId: true }), id: current.id };
    checkRulePattern(rule, categories);
    refuseConflicts(rule, rules.filter((r) => r.id !== rule.id));
    // A patch that changes nothing (empty, or the current values) is no new ruleset version:
    // every classification instance would reload and every client see a change that is not one.
    if (sameRule(current, rule)) return { rulesetVersion: await this.store.version(), rule: toRuleRecord(existing) };
    const stored = await this.rules.update(current, rule);
    if (!stored) throw notFound(rule.id);
    return { ...(await this.store.commit({ rules: { put: [toRuleDef(stored)] } })), rule: toRuleRecord(stored) };
  }

  async remove(id: unknown): Promise<Deletion> {
    const ruleId = parseRuleId(id);
    if (!(await this.rules.remove(ruleId))) throw notFound(ruleId);
    return { ...(await this.store.commit({ rules: { remove: [ruleId] } })), deleted: ruleId };
  }

  private async existing(id: unknown): Promise<Rule> {
    const ruleId = parseRuleId(id);
    const rule = await this.rules.findById(ruleId);
    if (!rule) throw notFound(ruleId);
    return rule;
  }
}

/** The engine would silently pick one of two rules that differ only in category: refuse. */
function refuseConflicts(rule: RuleDef, others: RuleDef[]): void {
  const conflicts = findRuleConflicts([...others, rule]).filter((c) => c.ruleIds.includes(rule.id) && !c.resolvedByPrecedence);
  if (conflicts.length === 0) return;
  const [first] = conflicts;
  const rivals = first.ruleIds.filter((r) => r !== rule.id).join(', ');
  throw new RpcError(
    409,
    `pattern: ${first.kind === 'app' ? 'an' : 'a'} ${first.kind} rule for "${first.pattern}" already maps to another category (rules ${rivals}); change that rule, or give this one override or a higher priority`,
    { field: 'pattern', conflicts },
  );
}

function parseRuleId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) throw invalidInput('id', 'must be a rule id');
  return id;
}

function notFound(id: string): RpcError {
  return new RpcError(404, `rule "${id}" not found`, { field: 'id' });
}
