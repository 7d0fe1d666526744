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
});
