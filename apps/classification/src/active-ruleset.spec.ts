import { DEFAULT_RULESET } from '@lib/classifier-engine';
import { answerKey } from '@lib/contracts';
import { ActiveRuleset, applyChange, StoredRuleset } from './active-ruleset';

const base: StoredRuleset = { ...DEFAULT_RULESET, version: 7, taxonomyVersion: 7, manual: [] };

describe('ActiveRuleset', () => {
  it('answers corrections for exactly their normalized question, and only with known categories', () => {
    const question = { app: 'Code', title: 'notes.md - Visual Studio Code' };
    const active = new ActiveRuleset({
      ...base,
      manual: [
        { key: answerKey(question), app: 'code', categoryId: 'work:writing' },
        { key: answerKey({ app: 'gone' }), app: 'gone', categoryId: 'deleted:category' },
      ],
    });
    expect(active.correctionFor({ app: 'code.exe', title: '  NOTES.md - Visual Studio Code' })).toBe('work:writing');
    expect(active.correctionFor({ app: 'code', title: 'other.md' })).toBeUndefined();
    expect(active.correctionFor({ app: 'gone' })).toBeUndefined();
    expect(active.ignoredCorrections).toBe(1);
    expect(active.version).toBe(7);
    expect(active.path('work:programming')).toEqual(['Work', 'Programming']);
  });

  it('refuses an invalid ruleset', () => {
    expect(() => new ActiveRuleset({ ...base, rules: [{ id: 'bad', kind: 'title-regex', pattern: '(', categoryId: 'work' }] })).toThrow(/bad/);
  });
});

describe('applyChange', () => {
  it('puts and removes rules, categories and corrections by id, leaving the input as it was', () => {
    const rule = { id: 'mine:code', kind: 'app' as const, pattern: 'code', categoryId: 'work:writing', override: true };
    const category = { id: 'work:deep-work', name: 'Deep Work', parentId: 'work', color: '#000000', productive: true };
    const correction = { key: answerKey({ app: 'x' }), app: 'x', categoryId: 'work:deep-work' };
    const changed = applyChange(base, { rules: { put: [rule], remove: ['app:code'] }, categories: { put: [category] }, corrections: [correction] }, 8);

    expect(changed.version).toBe(8);
    expect(changed.rules).toHaveLength(base.rules.length);
    expect(changed.rules.find((r) => r.id === 'app:code')).toBeUndefined();
    expect(changed.rules).toContainEqual(rule);
    expect(changed.categories).toContainEqual(category);
    expect(changed.manual).toEqual([correction]);
    expect(base.rules.find((r) => r.id === 'app:code')).toBeDefined();

    const updated = applyChange(changed, { categories: { put: [{ ...category, color: '#ffffff' }] }, corrections: [{ ...correction, categoryId: 'work' }] }, 9);
    expect(updated.categories.filter((c) => c.id === 'work:deep-work')).toEqual([{ ...category, color: '#ffffff' }]);
    expect(updated.manual).toEqual([{ ...correction, categoryId: 'work' }]);
    expect(new ActiveRuleset(updated).engine.classify({ app: 'Code' })).toMatchObject({ categoryId: 'work:writing', rulesetVersion: 9 });

    expect(applyChange(updated, { correctionsRemoved: [correction.key] }, 10).manual).toEqual([]);
  });

  it('moves the taxonomy version only with a change to the categories', () => {
    const rule = { id: 'mine:x', kind: 'app' as const, pattern: 'x', categoryId: 'work' };
    const ruleOnly = applyChange(base, { rules: { put: [rule] }, corrections: [{ key: answerKey({ app: 'y' }), app: 'y', categoryId: 'work' }] }, 8);
    expect([ruleOnly.version, ruleOnly.taxonomyVersion]).toEqual([8, 7]);
    expect(applyChange(ruleOnly, { categories: { remove: ['work:office'] } }, 9).taxonomyVersion).toBe(9);
  });
});

describe('ActiveRuleset.compile', () => {
  it('leaves out exactly the rules the engine refuses, with the reason, and keeps them in stored', () => {
    const rules = [
      ...base.rules.slice(0, 3),
      { id: 'bad', kind: 'title-regex' as const, pattern: '(', categoryId: 'work' },
      { id: 'legacy:backref', kind: 'title-regex' as const, pattern: '(jira)-\\d+ \\1', categoryId: 'work' },
      { ...base.rules[0] },
    ];
    const active = ActiveRuleset.compile({ ...base, rules });
    expect(active.leftOut.map((d) => d.ruleId)).toEqual(['bad', 'legacy:backref', base.rules[0].id]);
    expect(active.leftOut[1].reason).toMatch(/linear time/);
    expect(active.ruleCount).toBe(3);
    expect(active.stored.rules).toBe(rules);
    expect(active.engine.classify({ app: 'x', title: 'jira-1 jira' })).toBeNull();
  });

  it('leaves nothing out of a valid ruleset, and throws when the categories are invalid', () => {
    expect(ActiveRuleset.compile(base).leftOut).toEqual([]);
    expect(() => ActiveRuleset.compile({ ...base, categories: [...base.categories, { ...base.categories[0], parentId: 'missing' }] })).toThrow();
  });
});
