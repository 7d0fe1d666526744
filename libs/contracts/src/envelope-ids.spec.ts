import { envelopeParts, MAX_ENVELOPE_ID_LENGTH, outputEnvelopeId, shortDigest, splitEnvelopeId } from './envelope-ids';

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

describe('shortDigest', () => {
  it('is the head of the URL-safe SHA-256 digest, the same as the ids already stored were built from', () => {
    expect(shortDigest('a\u0000b', 12)).toBe('WbJxrhu8sdMd');
    expect(shortDigest('a\u0000b', 40)).toBe('WbJxrhu8sdMdQZKYF_Sxb7Q5608xUgta0dXOmJIK');
  });
});

describe('outputEnvelopeId', () => {
  it('appends the suffix, and stands a digest in for an input id too long to take it', () => {
    expect(outputEnvelopeId('b-1', 'inferred')).toBe('b-1:inferred');
    const long = outputEnvelopeId('x'.repeat(MAX_ENVELOPE_ID_LENGTH), 'inferred');
    expect(long).toMatch(/^h-[\w-]{32}:inferred$/);
    expect(outputEnvelopeId('x'.repeat(MAX_ENVELOPE_ID_LENGTH), 'inferred')).toBe(long);
    expect(outputEnvelopeId(`${'x'.repeat(MAX_ENVELOPE_ID_LENGTH - 1)}y`, 'inferred')).not.toBe(long);
    expect(splitEnvelopeId(long, 'classified', [{ eventId: 'a' }]).length).toBeLessThanOrEqual(MAX_ENVELOPE_ID_LENGTH);
  });
});

describe('envelopeParts', () => {
  const event = (i: number) => ({ eventId: `e${i}`, title: 'x'.repeat(1000) });

  it('keeps events that fit in one part, and splits the others in order into parts that fit', () => {
    const events = Array.from({ length: 10 }, (_, i) => event(i));
    expect(envelopeParts(events)).toEqual([events]);
    const parts = envelopeParts(events, 4 * 1024);
    expect(parts.flat()).toEqual(events);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(JSON.stringify({ id: 'b-1', lane: 'live', events: part }))).toBeLessThanOrEqual(4 * 1024);
  });

  it('gives an event larger than a part a part of its own', () => {
    expect(envelopeParts([event(1), { eventId: 'big', title: 'x'.repeat(5000) }, event(2)], 4 * 1024).map((p) => p.map((e) => e.eventId))).toEqual([['e1'], ['big'], ['e2']]);
  });
});
