import { findRuleConflicts } from './rule-conflicts';
import { RuleDef } from './ruleset.types';

describe('findRuleConflicts', () => {
  it('reports the same normalized pattern mapped to two categories', () => {
    const rules: RuleDef[] = [
      { id: 'a', kind: 'app', pattern: 'Code.exe', categoryId: 'work' },
      { id: 'b', kind: 'app', pattern: ' code ', categoryId: 'fun' },
      { id: 'c', kind: 'app', pattern: 'vim', categoryId: 'work' },
    ];
    expect(findRuleConflicts(rules)).toEqual([
      { kind: 'app', pattern: 'code', ruleIds: ['a', 'b'], categoryIds: ['fun', 'work'], resolvedByPrecedence: false },
    ]);
  });

  it('normalizes domain patterns (www, scheme, case, wildcard, trailing slash)', () => {
    const rules: RuleDef[] = [
      { id: 'a', kind: 'domain', pattern: 'https://www.Example.com/Docs/', categoryId: 'work' },
      { id: 'b', kind: 'domain', pattern: '*.example.com/docs', categoryId: 'fun' },
      { id: 'c', kind: 'domain', pattern: 'example.com', categoryId: 'personal' },
    ];
    expect(findRuleConflicts(rules)).toEqual([
      expect.objectContaining({ kind: 'domain', pattern: 'example.com/docs', ruleIds: ['a', 'b'] }),
    ]);
  });

  it('reads title regexes as they match, case-insensitively', () => {
    const rules: RuleDef[] = [
      { id: 'a', kind: 'title-regex', pattern: 'JIRA-\\d+', categoryId: 'work' },
      { id: 'b', kind: 'title-regex', pattern: 'jira-\\d+', categoryId: 'fun' },
      { id: 'c', kind: 'title-regex', pattern: '\\W+jira', categoryId: 'fun' },
      { id: 'd', kind: 'title-regex', pattern: '\\w+jira', categoryId: 'work' },
    ];
    expect(findRuleConflicts(rules)).toEqual([{ kind: 'title-regex', pattern: 'JIRA-\\d+', ruleIds: ['a', 'b'], categoryIds: ['fun', 'work'], resolvedByPrecedence: false }]);
  });

  it('ignores duplicates that agree on the category', () => {
    const rules: RuleDef[] = [
      { id: 'a', kind: 'title-keyword', pattern: 'GitHub', categoryId: 'work' },
      { id: 'b', kind: 'title-keyword', pattern: 'github', categoryId: 'work' },
    ];
    expect(findRuleConflicts(rules)).toEqual([]);
  });

  it('keeps kinds and appFilters apart', () => {
    const rules: RuleDef[] = [
      { id: 'a', kind: 'title-keyword', pattern: 'meeting', categoryId: 'meetings', appFilter: 'teams' },
      { id: 'b', kind: 'title-keyword', pattern: 'meeting', categoryId: 'work' },
      { id: 'c', kind: 'app', pattern: 'meeting', categoryId: 'fun' },
      { id: 'd', kind: 'title-regex', pattern: 'meeting', categoryId: 'personal' },
      { id: 'e', kind: 'title-keyword', pattern: 'Meeting', categoryId: 'fun', appFilter: 'Teams.exe' },
    ];
    expect(findRuleConflicts(rules)).toEqual([
      { kind: 'title-keyword', pattern: 'meeting', appFilter: 'teams', ruleIds: ['a', 'e'], categoryIds: ['fun', 'meetings'], resolvedByPrecedence: false },
    ]);
  });

  it('still reports a conflict that an override resolves, flagged as resolved', () => {
    const rules: RuleDef[] = [
      { id: 'default', kind: 'domain', pattern: 'youtube.com', categoryId: 'video' },
      { id: 'mine', kind: 'domain', pattern: 'youtube.com', categoryId: 'research', override: true },
    ];
    expect(findRuleConflicts(rules)).toEqual([expect.objectContaining({ ruleIds: ['default', 'mine'], resolvedByPrecedence: true })]);
  });

  it('flags conflicts at the same precedence level as unresolved', () => {
    const rules: RuleDef[] = [
      { id: 'a', kind: 'app', pattern: 'x', categoryId: 'one', priority: 2 },
      { id: 'b', kind: 'app', pattern: 'x', categoryId: 'two', priority: 2 },
      { id: 'c', kind: 'app', pattern: 'x', categoryId: 'three', priority: 1 },
    ];
    expect(findRuleConflicts(rules)[0]).toMatchObject({ ruleIds: ['a', 'b', 'c'], resolvedByPrecedence: false });
  });

  it('skips malformed rules instead of throwing', () => {
    const rules = [{ id: 'x', kind: 'nope', pattern: 1, categoryId: 'a' }] as unknown as RuleDef[];
    expect(findRuleConflicts(rules)).toEqual([]);
  });
});
