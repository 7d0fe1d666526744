import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, ValidationContext } from 'graphql';
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

/** Every validation rule the gateway adds to GraphQL's own, over HTTP and WebSocket alike. */
export const GRAPHQL_VALIDATION_RULES = [...GRAPHQL_LIMITS, ArgumentValueErrorsRule];

/**
 * graphql-js stops validating an operation whose fields or fragments repeat so often that
 * checking them would take too long, with nothing but "Validation aborted.": said here what it is.
 */
export function explainedValidationMessage(message: string): string {
  return message === 'Validation aborted.' ? 'the operation repeats fields or fragments too many times to be validated: ask for each once' : message;
}
