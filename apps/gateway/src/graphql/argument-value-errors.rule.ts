import { ASTNode, ASTVisitor, GraphQLError, Kind, ValidationContext } from 'graphql';

/** What an argument belongs to, as a message names it. */
const OWNERS: Partial<Record<Kind, (node: ASTNode) => string>> = {
  [Kind.FIELD]: (node) => `"${(node as { name: { value: string } }).name.value}"`,
  [Kind.DIRECTIVE]: (node) => `directive "@${(node as { name: { value: string } }).name.value}"`,
};

/**
 * graphql-js reports a literal of the wrong type in its scalar's words, with no word of where it
 * stands: `leaderboard(limit: 99999999999)` was refused with "Int cannot represent non 32-bit
 * signed integer value: 99999999999", and a query of several arguments left the client to guess
 * which one (a variable's error names it: `Variable "$l" got invalid value …`). GraphQL has no
 * hook for these messages, so this rule, run beside graphql's own, follows the argument (and
 * the input field and list index inside it) being visited and rewrites each error reported
 * meanwhile: `Argument "limit" of "leaderboard": Int cannot represent …`, with `field: "limit"` in
 * its extensions as a REST error's `field` (`input.scopes[0]` deeper in an input object).
 */
export function ArgumentValueErrorsRule(context: ValidationContext): ASTVisitor {
  const owners: string[] = [];
  const path: string[] = [];
  // Lists entered, with the path's length then: graphql's rules report an item's error on
  // entering the item, before this rule (the last one) has added its index to the path.
  const lists: { items: readonly ASTNode[]; depth: number }[] = [];
  const report = context.reportError.bind(context);
  context.reportError = (error: GraphQLError) => {
    if (path.length === 0) return report(error);
    const list = lists.at(-1);
    const item = list && list.depth === path.length ? list.items.indexOf(error.nodes?.[0] as ASTNode) : -1;
    report(naming(error, path.join('') + (item >= 0 ? `[${item}]` : ''), owners.at(-1)));
  };
  return {
    enter(node, key) {
      const owner = OWNERS[node.kind]?.(node);
      if (owner !== undefined) owners.push(owner);
      else if (node.kind === Kind.ARGUMENT) path.push(node.name.value);
      else if (node.kind === Kind.OBJECT_FIELD) path.push(`.${node.name.value}`);
      // An item of a list value: its parent is the list's array of values.
      else if (path.length > 0 && typeof key === 'number') path.push(`[${key}]`);
      if (node.kind === Kind.LIST) lists.push({ items: node.values, depth: path.length });
    },
    leave(node, key) {
      if (node.kind === Kind.LIST) lists.pop();
      if (OWNERS[node.kind]) owners.pop();
      else if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD || (path.length > 0 && typeof key === 'number')) path.pop();
    },
  };
}

function naming(error: GraphQLError, path: string, owner: string | undefined): GraphQLError {
  const inputField = inputFieldAtFault(error.message);
  return new GraphQLError(`Argument "${path}"${owner ? ` of ${owner}` : ''}: ${error.message}`, {
    nodes: error.nodes,
    originalError: error.originalError,
    extensions: { ...error.extensions, field: inputField === undefined ? path : `${path}.${inputField}` },
  });
}

/** `Field "bogus" is not defined by type "EventInput".`, `Field "EventInput.app" of required type "String!" was not provided.` */
const INPUT_FIELD_ERROR = /^Field "(?:[_A-Za-z]\w*\.)?([_A-Za-z]\w*)" (?:is not defined by type|of required type)/;

/**
 * The input field a refusal of an input object is about (one it lacks or should not have),
 * reported at the object's place: REST names that field (`events[1].app`), so GraphQL does too.
 */
export function inputFieldAtFault(reason: string): string | undefined {
  return INPUT_FIELD_ERROR.exec(reason)?.[1];
}
