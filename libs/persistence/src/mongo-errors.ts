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
