import { addScores } from './board-score';
import { BoardRef } from './board-key';
import { BoardIncrements } from './increment-aggregator';
import { PeriodCalendar } from './period-calendar';
import { PeriodType } from './period-math';

/** A board recomputed from usage logs: seconds per user. */
export interface ComputedBoard extends BoardRef {
  scores: Map<string, number>;
}

interface OpenPeriod {
  endMs: number;
  boards: Map<string, ComputedBoard>;
}

/**
 * Sums increments into whole boards while usage logs stream by in time slices, and hands out
 * the boards of each period as soon as the stream has passed its end (nothing that starts
 * later can count in it), so memory holds only the periods still open, plus all-time.
 */
export class BoardAccumulator {
  private readonly periods = new Map<string, OpenPeriod>();

  constructor(private readonly calendar: PeriodCalendar, private readonly wants: (period: PeriodType, periodKey: string) => boolean) {}

  add(groups: readonly BoardIncrements[]): void {
    for (const { board, period, periodKey, userIds, seconds } of groups) {
      const id = `${period} ${periodKey}`;
      let open = this.periods.get(id);
      if (open === undefined) {
        if (!this.wants(period, periodKey)) continue;
        const endMs = period === 'all' ? Number.POSITIVE_INFINITY : this.calendar.periodEnd(period, periodKey);
        this.periods.set(id, (open = { endMs, boards: new Map() }));
      }
      let computed = open.boards.get(board);
      if (computed === undefined) open.boards.set(board, (computed = { board, period, periodKey, scores: new Map() }));
      for (let i = 0; i < userIds.length; i++) computed.scores.set(userIds[i], addScores(computed.scores.get(userIds[i]) ?? 0, seconds[i]));
    }
  }

  /** Removes and returns the boards of every period that ends at or before `ms`. */
  takeEndedBy(ms: number): ComputedBoard[] {
    const ended: ComputedBoard[] = [];
    for (const [id, open] of this.periods) {
      if (open.endMs > ms) continue;
      ended.push(...open.boards.values());
      this.periods.delete(id);
    }
    return ended;
  }

  /** Removes and returns everything still held (the end of the stream). */
  takeAll(): ComputedBoard[] {
    return this.takeEndedBy(Number.POSITIVE_INFINITY);
  }
}
