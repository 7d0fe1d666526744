import { AW_DEFAULT_COLOR, importActivityWatchCategories, slugify } from './activitywatch-importer';
import { ClassifierEngine } from './classifier-engine';

const AW_EXPORT = {
  categories: [
    { name: ['Work'], rule: { type: 'regex', regex: 'Google Docs|libreoffice|ReText' }, data: { color: '#0F0', score: 10 } },
    { name: ['Work', 'Programming'], rule: { type: 'regex', regex: 'GitHub|Stack Overflow|BitBucket|Gitlab|vim|Spyder|kate|Ghidra|Scite', ignore_case: true }, data: { score: 10 } },
    { name: ['Work', 'Programming', 'ActivityWatch'], rule: { type: 'regex', regex: 'ActivityWatch|aw-', ignore_case: true } },
    { name: ['Media', 'Games'], rule: { type: 'regex', regex: 'Minecraft|RimWorld' }, data: { color: '#0FF', score: -1 } },
    { name: ['Media', 'Video'], rule: { type: 'regex', regex: 'YouTube|Plex|VLC' } },
    { name: ['Media', 'Broken'], rule: { type: 'regex', regex: '(unclosed' } },
    { name: ['Comms'], rule: { type: 'none' } },
    { name: ['Comms', 'IM'], rule: { type: 'regex', regex: '(?i)Messenger|Slack|Discord' }, data: { color: '#0A0', score: 2 } },
    { name: ['Uncategorized'], rule: { type: 'none' } },
  ],
};

