import { CategoryDef } from '@lib/classifier-engine';
import { RpcError } from '@lib/contracts';
import { applyPatch, checkRulePattern, checkTaxonomy, parseCategory, parseRule } from './input-validation';

const categories: CategoryDef[] = [
  { id: 'work', name: 'Work', color: '#1E88E5', productive: true },
  { id: 'work:programming', name: 'Programming', parentId: 'work', color: '#1565C0', productive: true },
];
const categoryIds = new Set(categories.map((c) => c.id));

function errorOf(run: () => unknown): { status: number; message: string; field: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof RpcError) return { status: error.status, message: error.message, field: (error.details as { field?: string })?.field };
    throw error;
  }
  throw new Error('expected an error');
}

describe('parseRule', () => {
  const valid = { kind: 'title-keyword', pattern: 'standup', categoryId: 'work', appFilter: 'Slack', priority: 5 };

  it('accepts a valid rule and drops nulls', () => {
    expect(parseRule({ ...valid, override: null }, { categoryIds, requireId: false })).toEqual(valid);
  });

  it.each([
    [{ ...valid, pattern: '  ' }, 'pattern', 'pattern must be a non-empty string'],
    [{ ...valid, kind: 'url' }, 'kind', 'kind must be one of app, domain, title-keyword, title-regex'],
    [{ ...valid, categoryId: 'nope' }, 'categoryId', 'categoryId "nope" is not a known category'],
    [{ ...valid, priority: 'high' }, 'priority', 'priority must be a number between -1000000 and 1000000'],
    [{ ...valid, kind: 'app', appFilter: 'x' }, 'appFilter', 'appFilter is only allowed on title-keyword and title-regex rules'],
    [{ ...valid, matchApp: true }, 'matchApp', 'matchApp is only allowed on title-regex rules'],
    [{ ...valid, categoryID: 'work' }, 'categoryID', 'categoryID is not a known field'],
    [{ ...valid, appFilter: '.exe' }, 'appFilter', 'appFilter ".exe" names no app once ".exe"/".app" and whitespace are dropped'],
    [{ ...valid, id: '$where' }, 'id', expect.stringContaining("id must be a string of 1 to 200 characters")],
  ])('refuses %j naming %s', (input, field, message) => {
    expect(errorOf(() => parseRule(input, { categoryIds, requireId: false }))).toEqual({ status: 400, field, message });
  });

  it('prefixes the field path of imports and requires ids there', () => {
    expect(errorOf(() => parseRule(valid, { path: 'rules[3].', categoryIds, requireId: true }))).toMatchObject({ field: 'rules[3].id', message: 'rules[3].id is required' });
  });
});

describe('checkRulePattern', () => {
  it('reports a bad regex or domain against pattern', () => {
    const bad = errorOf(() => checkRulePattern({ id: 'r', kind: 'title-regex', pattern: '(unclosed', categoryId: 'work' }, categories));
    expect(bad).toMatchObject({ status: 400, field: 'pattern' });
    expect(bad.message).toMatch(/^pattern Invalid regular expression: .*Unterminated group/);
    expect(errorOf(() => checkRulePattern({ id: 'r', kind: 'title-regex', pattern: 'a*', categoryId: 'work' }, categories)).message).toContain('matches the empty string');
    expect(errorOf(() => checkRulePattern({ id: 'r', kind: 'domain', pattern: 'x.com?a=1', categoryId: 'work' }, categories, 'rules[0].')).field).toBe('rules[0].pattern');
    expect(errorOf(() => checkRulePattern({ id: 'r', kind: 'app', pattern: ' .EXE', categoryId: 'work' }, categories))).toEqual({
      status: 400,
      field: 'pattern',
      message: 'pattern app pattern " .EXE" names no app once ".exe"/".app" and whitespace are dropped',
    });
    expect(() => checkRulePattern({ id: 'r', kind: 'title-regex', pattern: 'jira-\\d+', categoryId: 'work' }, categories)).not.toThrow();
  });
});

