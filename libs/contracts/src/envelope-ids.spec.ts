import { splitEnvelopeId } from './envelope-ids';

describe('splitEnvelopeId', () => {
  const a = { eventId: 'a' };
  const x = { eventId: 'x' };

  it('gives the same split of an input the same id, so a redelivery republishes copies', () => {
    expect(splitEnvelopeId('b-1', 'classified', [a, x])).toBe(splitEnvelopeId('b-1', 'classified', [{ eventId: 'a' }, { eventId: 'x' }]));
    expect(splitEnvelopeId('b-1', 'classified', [a])).toMatch(/^b-1:classified:[\w-]{12}$/);
  });

  it('gives another split of the same input, another output or another input another id', () => {
    const ids = new Set([
      splitEnvelopeId('b-1', 'classified', [a]),
      splitEnvelopeId('b-1', 'classified', [a, x]),
      splitEnvelopeId('b-1', 'unclassified', [a]),
      splitEnvelopeId('b-2', 'classified', [a]),
    ]);
    expect(ids.size).toBe(4);
  });
});