describe('importActivityWatchCategories', () => {
  const imported = importActivityWatchCategories(AW_EXPORT);

  it('maps name arrays to slug ids with parents, creating missing ones', () => {
    const byId = new Map(imported.categories.map((c) => [c.id, c]));
    expect([...byId.keys()]).toEqual([
      'work',
      'work:programming',
      'work:programming:activitywatch',
      'media',
      'media:games',
      'media:video',
      'media:broken',
      'comms',
      'comms:im',
      'uncategorized',
    ]);
    expect(byId.get('work:programming:activitywatch')).toMatchObject({ name: 'ActivityWatch', parentId: 'work:programming' });
    expect(byId.get('media')).toMatchObject({ name: 'Media', productive: false });
    expect(byId.get('media')?.parentId).toBeUndefined();
  });

  it('takes productive from score and color from data, else the parent or the default', () => {
    const byId = new Map(imported.categories.map((c) => [c.id, c]));
    expect(byId.get('work')).toMatchObject({ productive: true, color: '#0F0' });
    expect(byId.get('work:programming')).toMatchObject({ productive: true, color: '#0F0' });
    expect(byId.get('media:games')).toMatchObject({ productive: false, color: '#0FF' });
    expect(byId.get('media:video')).toMatchObject({ productive: false, color: AW_DEFAULT_COLOR });
    expect(byId.get('comms:im')).toMatchObject({ productive: true, color: '#0A0' });
  });

  it('takes only hex colors, which the API accepts, and warns about the others', () => {
    const colors = importActivityWatchCategories({
      categories: [
        { name: ['A'], data: { color: '#00ff0080' } },
        { name: ['A', 'B'], data: { color: 'red; } body { display: none' } },
        { name: ['C'], data: { color: 'rgb(1, 2, 3)' } },
      ],
    });
    expect(colors.categories.map((c) => [c.id, c.color])).toEqual([
      ['a', '#00ff00'],
      ['a:b', '#00ff00'],
      ['c', AW_DEFAULT_COLOR],
    ]);
    expect(colors.warnings).toEqual([
      'Category "A > B": color "red; } body { display: none" is not a hex color like #1E88E5; it takes its parent\'s (#9E9E9E at the top)',
      'Category "C": color "rgb(1, 2, 3)" is not a hex color like #1E88E5; it takes its parent\'s (#9E9E9E at the top)',
    ]);
  });

  it('turns regex rules into title-regex rules matching title and app, deeper first', () => {
    expect(imported.rules.find((r) => r.id === 'aw:work:programming')).toEqual({
      id: 'aw:work:programming',
      kind: 'title-regex',
      pattern: 'GitHub|Stack Overflow|BitBucket|Gitlab|vim|Spyder|kate|Ghidra|Scite',
      categoryId: 'work:programming',
      priority: 1,
      matchApp: true,
    });
    expect(imported.rules.find((r) => r.id === 'aw:comms:im')?.pattern).toBe('Messenger|Slack|Discord');
    expect(imported.rules.map((r) => r.id)).not.toContain('aw:comms');
  });

  it('reports an invalid regex as a warning and keeps the category', () => {
    expect(imported.warnings.filter((w) => !w.includes('case-insensitively'))).toEqual([expect.stringMatching(/Media > Broken.*Unterminated group.*rule skipped/)]);
    expect(imported.rules.map((r) => r.id)).not.toContain('aw:media:broken');
    expect(imported.categories.map((c) => c.id)).toContain('media:broken');
  });

  it('produces a ruleset the engine accepts and that classifies like ActivityWatch', () => {
    const engine = new ClassifierEngine({ version: 1, categories: imported.categories, rules: imported.rules });
    expect(engine.classify({ app: 'firefox', title: 'ActivityWatch/aw-server: pull request' })?.categoryId).toBe(
      'work:programming:activitywatch',
    );
    expect(engine.classify({ app: 'firefox', title: 'my repo · GitHub' })?.categoryId).toBe('work:programming');
    expect(engine.classify({ app: 'vim', title: 'notes.txt' })?.categoryId).toBe('work:programming');
    expect(engine.classify({ app: 'Slack', title: 'general' })?.categoryId).toBe('comms:im');
    expect(engine.classify({ app: 'firefox', title: 'Cats - YouTube' })?.path).toEqual(['Media', 'Video']);
    expect(engine.ancestors('work:programming:activitywatch')).toEqual(['work', 'work:programming', 'work:programming:activitywatch']);
  });

  it('accepts a bare array and the aw-server "classes" form', () => {
    const entries = [{ name: ['Solo'], rule: { type: 'regex', regex: 'solo' } }];
    expect(importActivityWatchCategories(entries).categories.map((c) => c.id)).toEqual(['solo']);
    expect(importActivityWatchCategories({ classes: entries }).rules).toHaveLength(1);
  });

  it('warns of each regex ActivityWatch matches case-sensitively (ignore_case unset, its default, or false): here it matches in any case', () => {
    // Only an explicit ignore_case: false was reported; unset, as in most exports, "Go" silently matched "google".
    const caseWarnings = imported.warnings.filter((w) => w.includes('case-insensitively'));
    expect(caseWarnings).toEqual([
      'Category "Work": ActivityWatch matches its regex case-sensitively (ignore_case not set); it will be matched case-insensitively here',
      'Category "Media > Games": ActivityWatch matches its regex case-sensitively (ignore_case not set); it will be matched case-insensitively here',
      'Category "Media > Video": ActivityWatch matches its regex case-sensitively (ignore_case not set); it will be matched case-insensitively here',
    ]);
    const result = importActivityWatchCategories([
      { name: ['Go'], rule: { type: 'regex', regex: 'Go' } },
      { name: ['Off'], rule: { type: 'regex', regex: 'Off', ignore_case: false } },
      { name: ['Digits'], rule: { type: 'regex', regex: '\\d{4}-\\d+' } },
      { name: ['Flag'], rule: { type: 'regex', regex: '(?i)Slack' } },
      { name: ['On'], rule: { type: 'regex', regex: 'Slack', ignore_case: true } },
    ]);
    expect(result.warnings).toEqual([
      'Category "Go": ActivityWatch matches its regex case-sensitively (ignore_case not set); it will be matched case-insensitively here',
      'Category "Off": ActivityWatch matches its regex case-sensitively (ignore_case false); it will be matched case-insensitively here',
    ]);
  });

  it('never throws on malformed input', () => {
    expect(importActivityWatchCategories(null).warnings).toHaveLength(1);
    expect(importActivityWatchCategories({ foo: 1 }).categories).toEqual([]);
    const result = importActivityWatchCategories([
      42,
      { name: [] },
      { name: ['***'] },
      { name: ['Ok'], rule: { type: 'regex' } },
      { name: ['Ok2'], rule: { type: 'glob', glob: '*' } },
      { name: ['Case'], rule: { type: 'regex', regex: 'X', ignore_case: false } },
      { name: ['ok'], rule: { type: 'none' } },
    ]);
    expect(result.categories.map((c) => c.id)).toEqual(['ok', 'ok2', 'case']);
    expect(result.warnings).toEqual([
      expect.stringMatching(/#0/),
      expect.stringMatching(/#1/),
      expect.stringMatching(/#2/),
      expect.stringMatching(/"Ok".*without a regex/),
      expect.stringMatching(/"Ok2".*unsupported rule type "glob"/),
      expect.stringMatching(/"Case".*case-insensitively/),
      expect.stringMatching(/"ok".*same id "ok"/),
    ]);
  });

  it('lets an explicit parent listed after its child replace the implicit one', () => {
    const result = importActivityWatchCategories([
      { name: ['A', 'B'], rule: { type: 'none' } },
      { name: ['A'], rule: { type: 'none' }, data: { color: '#123', score: 1 } },
    ]);
    expect(result.categories).toEqual([
      { id: 'a', name: 'A', color: '#123', productive: true },
      { id: 'a:b', name: 'B', parentId: 'a', color: '#123', productive: false },
    ]);
  });
});

describe('slugify', () => {
  it.each([
    ['Work', 'work'],
    ['Social Media', 'social-media'],
    ['  C++ / C#  ', 'c-c'],
    ['Café', 'café'],
    ['a.b/c$d:e', 'a-b-c-d-e'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
