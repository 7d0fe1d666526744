import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { GRAPHQL_VALIDATION_RULES } from './graphql-limits';

const schema = buildSchema('type Node { child: Node, name: String } type Query { node: Node }');

const messagesOf = (query: string) => validate(schema, parse(query), [...specifiedRules, ...GRAPHQL_VALIDATION_RULES]).map((error) => error.message);

describe('GRAPHQL_LIMITS', () => {
  it('refuses a query past the depth or alias limit saying which limit, not calling it a syntax error', () => {
    let deep = 'name';
    for (let i = 0; i < 14; i++) deep = `child { ${deep} }`;
    expect(messagesOf(`{ node { ${deep} } }`)).toEqual(['Query depth limit of 12 exceeded, found 16.']);
    const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: node { name }`).join(' ');
    expect(messagesOf(`{ ${aliases} }`)).toEqual(['Aliases limit of 20 exceeded, found 25.']);
  });

  it('answers __schema once per request, under aliases or fragments as well, and __type as often as asked', () => {
    // 20 aliased __schema were ~1 MB of answer and ~170 ms of the gateway's thread, for anyone without a key.
    const refusal = '__schema may be asked once per request: the whole schema is the same each time';
    expect(messagesOf('{ a: __schema { queryType { name } } b: __schema { queryType { name } } }')).toEqual([refusal]);
    expect(messagesOf('{ ...s a: __schema { queryType { name } } } fragment s on Query { __schema { types { name } } }')).toEqual([refusal]);
    expect(messagesOf('{ __schema { queryType { name } } a: __type(name: "Node") { name } b: __type(name: "Query") { name } }')).toEqual([]);
  });
});
