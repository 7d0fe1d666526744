const DUPLICATE_KEY = 11000;

/**
 * The per-document errors of an unordered bulk insert when every one is a duplicate key (the
 * document was stored before: expected on redelivery), else undefined (a real failure).
 */
export function duplicateKeyErrorsOnly(error: unknown): Array<{ index: number }> | undefined {
  const e = error as { code?: number; writeErrors?: Array<{ index: number; code: number }> | { index: number; code: number } };
  if (!e || typeof e !== 'object') return undefined;
  const list = e.writeErrors === undefined ? [] : Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
  if (list.length === 0) return e.code === DUPLICATE_KEY ? [] : undefined;
  return list.every((w) => w.code === DUPLICATE_KEY) ? list : undefined;
}

interface InsertTarget {
  insertOne(doc: never): Promise<unknown>;
  insertMany(docs: never[], options: { ordered: false }): Promise<unknown>;
}

/** Inserts the document unless one with its `_id` exists: true when this call stored it. */
export async function insertIfAbsent(collection: InsertTarget, doc: object): Promise<boolean> {
  try {
    await collection.insertOne(doc as never);
    return true;
  } catch (error) {
    if (duplicateKeyErrorsOnly(error)) return false;
    throw error;
  }
}

/** Inserts every document whose `_id` is not stored yet (unordered; duplicates are expected). */
export async function insertManyIfAbsent(collection: InsertTarget, docs: object[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await collection.insertMany(docs as never[], { ordered: false });
  } catch (error) {
    if (!duplicateKeyErrorsOnly(error)) throw error;
  }
}

/**
 * Inserts every document whose `_id` is not stored yet (unordered: one duplicate does not stop
 * the rest) and returns the indexes of those that were. Throws on any other failure, and when the
 * server reports duplicates without saying which (then nothing can say what this call stored).
 */
export async function insertManyNew(collection: InsertTarget, docs: object[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await collection.insertMany(docs as never[], { ordered: false });
    return new Set();
  } catch (error) {
    const duplicates = duplicateKeyErrorsOnly(error);
    if (!duplicates || duplicates.length === 0) throw error;
    return new Set(duplicates.map((d) => d.index));
  }
}

/** Inserts every document whose `_id` is not stored yet (unordered) and returns those whose `_id` was. */
export async function insertReturningExisting<T extends object>(collection: InsertTarget, docs: T[]): Promise<T[]> {
  if (docs.length === 0) return [];
  try {
    await collection.insertMany(docs as never[], { ordered: false });
    return [];
  } catch (error) {
    const duplicates = duplicateKeyErrorsOnly(error);
    if (!duplicates) throw error;
    // A bare duplicate-key error (one document) names no index.
    return duplicates.length === 0 ? docs : duplicates.map((d) => docs[d.index]);
  }
}
