import type { ApolloServerPlugin } from '@apollo/server';
import { ASTNode, DocumentNode, Kind, visit } from 'graphql';
import { inputFieldAtFault } from './argument-value-errors.rule';

/**
 * graphql-js' refusals of a variable's value: `Variable "$e" got invalid value 17 at "e[0].startedAt"; …`,
 * `Variable "$l" of required type "Int!" was not provided.`, `Variable "$l" of non-null type "Int!" must not be null.`
 * Groups: the variable's name, and the path inside its value when one is given.
 */
const VARIABLE_ERROR = /^Variable "\$([_A-Za-z]\w*)" (?:got invalid value [\s\S]*? at "[_A-Za-z]\w*((?:\[\d+\]|\.[_A-Za-z]\w*)*)"; |got invalid value |of (?:required|non-null) type )/;

/**
 * The argument a variable's refusal is about, as the literal's would name it (ArgumentValueErrorsRule):
 * `events[0].startedAt` for `submitEvents(events: $e)` and `$e[0].startedAt`; undefined when the
 * message is no variable's refusal or the variable is not an argument's value in `document`.
 */
export function variableErrorField(message: string, document: DocumentNode): string | undefined {
  const refusal = VARIABLE_ERROR.exec(message);
  if (!refusal) return undefined;
  const [, variable, inside = ''] = refusal;
  const where = argumentPathOf(document, variable);
  if (where === undefined) return undefined;
  // An input field unknown or missing is refused at its object's path: the field is the one at fault.
  const inputField = inputFieldAtFault(message.slice(refusal[0].length));
  return where + inside + (inputField === undefined ? '' : `.${inputField}`);
}

/** The first place `$variable` is an argument's value (or inside one): `limit`, `input.scopes[1]`. */
function argumentPathOf(document: DocumentNode, variable: string): string | undefined {
  const path: string[] = [];
  let found: string | undefined;
  visit(document, {
    enter(node: ASTNode, key) {
      if (node.kind === Kind.ARGUMENT) path.push(node.name.value);
      else if (node.kind === Kind.OBJECT_FIELD) path.push(`.${node.name.value}`);
      // An item of a list value: its parent is the list's array of values.
      else if (path.length > 0 && typeof key === 'number') path.push(`[${key}]`);
      if (node.kind === Kind.VARIABLE && node.name.value === variable && path.length > 0 && found === undefined) found = path.join('');
    },
    leave(node: ASTNode, key) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD || (path.length > 0 && typeof key === 'number')) path.pop();
    },
  });
  return found;
}

/**
 * A variable's value refused by graphql-js names the variable in its message only: a client that
 * sends variables (most do) got no `field`, where the same value written in the query has one
 * (`field: "events[0].startedAt"`, as REST's 400s). This adds it, naming the argument.
 */
export const variableErrorsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, document }) {
        if (response.body.kind !== 'single' || !document || !response.body.singleResult.errors) return;
        response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
          const field = error.extensions?.field === undefined ? variableErrorField(error.message, document) : undefined;
          return field === undefined ? error : { ...error, extensions: { ...error.extensions, field } };
        });
      },
    };
  },
};
