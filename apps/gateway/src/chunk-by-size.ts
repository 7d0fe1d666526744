/**
 * Groups items, in order, into chunks of at most `maxBytes` of JSON each, keeping each item's
 * index in the input; an item larger than `maxBytes` alone goes to `oversized` (by index).
 * Requests are cut so, because each chunk must fit one NATS message.
 */
export function chunkBySize<T>(items: readonly T[], maxBytes: number): { chunks: Array<{ indexes: number[]; items: T[] }>; oversized: number[] } {
  const chunks: Array<{ indexes: number[]; items: T[] }> = [];
  const oversized: number[] = [];
  let bytes = Infinity;
  items.forEach((item, index) => {
    const size = Buffer.byteLength(JSON.stringify(item) ?? 'null');
    if (size > maxBytes) return void oversized.push(index);
    if (bytes + size > maxBytes) {
      chunks.push({ indexes: [], items: [] });
      bytes = 0;
    }
    const chunk = chunks[chunks.length - 1];
    chunk.indexes.push(index);
    chunk.items.push(item);
    bytes += size;
  });
  return { chunks, oversized };
}
