import { parse } from 'graphql';
import { variableErrorField } from './variable-errors.plugin';

describe('variableErrorField', () => {
  const submit = parse('mutation ($e: [ActivityEventInput!]!, $k: String) { submitEvents(events: $e, idempotencyKey: $k) { accepted } }');

  it('names the argument a refused variable stands for, with the path inside its value', () => {
    expect(variableErrorField('Variable "$e" got invalid value 1795348800 at "e[0].startedAt"; String cannot represent a non string value: 1795348800', submit)).toBe('events[0].startedAt');
    expect(variableErrorField('Variable "$k" got invalid value 5; String cannot represent a non string value: 5', submit)).toBe('idempotencyKey');
    expect(variableErrorField('Variable "$e" of required type "[ActivityEventInput!]!" was not provided.', submit)).toBe('events');
    expect(variableErrorField('Variable "$e" of non-null type "[ActivityEventInput!]!" must not be null.', submit)).toBe('events');
  });

  it('names the input field an object lacks or should not have', () => {
    expect(variableErrorField('Variable "$e" got invalid value { app: "Code", bogus: 1 } at "e[0]"; Field "bogus" is not defined by type "ActivityEventInput".', submit)).toBe('events[0].bogus');
    expect(variableErrorField('Variable "$e" got invalid value { app: "Code" } at "e[0]"; Field "userId" of required type "String!" was not provided.', submit)).toBe('events[0].userId');
  });

  it('follows a variable inside an input object or list written in the query', () => {
    const nested = parse('query ($u: String!, $l: Int) { leaderboardGroup(board: "total", users: ["a", $u]) { board } leaderboard(board: "total", limit: $l) { board } }');
    expect(variableErrorField('Variable "$u" got invalid value 7; String cannot represent a non string value: 7', nested)).toBe('users[1]');
    expect(variableErrorField('Variable "$l" got invalid value "5"; Int cannot represent non-integer value: "5"', nested)).toBe('limit');
  });

  it('leaves other errors, and variables no argument uses, unnamed', () => {
    expect(variableErrorField('Cannot query field "nope" on type "Query".', submit)).toBeUndefined();
    expect(variableErrorField('Variable "$unused" got invalid value 5; Int cannot represent non-integer value: 5', submit)).toBeUndefined();
  });
});
