import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { byId } from '../mongo-filters';
import { ArchivedBoard, ArchivedEntry } from './archived-board.schema';

export interface ArchivedBoardRef {
  board: string;
  period: string;
  periodKey: string;
}

/** Entries per document: ~0.5 MB each, far below the 16 MB document limit. */
export const ARCHIVE_CHUNK_ENTRIES = 10_000;

/**
 * Chunks are addressed by their `_id` (board, period, key, generation, chunk), never by a
 * filter on the other fields: FerretDB answers primary-key lookups without scanning a
 * collection of large documents. Chunk 0 is written first and holds the chunk count.
 */
@Injectable()
export class ArchivedBoardRepository {
  constructor(@InjectModel(ArchivedBoard.name) private readonly model: Model<ArchivedBoard>) {}

  /** Writes one generation (entries sorted desc), replacing what a crashed earlier attempt left of it. */
  async writeGeneration(ref: ArchivedBoardRef, generation: number, entries: readonly ArchivedEntry[], chunkSize = ARCHIVE_CHUNK_ENTRIES): Promise<void> {
    await this.deleteGeneration(ref, generation);
    const chunks = Math.max(1, Math.ceil(entries.length / chunkSize));
    const archivedAt = new Date();
    for (let chunk = 0; chunk < chunks; chunk++) {
      // One chunk per request keeps requests small; FerretDB handles big batches poorly.
      await this.model.collection.insertOne({
        _id: chunkId(ref, generation, chunk) as never,
        ...ref,
        generation,
        chunk,
        chunks,
        entryCount: entries.length,
        entries: entries.slice(chunk * chunkSize, (chunk + 1) * chunkSize).map(({ userId, score }) => ({ userId, score })),
        archivedAt,
      });
    }
  }

  /** The entries of one generation, or undefined when it is missing or incomplete. */
  async readGeneration(ref: ArchivedBoardRef, generation: number): Promise<ArchivedEntry[] | undefined> {
    const first = await this.chunk(ref, generation, 0, { chunks: 1, entryCount: 1, entries: 1 });
    if (!first) return undefined;
    const rest = await Promise.all(Array.from({ length: first.chunks - 1 }, (_, i) => this.chunk(ref, generation, i + 1, { entries: 1 })));
    if (rest.some((c) => !c)) return undefined;
    const entries = [first, ...rest].flatMap((c) => c!.entries as ArchivedEntry[]);
    return entries.length === first.entryCount ? entries : undefined;
  }

  async deleteGeneration(ref: ArchivedBoardRef, generation: number): Promise<void> {
    const first = await this.chunk(ref, generation, 0, { chunks: 1 });
    if (!first) return;
    for (let chunk = first.chunks - 1; chunk >= 0; chunk--) await this.model.collection.deleteOne(byId(chunkId(ref, generation, chunk)) as never);
  }

  /**
   * Deletes every generation but those `read` (the ones the boards' archive references name);
   * returns how many went. Reads the first chunk of every generation (a filter on a field other
   * than `_id`, which FerretDB answers by reading the collection): for a full rebuild only, which
   * leaves no reference but those, where a Redis that lost its data left generations nothing reads.
   */
  async deleteAllBut(read: ReadonlyArray<ArchivedBoardRef & { generation: number }>): Promise<number> {
    const kept = new Set(read.map((ref) => chunkId(ref, ref.generation, 0)));
    const firsts = await this.model.collection
      .find<ArchivedBoardRef & { _id: string; generation: number }>({ chunk: 0 }, { projection: { board: 1, period: 1, periodKey: 1, generation: 1 } })
      .toArray();
    const unread = firsts.filter((first) => !kept.has(first._id));
    for (const first of unread) await this.deleteGeneration(first, first.generation);
    return unread.length;
  }

  private chunk(ref: ArchivedBoardRef, generation: number, chunk: number, projection: Record<string, 1>) {
    return this.model.collection.findOne<{ chunks: number; entryCount: number; entries: ArchivedEntry[] }>(byId(chunkId(ref, generation, chunk)) as never, { projection });
  }
}

function chunkId(ref: ArchivedBoardRef, generation: number, chunk: number): string {
  return `${ref.board}|${ref.period}|${ref.periodKey}|${generation}|${chunk}`;
}
