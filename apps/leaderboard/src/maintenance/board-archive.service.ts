import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { BoardRef, BoundedPeriodType, PeriodCalendar, ScoredEntry, SortedBoard } from '@lib/leaderboard-core';
import { ArchivedBoardRepository } from '@lib/persistence';
import { BoardKeys } from '../boards/board-keys';
import { BoardMaintenanceStore } from '../boards/board-maintenance.store';
import { LeaseCheck, LeaseLostError } from './lease.service';

const DAY_MS = 86_400_000;
const ARCHIVED_PERIODS: BoundedPeriodType[] = ['day', 'week', 'month'];

export interface ArchiveReport {
  /** Boards moved (or folded again, after late events) into the Mongo archive. */
  archived: string[];
  failed: Array<{ board: string; error: string }>;
}

/**
 * Moves the boards of periods that ended more than ARCHIVE_AFTER_DAYS ago from Redis to the
 * `archived_boards` collection: set the live board aside (atomic RENAME), merge it with the
 * board's previous archive generation if any, write the new generation in chunks, read it back
 * and compare, then switch readers to it and drop the Redis copy in one atomic script. Run by
 * one instance at a time (maintenance lease), which checks it still holds the lease before each
 * board and each write (`lease`).
 */
@Injectable()
export class BoardArchiveService {
  private readonly logger = new Logger('BoardArchive');
  private readonly calendar: PeriodCalendar;

  constructor(
    private readonly maintenance: BoardMaintenanceStore,
    private readonly archive: ArchivedBoardRepository,
    private readonly keys: BoardKeys,
    private readonly config: AppConfig,
  ) {
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
  }

  async archiveDue(nowMs = Date.now(), lease?: LeaseCheck): Promise<ArchiveReport> {
    const horizon = nowMs - this.config.ARCHIVE_AFTER_DAYS * DAY_MS;
    const report: ArchiveReport = { archived: [], failed: [] };
    for (const period of ARCHIVED_PERIODS) {
      for (const ref of await this.maintenance.indexed(period)) {
        const key = this.keys.live(ref);
        try {
          if (this.calendar.periodEnd(period, ref.periodKey) > horizon) continue;
          if (await this.archiveBoard(ref, lease)) report.archived.push(key);
        } catch (error) {
          // The whole run stops: its lease's new holder archives the rest.
          if (error instanceof LeaseLostError) throw error;
          // One bad board must not stop the others; Redis keeps it until a later run succeeds.
          report.failed.push({ board: key, error: (error as Error).message });
          this.logger.error({ msg: 'archiving a board failed', board: key, err: String(error) });
        }
      }
    }
    if (report.archived.length + report.failed.length > 0) this.logger.log({ msg: 'archive run', archived: report.archived.length, failed: report.failed.length });
    return report;
  }

  /** Returns false when there was nothing in Redis to archive. */
  async archiveBoard(ref: BoardRef, lease?: LeaseCheck): Promise<boolean> {
    lease?.assertHeld();
    const { generation, pending } = await this.maintenance.beginArchive(ref);
    if (!pending) {
      await this.maintenance.forgetIfAbsent(ref);
      return false;
    }
    const copy = await this.maintenance.readArchiving(ref);
    const previous = generation === undefined ? [] : await this.archive.readGeneration(ref, generation);
    if (previous === undefined) {
      throw new Error(`archive generation ${generation} of ${this.keys.live(ref)} is missing in Mongo; rebuild this period`);
    }
    const entries = SortedBoard.merge(previous, copy).all();
    const next = (generation ?? 0) + 1;
    lease?.assertHeld();
    await this.archive.writeGeneration(ref, next, entries);
    const readBack = await this.archive.readGeneration(ref, next);
    if (!sameEntries(readBack, entries)) {
      throw new Error(`generation ${next} of ${this.keys.live(ref)} did not read back as written; the board stays in Redis`);
    }
    lease?.assertHeld();
    await this.maintenance.commitArchive(ref, next);
    if (generation !== undefined) await this.archive.deleteGeneration(ref, generation);
    return true;
  }
}

function sameEntries(a: readonly ScoredEntry[] | undefined, b: readonly ScoredEntry[]): boolean {
  return a !== undefined && a.length === b.length && a.every((e, i) => e.userId === b[i].userId && e.score === b[i].score);
}
