import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { ClassifiedEnvelope } from '@lib/contracts';
import { aggregateIncrements, BoardIncrements, BoardRef, PeriodCalendar } from '@lib/leaderboard-core';
import { AppliedEnvelopeRepository, UsageLog, UsageLogRepository } from '@lib/persistence';
import { LeaderboardStore } from './boards/leaderboard.store';
import { BoardChangesPublisher } from './live/board-changes.publisher';

/** An envelope's logs after step 1, and whether this call inserted all of them (first delivery). */
export interface StoredEnvelope {
  envelopeId: string;
  logs: UsageLog[];
  firstDelivery: boolean;
}

/** An envelope not applied yet, with the logs that count for it. */
export interface PendingEnvelope {
  envelopeId: string;
  logs: UsageLog[];
}

/**
 * The exactly-once effect (DESIGN.md): 1. insert usage logs (event id = primary key), 2. skip
 * envelopes already applied, 3. apply each envelope's increments once through the Redis marker
 * script, 4. record the envelope as applied. Only then does the caller ack. A crash anywhere
 * redoes the steps after it harmlessly. The steps are public so tests can stop between them.
 */
@Injectable()
export class LeaderboardWriterService {
  private readonly calendar: PeriodCalendar;

  constructor(
    private readonly usageLogs: UsageLogRepository,
    private readonly appliedEnvelopes: AppliedEnvelopeRepository,
    private readonly store: LeaderboardStore,
    private readonly changes: BoardChangesPublisher,
    config: AppConfig,
  ) {
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
  }

  /** Runs the four steps, then announces the changed boards to live views. */
  async write(envelopes: ClassifiedEnvelope[]): Promise<void> {
    const stored = await this.storeLogs(envelopes);
    const pending = await this.pendingEnvelopes(stored);
    const changed = await this.applyIncrements(pending);
    await this.markApplied(pending);
    this.changes.publish(changed);
  }

  /**
   * Step 1: one unordered insertMany for the whole batch; duplicates (stored before) are skipped.
   * An event id may travel in two envelopes of the same batch: only its first copy is inserted,
   * and the envelope carrying a later copy is not a first delivery (it counts only the logs
   * stored under its own id), so the event counts once.
   */
  async storeLogs(envelopes: ClassifiedEnvelope[]): Promise<StoredEnvelope[]> {
    const storedAt = new Date();
    const logsByEnvelope = new Map(envelopes.map((envelope) => [envelope.id, envelope.events.map((e) => toUsageLog(envelope.id, e, storedAt))]));
    const seen = new Set<string>();
    const firstCopies: UsageLog[] = [];
    const onlyFirstCopies = new Map<string, boolean>();
    for (const [envelopeId, logs] of logsByEnvelope) {
      let allFirst = true;
      for (const log of logs) {
        if (seen.has(log._id)) allFirst = false;
        else {
          seen.add(log._id);
          firstCopies.push(log);
        }
      }
      onlyFirstCopies.set(envelopeId, allFirst);
    }
    const inserted = await this.usageLogs.insertNew(firstCopies);
    return [...logsByEnvelope].map(([envelopeId, logs]) => ({
      envelopeId,
      logs,
      firstDelivery: onlyFirstCopies.get(envelopeId)! && logs.every((l) => inserted.has(l._id)),
    }));
  }

  /**
   * Step 2: the envelopes not applied yet, each with its own logs. A first delivery cannot have
   * been applied (its logs did not exist before step 1), so only the others are looked up: the
   * common path reads nothing from Mongo.
   */
  async pendingEnvelopes(stored: StoredEnvelope[]): Promise<PendingEnvelope[]> {
    const applied = await this.appliedEnvelopes.appliedAmong(stored.filter((s) => !s.firstDelivery).map((s) => s.envelopeId));
    const unapplied = stored.filter((s) => !applied.has(s.envelopeId));
    // A redelivery counts the logs stored under its envelope earlier; events first stored by
    // another envelope count there, not here. One query for all of the batch's redeliveries.
    const storedEarlier = await this.usageLogs.findByEnvelopes(unapplied.filter((s) => !s.firstDelivery).map((s) => s.envelopeId));
    return unapplied.map(({ envelopeId, logs, firstDelivery }) => ({ envelopeId, logs: firstDelivery ? logs : storedEarlier.get(envelopeId)! }));
  }

  /**
   * Step 3: usually one script call with the batch's summed increments; when an envelope's
   * marker exists (its increments reached Redis before a crash), a second call applies the
   * others envelope by envelope. Returns the boards that changed (one aggregation holds each
   * board and period once).
   */
  async applyIncrements(pending: PendingEnvelope[]): Promise<BoardRef[]> {
    const all = this.increments(pending.flatMap((p) => p.logs));
    if (!(await this.store.applyAllOnce(pending.map((p) => p.envelopeId), all))) {
      await this.store.applyEachOnce(pending.map(({ envelopeId, logs }) => ({ envelopeId, increments: this.increments(logs) })));
    }
    return all.map(({ board, period, periodKey }) => ({ board, period, periodKey }));
  }

  /** Step 4: after this, a redelivery stops at step 2. */
  markApplied(pending: PendingEnvelope[]): Promise<void> {
    return this.appliedEnvelopes.markApplied(pending.map((p) => p.envelopeId));
  }

  private increments(logs: UsageLog[]): BoardIncrements[] {
    return aggregateIncrements(
      logs.map((l) => ({ userId: l.userId, startedAtMs: l.startedAt.getTime(), durationSec: l.durationSec, boards: l.boards })),
      this.calendar,
    );
  }
}

function toUsageLog(envelopeId: string, event: ClassifiedEnvelope['events'][number], storedAt: Date): UsageLog {
  const log: UsageLog = {
    _id: event.eventId,
    envelopeId,
    userId: event.userId,
    app: event.app,
    startedAt: new Date(event.startedAtMs),
    durationSec: event.durationSec,
    categoryId: event.classification.categoryId,
    boards: event.boards,
    classification: {
      source: event.classification.source,
      confidence: event.classification.confidence,
      rulesetVersion: event.classification.rulesetVersion,
      ...(event.classification.ruleId ? { ruleId: event.classification.ruleId } : {}),
    },
    storedAt,
  };
  if (event.title !== undefined) log.title = event.title;
  if (event.url !== undefined) log.url = event.url;
  if (event.source !== undefined) log.source = event.source;
  return log;
}
