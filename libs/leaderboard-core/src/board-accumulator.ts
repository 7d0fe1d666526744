import { BoardRef } from './board-key';
import { BoardIncrement } from './increment-aggregator';
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

  add(increments: readonly BoardIncrement[]): void {
    for (const inc of increments) {
      const id = `${inc.period} ${inc.periodKey}`;
      let open = this.periods.get(id);
      if (open === undefined) {
        if (!this.wants(inc.period, inc.periodKey)) continue;
        const endMs = inc.period === 'all' ? Number.POSITIVE_INFINITY : this.calendar.periodEnd(inc.period, inc.periodKey);
        this.periods.set(id, (open = { endMs, boards: new Map() }));
      }
      let board = open.boards.get(inc.board);
      if (board === undefined) {
        open.boards.set(inc.board, (board = { board: inc.board, period: inc.period, periodKey: inc.periodKey, scores: new Map() }));
      }
      board.scores.set(inc.userId, (board.scores.get(inc.userId) ?? 0) + inc.seconds);
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
