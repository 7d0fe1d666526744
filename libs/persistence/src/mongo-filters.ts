/**
 * `{ _id: id }` with the id forced to a string, for every filter on an id (alone, or spread into a
 * filter with more fields). A plain string cannot carry an operator (what `{ $eq: … }` does for
 * other fields), and it is the one filter FerretDB's SQLite backend hands
 * to SQLite. `_id: { $eq }` and `_id: { $in }` are not (its explain says `filterPushdown: false`):
 * it decodes every document of the collection in its own process to answer them (measured on
 * 100,000 usage logs: 1.1 s for a plain `_id`, 15–17 s for filters it does not push down).
 */
export function byId(id: string): { _id: string } {
  return { _id: String(id) };
}
