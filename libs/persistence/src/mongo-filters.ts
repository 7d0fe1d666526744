/**
 * `{ _id: id }` with the id forced to a string, for every filter on an id (alone, or spread into a
 * filter with more fields). A plain string cannot carry an operator (what `{ $eq: … }` does for
 * other fields), and it is the one filter FerretDB's SQLite backend hands
 * to SQLite. `_id: { $eq }` and `_id: { $in }` are not (its explain says `filterPushdown: false`):
 * it decodes every document of the collection in its own process to answer them (measured on
 * 100,000 usage logs: 1.1 s for a plain `_id`, 15–17 s for filters it does not push down).
 * Even pushed down it is a table scan: FerretDB 1.24 filters on `->'$._id'` while its `_id` index
 * is on `->"_id"`, so SQLite's plan reads `SCAN` (explain, 2026-11-24; 19 ms per lookup among
 * 20,000 two-field documents, 370 ms among 50,000 usage logs). Cheaper than decoding, still O(n).
 */
export function byId(id: string): { _id: string } {
  return { _id: String(id) };
}