describe('parseCategory and checkTaxonomy', () => {
  it('derives the id from parent and name and inherits color and flag', () => {
    expect(parseCategory({ name: 'Deep Work!', parentId: 'work' }, { lenientDefaults: { parent: categories[0] } })).toEqual({
      id: 'work:deep-work',
      name: 'Deep Work!',
      parentId: 'work',
      color: '#1E88E5',
      productive: true,
    });
  });

  it('holds a derived id to the limit of a given one', () => {
    const parent = { id: 'p'.repeat(190), name: 'P', color: '#123456', productive: true };
    expect(errorOf(() => parseCategory({ name: 'n'.repeat(20), parentId: parent.id }, { lenientDefaults: { parent } }))).toEqual({
      status: 400,
      field: 'name',
      message: `name gives the id "${'p'.repeat(40)}…" of 211 characters, more than 200: give a shorter name or an id`,
    });
    expect(parseCategory({ name: 'n'.repeat(9), parentId: parent.id }, { lenientDefaults: { parent } }).id).toHaveLength(200);
  });

  it('refuses the ids of the total and productive boards, given or derived from a name (an ActivityWatch category "Productive")', () => {
    // A category with such an id shared that board: its own board showed everyone's total, and summaries listed "total" as a category.
    expect(errorOf(() => parseCategory({ id: 'total', name: 'T', color: '#112233', productive: true }, {}))).toEqual({
      status: 400,
      field: 'id',
      message: 'id "total" is the id of the board of all tracked time: choose another id',
    });
    expect(errorOf(() => parseCategory({ name: 'Productive', color: '#112233', productive: true }, { path: 'categories[2].' }))).toEqual({
      status: 400,
      field: 'categories[2].name',
      message: 'categories[2].name gives the id "productive", the id of the board of productive time: give another name or an id',
    });
    expect(parseCategory({ name: 'Total', parentId: 'work' }, { lenientDefaults: { parent: categories[0] } }).id).toBe('work:total');
  });

  it('requires color and productive in imports', () => {
    expect(errorOf(() => parseCategory({ id: 'x', name: 'X', productive: true }, { path: 'categories[0].' }))).toMatchObject({ field: 'categories[0].color' });
    expect(errorOf(() => parseCategory({ id: 'x', name: 'X', color: 'red', productive: true }, {}))).toMatchObject({ field: 'color', message: 'color must be a hex color like #1E88E5' });
  });

  it('finds unknown parents and cycles, naming parentId', () => {
    expect(errorOf(() => checkTaxonomy([...categories, { id: 'x', name: 'X', parentId: 'nope', color: '#fff', productive: false }], () => ''))).toEqual({
      status: 400,
      field: 'parentId',
      message: 'parentId unknown parent "nope"',
    });
    const cycle = errorOf(() => checkTaxonomy([{ ...categories[0], parentId: 'work:programming' }, categories[1]], () => ''));
    expect(cycle).toMatchObject({ field: 'parentId', message: 'parentId parent cycle work → work:programming → work' });
    // A child outside the loop, walked first, is not part of it (it read "cycle through work:review → work → …").
    const below = errorOf(() => checkTaxonomy([{ id: 'work:review', name: 'R', parentId: 'work', color: '#fff', productive: true }, { ...categories[0], parentId: 'work:programming' }, categories[1]], () => ''));
    expect(below.message).toBe('parentId parent cycle work → work:programming → work');
    expect(errorOf(() => checkTaxonomy([{ id: 'a.b', name: 'A', color: '#fff', productive: false }], () => 'categories[0].'))).toEqual({
      status: 400,
      field: 'categories[0].id',
      message: "categories[0].id must be a ':'-separated slug without '.', '/', '$' or whitespace",
    });
  });
});

describe('applyPatch', () => {
  it('replaces present fields, removes nulls and refuses a new id', () => {
    expect(applyPatch({ id: 'r', kind: 'app', pattern: 'x', priority: 3 }, { pattern: 'y', priority: null })).toEqual({ id: 'r', kind: 'app', pattern: 'y' });
    expect(errorOf(() => applyPatch({ id: 'r' }, { id: 's' }))).toMatchObject({ field: 'id' });
  });
});
