import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { MAX_DURATION_SEC } from '@lib/contracts';
import {
  ActivityForScoring,
  aggregateIncrements,
  BoardAccumulator,
  BoardRef,
  boardDrift,
  BoundedPeriodType,
  ComputedBoard,
  DriftEntry,
  PeriodCalendar,
  periodsCoveringDates,
  PERIOD_TYPES,
  PeriodType,
  PeriodWindow,
} from '@lib/leaderboard-core';
import { ArchivedBoardRepository, ScannedUsageLog, UsageLogRepository } from '@lib/persistence';
import { BoardKeys } from '../boards/board-keys';
import { CountedEnvelopes } from '../boards/counted-envelopes.service';
import { BoardMaintenanceStore } from '../boards/board-maintenance.store';
import { BoardReader } from '../boards/board-reader.service';
import { BoardChangesPublisher } from '../live/board-changes.publisher';
import { LeaseCheck } from './lease.service';

/**
 * Which boards to recompute. With from/to: every day, week and month containing a date of the
 * range, each recomputed from ALL usage logs of that period (a week straddling `from` is read
 * whole); all-time is out of reach of a window. Without: every period of every log, all-time too.
 */
export interface RecomputeScope {
  from?: string;
  to?: string;
  /** Default: every period type the scope can cover. */
  periods?: PeriodType[];
}

export interface RecomputeProgress {
  /** Usage logs to read (known once the scan range is). */
  total(logs: number): void;
  advance(logs: number): void;
}

export interface BoardDrift extends BoardRef {
  drift: DriftEntry[];
}

export interface VerifyReport {
  boards: number;
  /** Entries (board, period, user) whose score differs from the usage logs. */
  driftEntries: number;
  drifted: BoardDrift[];
}

export interface RebuildReport {
  boards: number;
  entries: number;
}

const SLICE_MS = 86_400_000;
/**
 * The slice where every range scan reads the whole collection (FerretDB on SQLite): one scan per
 * month of logs instead of one per day. The daily verify (yesterday, plus the day before for
 * activities running into it) becomes one scan instead of two; a year's rebuild 12 instead of 365.
 */
const WHOLE_COLLECTION_SLICE_MS = 31 * SLICE_MS;
const AGGREGATE_BATCH = 5000;

/**
 * Recomputes boards from the usage logs (the source of truth), streaming the logs in slices of
 * their start time (a day, or a month where each scan reads the whole collection anyway) and
 * aggregating them with the writer's own aggregateIncrements; a period's boards are finished as
 * soon as the stream passes its end. `verify` compares them with what Redis and the archive
 * serve; `rebuild` replaces them.
 */
@Injectable()
export class BoardRecomputeService {
  private readonly calendar: PeriodCalendar;

  constructor(
    private readonly usageLogs: UsageLogRepository,
    private readonly maintenance: BoardMaintenanceStore,
    private readonly reader: BoardReader,
    private readonly archive: ArchivedBoardRepository,
    private readonly counted: CountedEnvelopes,
    private readonly keys: BoardKeys,
    private readonly changes: BoardChangesPublisher,
    config: AppConfig,
  ) {
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
  }

  async verify(scope: RecomputeScope, progress?: RecomputeProgress): Promise<VerifyReport> {
    const report: VerifyReport = { boards: 0, driftEntries: 0, drifted: [] };
    for await (const computed of this.recompute(scope, progress)) {
      report.boards++;
      const drift = boardDrift(computed.scores, (await this.reader.whole(computed)).all());
      if (drift.length === 0) continue;
      report.driftEntries += drift.length;
      report.drifted.push({ board: computed.board, period: computed.period, periodKey: computed.periodKey, drift });
    }
    return report;
  }

  /**
   * Not safe while writers apply increments to the same periods: stop the leaderboard app first. Checks `lease` before each board it replaces.
   * Announces each replaced board as the writer does, or live views went on showing the board from before.
   * Counts the logs of the envelopes whose increments reached the boards only (CountedEnvelopes): the others' messages still wait
   * to be written (a write that failed, e.g. while Redis was away; a dead letter) and count when they are. Until 2026-11-25 it
   * counted every stored log, and those messages counted theirs again: after a Redis that lost its data, twice.
   */
  async rebuild(scope: RecomputeScope, progress?: RecomputeProgress, lease?: LeaseCheck): Promise<RebuildReport> {
    const report: RebuildReport = { boards: 0, entries: 0 };
    for await (const computed of this.recompute(scope, progress, true)) {
      lease?.assertHeld();
      const superseded = await this.maintenance.replaceBoard(computed, computed.scores);
      this.changes.publish([{ board: computed.board, period: computed.period, periodKey: computed.periodKey }]);
      if (superseded !== undefined) await this.archive.deleteGeneration(computed, superseded);
      report.boards++;
      report.entries += computed.scores.size;
    }
    if (coversEveryBoard(scope)) {
      // Generations that no reference names: a Redis that lost its data took theirs, and stayed in Mongo for good.
      await this.archive.deleteAllBut(await this.maintenance.archived());
      await this.maintenance.clearLost();
    }
    return report;
  }

