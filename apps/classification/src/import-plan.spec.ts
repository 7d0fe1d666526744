import { CategoryDef, FALLBACK_CATEGORY_ID, RuleDef } from '@lib/classifier-engine';
import { ImportInput, planImport } from './import-plan';

const work: CategoryDef = { id: 'work', name: 'Work', color: '#111111', productive: true };
const fun: CategoryDef = { id: 'fun', name: 'Fun', color: '#222222', productive: false };
const existingRules: RuleDef[] = [
  { id: 'app:code', kind: 'app', pattern: 'code', categoryId: 'work' },
  { id: 'domain:youtube', kind: 'domain', pattern: 'youtube.com', categoryId: 'fun' },
];

function plan(overrides: Partial<ImportInput> & Pick<ImportInput, 'incoming'>) {
  return planImport({ existing: { categories: [work, fun], rules: existingRules }, mode: 'merge', onConflict: 'reject', keepExistingCategories: false, ...overrides });
}

describe('planImport', () => {
  it('merges: new and changed categories are written, identical ones kept, rules upserted by id', () => {
    const games: CategoryDef = { id: 'fun:games', name: 'Games', parentId: 'fun', color: '#333333', productive: false };
    const result = plan({
      incoming: {
        categories: [{ ...work }, { ...fun, color: '#ff0000' }, games],
        rules: [{ id: 'app:code', kind: 'app', pattern: 'code', categoryId: 'fun' }, { id: 'app:steam', kind: 'app', pattern: 'steam', categoryId: 'fun:games' }],
      },
    });
    expect(result).toMatchObject({ created: ['fun:games'], updated: ['fun'], kept: ['work'], refused: [], skipped: [] });
    expect(result.categories.map((c) => c.id)).toEqual(['work', 'fun', 'fun:games']);
    expect(result.upsertCategories.map((c) => c.id)).toEqual(['fun', 'fun:games']);
    // Same id: a replacement, not a conflict.
    expect(result.conflicts).toEqual([]);
    expect(result.rules.map((r) => `${r.id}→${r.categoryId}`).sort()).toEqual(['app:code→fun', 'app:steam→fun:games', 'domain:youtube→fun']);
  });

  it('refuses an unresolved conflict with an existing rule when onConflict is reject', () => {
    const result = plan({ incoming: { categories: [], rules: [{ id: 'mine:yt', kind: 'domain', pattern: 'www.YouTube.com', categoryId: 'work' }] } });
    expect(result.refused).toEqual([
      { kind: 'domain', pattern: 'youtube.com', ruleIds: ['domain:youtube', 'mine:yt'], categoryIds: ['fun', 'work'], resolvedByPrecedence: false },
    ]);
    expect(result.conflicts).toEqual(result.refused);
  });

  it('skips only the imported rules of unresolved conflicts when onConflict is skip', () => {
    const result = plan({
      onConflict: 'skip',
      incoming: {
        categories: [],
        rules: [
          { id: 'a', kind: 'title-keyword', pattern: 'standup', categoryId: 'work' },
          { id: 'b', kind: 'title-keyword', pattern: 'Standup', categoryId: 'fun' },
          { id: 'mine:yt', kind: 'domain', pattern: 'youtube.com', categoryId: 'work' },
          { id: 'ok', kind: 'app', pattern: 'vim', categoryId: 'work' },
        ],
      },
    });
    expect(result.refused).toEqual([]);
    expect(result.skipped).toEqual(['a', 'b', 'mine:yt']);
    expect(result.upsertRules.map((r) => r.id)).toEqual(['ok']);
    expect(result.conflicts).toHaveLength(2);
    expect(result.rules.map((r) => r.id).sort()).toEqual(['app:code', 'domain:youtube', 'ok']);
  });

  it('reports but allows a conflict that override or priority resolves', () => {
    const result = plan({ incoming: { categories: [], rules: [{ id: 'mine:code', kind: 'app', pattern: 'Code.exe', categoryId: 'fun', override: true }] } });
    expect(result.refused).toEqual([]);
    expect(result.conflicts).toEqual([expect.objectContaining({ pattern: 'code', resolvedByPrecedence: true })]);
    expect(result.upsertRules.map((r) => r.id)).toEqual(['mine:code']);
  });

  it('ignores conflicts among existing rules only', () => {
    const result = planImport({
      existing: { categories: [work, fun], rules: [...existingRules, { id: 'x', kind: 'app', pattern: 'code', categoryId: 'fun' }] },
      incoming: { categories: [], rules: [{ id: 'ok', kind: 'app', pattern: 'vim', categoryId: 'work' }] },
      mode: 'merge',
      onConflict: 'reject',
      keepExistingCategories: false,
    });
    expect(result.conflicts).toEqual([]);
  });

  it('keeps existing categories untouched for ActivityWatch imports', () => {
    const result = plan({ keepExistingCategories: true, incoming: { categories: [{ ...work, color: '#00ff00', productive: false }], rules: [] } });
    expect(result).toMatchObject({ kept: ['work'], updated: [], upsertCategories: [] });
    expect(result.categories.find((c) => c.id === 'work')).toEqual(work);
  });

  it('writes only new or changed rules, yet accepts the unchanged ones', () => {
    const result = plan({ incoming: { categories: [], rules: [{ ...existingRules[0] }, { ...existingRules[1], priority: 2 }] } });
    expect(result.acceptedRules.map((r) => r.id)).toEqual(['app:code', 'domain:youtube']);
    expect(result.upsertRules.map((r) => r.id)).toEqual(['domain:youtube']);
  });

  it('replace mode removes what the document lacks', () => {
    const result = plan({ mode: 'replace', incoming: { categories: [work], rules: [{ id: 'app:code', kind: 'app', pattern: 'code', categoryId: 'work' }] } });
    expect(result.categories).toEqual([work]);
    expect(result.rules.map((r) => r.id)).toEqual(['app:code']);
  });

  it('replace mode keeps the fallback category the document lacks (the model\'s unsure answers count there)', () => {
    const fallback: CategoryDef = { id: FALLBACK_CATEGORY_ID, name: 'Uncategorized', color: '#BDBDBD', productive: false };
    const result = plan({ mode: 'replace', existing: { categories: [work, fun, fallback], rules: existingRules }, incoming: { categories: [work], rules: [] } });
    expect(result.categories).toEqual([work, fallback]);
  });
});
