import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { GRAPHQL_VALIDATION_RULES } from './graphql-limits';

const schema = buildSchema(`
  input KeyInput { name: String!, scopes: [String!]! }
  input EventInput { app: String!, durationSec: Float! }
  type Query { leaderboard(board: String!, limit: Int, offset: Int): String, keys(input: KeyInput!): String, submit(events: [EventInput!]!): String }
`);

/** The errors a client gets for `query`, as the gateway validates it (HTTP and WebSocket alike). */
function errorsOf(query: string) {
  return validate(schema, parse(query), [...specifiedRules, ...GRAPHQL_VALIDATION_RULES]).map((error) => ({ message: error.message, field: error.extensions.field }));
}

describe('ArgumentValueErrorsRule', () => {
  it('names the argument whose literal its type cannot represent', () => {
    expect(errorsOf('{ leaderboard(board: "total", limit: 20, offset: 99999999999) }')).toEqual([
      { message: 'Argument "offset" of "leaderboard": Int cannot represent non 32-bit signed integer value: 99999999999', field: 'offset' },
    ]);
    expect(errorsOf('{ leaderboard(board: 5, limit: "ten") }')).toEqual([
      { message: 'Argument "board" of "leaderboard": String cannot represent a non string value: 5', field: 'board' },
      { message: 'Argument "limit" of "leaderboard": Int cannot represent non-integer value: "ten"', field: 'limit' },
    ]);
  });

  it('names the input field and list item inside an argument', () => {
    expect(errorsOf('{ keys(input: { name: "n", scopes: ["read", 7] }) }')).toEqual([
      { message: 'Argument "input.scopes[1]" of "keys": String cannot represent a non string value: 7', field: 'input.scopes[1]' },
    ]);
    expect(errorsOf('{ keys(input: { scopes: [] }) }')).toEqual([
      // The field lacking, as REST names it: `input` alone left the client to read the message.
      { message: 'Argument "input" of "keys": Field "KeyInput.name" of required type "String!" was not provided.', field: 'input.name' },
    ]);
    expect(errorsOf('{ submit(events: [{ app: "a", durationSec: 1 }, { durationSec: true }]) }')).toEqual([
      { message: 'Argument "events[1]" of "submit": Field "EventInput.app" of required type "String!" was not provided.', field: 'events[1].app' },
      { message: 'Argument "events[1].durationSec" of "submit": Float cannot represent non numeric value: true', field: 'events[1].durationSec' },
    ]);
  });

  it('names an input field an object should not have', () => {
    expect(errorsOf('{ keys(input: { name: "n", scopes: [], bogus: 1 }) }')).toEqual([
      { message: 'Argument "input" of "keys": Field "bogus" is not defined by type "KeyInput".', field: 'input.bogus' },
    ]);
  });

  it('leaves errors outside argument values as graphql words them', () => {
    expect(errorsOf('{ leaderboard(board: "total", limt: 3) }')).toEqual([
      { message: 'Unknown argument "limt" on field "Query.leaderboard". Did you mean "limit"?', field: undefined },
    ]);
    expect(errorsOf('{ leaderboard }')).toEqual([
      { message: 'Field "leaderboard" argument "board" of type "String!" is required, but it was not provided.', field: undefined },
    ]);
    expect(errorsOf('{ leaderboard(board: "a") @include(if: "yes") }')).toEqual([
      { message: 'Argument "if" of directive "@include": Boolean cannot represent a non boolean value: "yes"', field: 'if' },
    ]);
  });
});
