import { getIntrospectionQuery, parse } from 'graphql';
import { MAX_RESPONSE_NAME_REPEATS, MAX_SELECTIONS, unmergeableSelections } from './selection-merging';

describe('unmergeableSelections', () => {
  it("takes what clients send: introspection, 20 aliased boards, repeats a fragment brings, a field's repeats with their subselections", () => {
    const boards = Array.from({ length: 20 }, (_, i) => `b${i}: leaderboard(board: "total", period: "day") { board periodKey entries { rank userId score } hasMore nextCursor __typename }`).join(' ');
    for (const query of [
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }),
      `{ ${boards} }`,
      'query ($b: String!) { leaderboard(board: $b) { entries { rank } ...E } } fragment E on Leaderboard { __typename entries { userId rank } }',
      'mutation { submitEvents(events: [{ userId: "u", app: "Code", startedAt: "2026-11-21T10:00:00Z", durationSec: 60 }]) { accepted } }',
    ]) {
      expect(unmergeableSelections(parse(query))).toBeUndefined();
    }
  });

  it('refuses a response name asked for with other arguments or as another field at its first repeat, inside fragments too', () => {
    const conflicting = `{ ${Array.from({ length: 2200 }, (_, i) => `event(eventId: "${i % 2}") { app }`).join(' ')} }`;
    expect(unmergeableSelections(parse(conflicting))).toBe(
      '"event" is asked for as event(eventId:"0") and as event(eventId:"1") in one selection set: one response name is one field with one set of arguments (use an alias for the other)',
    );
    const inFragments = `{ ...A ...B } fragment A on Query { x: event(eventId: "a") { app } } fragment B on Query { x: categories { id } }`;
    expect(unmergeableSelections(parse(inFragments))).toMatch(/^"x" is asked for as event\(eventId:"a"\) and as categories\(\)/);
    const nested = `{ leaderboard(board: "total") { entries { rank } } leaderboard(board: "total") { entries: hasMore } }`;
    expect(unmergeableSelections(parse(nested))).toMatch(/^"entries" is asked for as entries\(\) and as hasMore\(\)/);
  });

  it('refuses a response name repeated past its limit, and documents past the selection limit, fragments counted where spread', () => {
    expect(unmergeableSelections(parse(`{ ${'__typename '.repeat(MAX_RESPONSE_NAME_REPEATS + 1)}}`))).toBeUndefined();
    expect(unmergeableSelections(parse(`{ ${'__typename '.repeat(MAX_RESPONSE_NAME_REPEATS + 2)}}`))).toBe(`"__typename" is asked for more than ${MAX_RESPONSE_NAME_REPEATS} times in one selection set: ask for it once`);
    const many = `{ ${Array.from({ length: MAX_SELECTIONS + 1 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(unmergeableSelections(parse(many))).toBe(`the operation asks for more than ${MAX_SELECTIONS} fields and fragments (counting each fragment where it is spread): ask for fewer`);
    // Each fragment spreads the next twice: 2^20 selections where spread, 41 written.
    const doubling = `{ ...F0 } ${Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ... on Query { ...F${i + 1} } }`).join(' ')} fragment F20 on Query { __typename }`;
    expect(unmergeableSelections(parse(doubling))).toBeUndefined();
  });
});
