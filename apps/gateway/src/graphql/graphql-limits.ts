import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { ASTVisitor, GraphQLError, ValidationContext } from 'graphql';
import { ArgumentValueErrorsRule } from './argument-value-errors.rule';

/**
 * graphql-armor throws by default, which Apollo turns into a 500; report a validation error instead.
 * Its messages begin "Syntax Error:", which told a client whose query parsed well to look for a
 * typo: the limit is said alone ("Query depth limit of 12 exceeded, found 16.").
 */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { nodes: error.nodes, extensions: error.extensions }))],
};

/**
 * Validation rules added to GraphQL's own, for queries over HTTP and subscriptions alike. Our
 * schema has no cycles, but introspection types do: bound what one operation can ask.
 */
export const GRAPHQL_LIMITS = [maxDepthRule({ n: 12, ...reportAsValidationError }), maxAliasesRule({ n: 20, ...reportAsValidationError })];

/**
 * `__schema` once per request: the whole schema is ~1 MB of JSON and ~170 ms of the gateway's one
 * thread when asked 20 times under aliases (measured 2026-11-25), and introspection needs no key,
 * so a few such requests a second from anyone stalled every other request, ingestion included.
 * A client (an IDE, codegen) asks it once.
 */
export function SingleSchemaIntrospectionRule(context: ValidationContext): ASTVisitor {
  let asked = 0;
  return {
    Field(node) {
      if (node.name.value === '__schema' && ++asked === 2) {
        context.reportError(new GraphQLError('__schema may be asked once per request: the whole schema is the same each time', { nodes: node, extensions: { field: '__schema' } }));
      }
    },
  };
}

/** Every validation rule the gateway adds to GraphQL's own, over HTTP and WebSocket alike. */
export const GRAPHQL_VALIDATION_RULES = [...GRAPHQL_LIMITS, SingleSchemaIntrospectionRule, ArgumentValueErrorsRule];

/**
 * graphql-js stops validating an operation whose fields or fragments repeat so often that
 * checking them would take too long, with nothing but "Validation aborted.": said here what it is.
 */
export function explainedValidationMessage(message: string): string {
  return message === 'Validation aborted.' ? 'the operation repeats fields or fragments too many times to be validated: ask for each once' : message;
}
