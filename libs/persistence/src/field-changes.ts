import { changedFields } from '@lib/classifier-engine';

/**
 * The update that writes what `next` changes from `previous` in `fields`, and nothing else: a
 * field `next` lacks (undefined or null) is removed. Writing only the changes keeps a concurrent
 * change of other fields, which writing every field as read undid (two PATCHes at once, one
 * lost without a word).
 */
export function fieldChanges<T extends object>(previous: T, next: T, fields: ReadonlyArray<keyof T & string>): { $set: Record<string, unknown>; $unset?: Record<string, ''> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const field of changedFields(previous, next, fields)) {
    const value = next[field];
    if (value === undefined || value === null) $unset[field] = '';
    else $set[field] = value;
  }
  return Object.keys($unset).length > 0 ? { $set, $unset } : { $set };
}
