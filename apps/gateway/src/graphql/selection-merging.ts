import { DocumentNode, FragmentDefinitionNode, Kind, print, SelectionSetNode } from 'graphql';

/** Times one response name may be asked in one selection set, fragments included (Apollo Client adds `__typename` once per fragment). */
export const MAX_RESPONSE_NAME_REPEATS = 16;
/** Selections (fields, fragment spreads, inline fragments) the check visits in all, fragments counted where spread. */
export const MAX_SELECTIONS = 5000;
/** How deep selection sets may nest (the depth limit, 12, is checked later: this only bounds the walk). */
const MAX_NESTING = 32;

/**
 * Why graphql-js would spend too long finding the document's fields that cannot merge, or
 * undefined. Its OverlappingFieldsCanBeMerged rule compares every pair of fields asked under one
 * response name, builds a conflict for each pair whose field or arguments differ, and only then
 * stops at 100 errors: `{ event(eventId: "0") {app} event(eventId: "1") {app} … }` 2,200 times
 * (57 KB, within what a request without a key may send) took 0.4 to 0.9 s of the gateway's one
 * thread, and 20 such requests at once held every other request, ingestion included, for 12 s.
 * This walk is linear: it refuses a response name asked for two different fields or with
 * different arguments at its first repeat (such a document is invalid anyway), more than
 * MAX_RESPONSE_NAME_REPEATS repeats, and documents past MAX_SELECTIONS. The schema has no
 * interfaces or unions, so every field asked under one response name in one selection set merges.
 */
export function unmergeableSelections(document: DocumentNode): string | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const budget = { selections: 0 };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const problem = mergedProblem([definition.selectionSet], fragments, budget, 1);
    if (problem) return problem;
  }
  return undefined;
}

/** The problem of the selection sets that merge into one (a field's, with those of its repeats), then of their fields' own. */
function mergedProblem(sets: SelectionSetNode[], fragments: Map<string, FragmentDefinitionNode>, budget: { selections: number }, depth: number): string | undefined {
  if (depth > MAX_NESTING) return `the operation nests selections deeper than ${MAX_NESTING} levels`;
  const byName = new Map<string, { signature: string; repeats: number; subsets: SelectionSetNode[] }>();
  const spread = new Set<string>();
  // In the document's order, fragments where they are spread: the message names the first field first.
  const pending = [...sets];
  for (let next = 0; next < pending.length; next++) {
    for (const selection of pending[next].selections) {
      if (++budget.selections > MAX_SELECTIONS) return `the operation asks for more than ${MAX_SELECTIONS} fields and fragments (counting each fragment where it is spread): ask for fewer`;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // Each fragment once per selection set: a fragment spreading another twice, and so on, doubled the walk at each level.
        if (fragment && !spread.has(fragment.name.value)) {
          spread.add(fragment.name.value);
          pending.push(fragment.selectionSet);
        }
      } else {
        const responseName = selection.alias?.value ?? selection.name.value;
        const signature = `${selection.name.value}(${(selection.arguments ?? []).map((argument) => `${argument.name.value}:${print(argument.value)}`).sort().join(',')})`;
        const seen = byName.get(responseName);
        if (!seen) {
          byName.set(responseName, { signature, repeats: 0, subsets: selection.selectionSet ? [selection.selectionSet] : [] });
          continue;
        }
        if (seen.signature !== signature) return `"${responseName}" is asked for as ${seen.signature} and as ${signature} in one selection set: one response name is one field with one set of arguments (use an alias for the other)`;
        if (++seen.repeats > MAX_RESPONSE_NAME_REPEATS) return `"${responseName}" is asked for more than ${MAX_RESPONSE_NAME_REPEATS} times in one selection set: ask for it once`;
        if (selection.selectionSet) seen.subsets.push(selection.selectionSet);
      }
    }
  }
  for (const { subsets } of byName.values()) {
    if (subsets.length === 0) continue;
    const problem = mergedProblem(subsets, fragments, budget, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
