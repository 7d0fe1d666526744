import { changedFields, sameCategory, sameRule } from './ruleset-diff';
import type { RuleDef } from './ruleset.types';

describe('ruleset diff', () => {
  const rule: RuleDef = { id: 'r1', kind: 'app', pattern: 'code', categoryId: 'work:programming', priority: 2 };

  it('names the changed fields, null and absent being alike', () => {
    expect(changedFields(rule, { ...rule, pattern: 'vim', priority: undefined }, ['kind', 'pattern', 'priority', 'appFilter'])).toEqual(['pattern', 'priority']);
    expect(changedFields({ ...rule, appFilter: undefined }, { ...rule, appFilter: null as unknown as string }, ['appFilter'])).toEqual([]);
  });

  it('takes a rule or a category that differs only by its id or by null for absent as the same', () => {
    expect(sameRule(rule, { ...rule, id: 'r2', override: null as unknown as boolean })).toBe(true);
    expect(sameRule(rule, { ...rule, override: true })).toBe(false);
    expect(sameRule(undefined, rule)).toBe(false);
    const category = { id: 'c', name: 'C', color: '#123456', productive: true };
    expect(sameCategory(category, { ...category, parentId: null as unknown as string })).toBe(true);
    expect(sameCategory(category, { ...category, productive: false })).toBe(false);
  });
});
