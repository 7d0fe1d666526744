import { fieldChanges } from './field-changes';

describe('fieldChanges', () => {
  type Doc = { name: string; color?: string; priority?: number | null; kind: string };
  const fields = ['name', 'color', 'priority', 'kind'] as const;

  it('sets the changed fields and removes the ones gone, leaving the others out', () => {
    expect(fieldChanges<Doc>({ name: 'a', color: '#1', priority: 2, kind: 'app' }, { name: 'b', color: '#1', kind: 'app' }, [...fields])).toEqual({ $set: { name: 'b' }, $unset: { priority: '' } });
    expect(fieldChanges<Doc>({ name: 'a', kind: 'app' }, { name: 'a', kind: 'app', priority: null }, [...fields])).toEqual({ $set: {} });
    expect(fieldChanges<Doc>({ name: 'a', kind: 'app' }, { name: 'a', kind: 'domain', color: '#2' }, [...fields])).toEqual({ $set: { kind: 'domain', color: '#2' } });
  });
});