  /**
   * Every board of the scope, recomputed; boards Redis or the archive have but no log backs come out empty. `countedOnly`:
   * from the logs of counted envelopes only (rebuild); verify compares with every stored log, so a log not counted yet shows as drift.
   */
  async *recompute(scope: RecomputeScope, progress?: RecomputeProgress, countedOnly = false): AsyncGenerator<ComputedBoard> {
    const plan = await this.plan(scope);
    const unseen = new Map((await this.existingBoards(plan.wants)).map((ref) => [this.keys.live(ref), ref]));
    const accumulator = new BoardAccumulator(this.calendar, plan.wants);
    const emit = (boards: ComputedBoard[]) => {
      for (const board of boards) unseen.delete(this.keys.live(board));
      return boards;
    };
    if (plan.scan) {
      progress?.total(await this.usageLogs.countStartedBetween(plan.scan.fromMs, plan.scan.toMs));
      const sliceMs = (await this.usageLogs.rangeScanReadsWholeCollection()) ? WHOLE_COLLECTION_SLICE_MS : SLICE_MS;
      for (let sliceStart = plan.scan.fromMs; sliceStart < plan.scan.toMs; sliceStart += sliceMs) {
        const sliceEnd = Math.min(sliceStart + sliceMs, plan.scan.toMs);
        // Asked once per envelope and slice: an envelope holds up to 1,000 logs, mostly of one slice.
        const countedInSlice = new Map<string, boolean>();
        const add = async (logs: ScannedUsageLog[]) => {
          if (countedOnly) {
            const unknown = [...new Set(logs.map((l) => l.envelopeId))].filter((id) => !countedInSlice.has(id));
            const counted = await this.counted.among(unknown);
            for (const id of unknown) countedInSlice.set(id, counted.has(id));
          }
          const activities: ActivityForScoring[] = [];
          for (const log of logs) {
            if (!countedOnly || countedInSlice.get(log.envelopeId)) activities.push({ userId: log.userId, startedAtMs: log.startedAt.getTime(), durationSec: log.durationSec, boards: log.boards });
          }
          accumulator.add(aggregateIncrements(activities, this.calendar));
          progress?.advance(logs.length);
        };
        let batch: ScannedUsageLog[] = [];
        for await (const log of this.usageLogs.scanStartedBetween(sliceStart, sliceEnd)) {
          batch.push(log);
          if (batch.length < AGGREGATE_BATCH) continue;
          await add(batch);
          batch = [];
        }
        await add(batch);
        yield* emit(accumulator.takeEndedBy(sliceEnd));
      }
    }
    yield* emit(accumulator.takeAll());
    for (const ref of unseen.values()) yield { ...ref, scores: new Map() };
  }

  private async plan(scope: RecomputeScope): Promise<{ wants: (period: PeriodType, periodKey: string) => boolean; scan?: { fromMs: number; toMs: number } }> {
    const periods = new Set(scope.periods ?? PERIOD_TYPES);
    const windows = recomputeWindows(scope, this.calendar);
    if (!windows) {
      const bounds = await this.usageLogs.startedAtBounds();
      return { wants: (period) => periods.has(period), scan: bounds && { fromMs: bounds.firstMs, toMs: bounds.lastMs + 1 } };
    }
    const wanted = new Set(windows.map((w) => `${w.period} ${w.periodKey}`));
    return {
      wants: (period, periodKey) => wanted.has(`${period} ${periodKey}`),
      // An activity started up to MAX_DURATION_SEC before a period can still end inside it.
      scan: {
        fromMs: Math.min(...windows.map((w) => w.startMs)) - MAX_DURATION_SEC * 1000,
        toMs: Math.max(...windows.map((w) => w.endMs)),
      },
    };
  }

  private async existingBoards(wants: (period: PeriodType, periodKey: string) => boolean): Promise<BoardRef[]> {
    const live = (await Promise.all(PERIOD_TYPES.map((p) => this.maintenance.indexed(p)))).flat();
    return [...live, ...(await this.maintenance.archived())]
      .filter((ref) => wants(ref.period, ref.periodKey))
      .map(({ board, period, periodKey }) => ({ board, period, periodKey }));
  }
}

/** Whether a scope recomputes every board there is: no date range, every period type. */
export function coversEveryBoard(scope: RecomputeScope): boolean {
  return scope.from === undefined && PERIOD_TYPES.every((p) => scope.periods?.includes(p) ?? true);
}

/**
 * A scope's period windows (undefined: no date range, every period), or a RangeError naming the
 * option at fault. Pure: the CLI checks its options with it before it connects to anything.
 */
export function recomputeWindows(scope: RecomputeScope, calendar: PeriodCalendar): PeriodWindow[] | undefined {
  const unknown = (scope.periods ?? []).filter((p) => !PERIOD_TYPES.includes(p));
  if (unknown.length > 0) throw new RangeError(`--periods must list some of ${PERIOD_TYPES.join(', ')} (unknown: ${unknown.join(', ')})`);
  if ((scope.from === undefined) !== (scope.to === undefined)) throw new RangeError('--from and --to go together: give both or neither');
  if (scope.from === undefined || scope.to === undefined) return undefined;
  if (scope.periods?.includes('all')) throw new RangeError('all-time boards need every usage log: run without --from/--to to verify or rebuild them');
  const bounded = (scope.periods ?? PERIOD_TYPES).filter((p): p is BoundedPeriodType => p !== 'all');
  return periodsCoveringDates(calendar, scope.from, scope.to, bounded);
}
