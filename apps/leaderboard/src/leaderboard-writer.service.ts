import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { ClassifiedEnvelope } from '@lib/contracts';
import { aggregateIncrements, BoardIncrements, BoardRef, PeriodCalendar } from '@lib/leaderboard-core';
import { AppliedEnvelopeRepository, StartedEnvelopeRepository, UsageLog, UsageLogRepository } from '@lib/persistence';
import { LeaderboardStore } from './boards/leaderboard.store';
import { BoardChangesPublisher } from './live/board-changes.publisher';

/** An envelope's logs after step 1: all of them, those this call inserted, and whether another attempt (earlier or running alongside) may have stored some. */
export interface StoredEnvelope {
  envelopeId: string;
  logs: UsageLog[];
  insertedLogs: UsageLog[];
  otherAttempt: boolean;
}

/** An envelope not applied yet, with the logs that count for it. */
export interface PendingEnvelope {
  envelopeId: string;
  logs: UsageLog[];
}

/**
 * The exactly-once effect (DESIGN.md): 0. record the envelopes as started, 1. insert usage logs
 * (event id = primary key), 2. skip envelopes already applied, 3. apply each envelope's
 * increments once through the Redis marker script, 4. record the envelope as applied, and let
 * its marker expire (it had none until then). Only then does the caller ack. A crash anywhere redoes the steps after it harmlessly. The steps are
 * public so tests can stop between them (0 and 1 are one: storeLogs).
 */
@Injectable()
export class LeaderboardWriterService {
  private readonly calendar: PeriodCalendar;

  constructor(
    private readonly usageLogs: UsageLogRepository,
    private readonly startedEnvelopes: StartedEnvelopeRepository,
    private readonly appliedEnvelopes: AppliedEnvelopeRepository,
    private readonly store: LeaderboardStore,
    private readonly changes: BoardChangesPublisher,
    config: AppConfig,
  ) {
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
  }

  /**
   * Runs the steps, announcing the changed boards to live views as soon as the increments are in
   * Redis (step 3): step 4 guards a redelivery, not what a reader sees, so live views do not wait
   * for its round trips (and a redelivery after a failure there announces again, harmlessly).
   * `redelivered`: envelopes JetStream delivers again, which an attempt from before
   * started_envelopes existed may have begun.
   */
  async write(envelopes: ClassifiedEnvelope[], redelivered: ReadonlySet<string> = new Set()): Promise<void> {
    const stored = await this.storeLogs(envelopes, redelivered);
    const pending = await this.pendingEnvelopes(stored);
    this.changes.publish(await this.applyIncrements(pending));
    await this.markApplied(pending);
    // Every envelope of the batch is recorded as applied now, this time or before.
    await this.store.expireMarkers(envelopes.map((envelope) => envelope.id));
  }

  /**
   * Steps 0 and 1. Step 0 records the envelopes as started before any log is inserted, so a later
   * attempt knows whether logs under an envelope's id can exist. Step 1: one unordered insertMany
   * for the whole batch; duplicates (stored before) are skipped. An event id may travel in two
   * envelopes of the same batch: only its first copy is inserted, under the first envelope.
   * A first attempt that met duplicates asks whether another attempt began meanwhile (JetStream
   * redelivered the envelope to another instance while this one still wrote it): their inserts
   * may have split its logs, and counting only its own share lost the other's (it applies first,
   * its marker then stops the other attempt).
   */
  async storeLogs(envelopes: ClassifiedEnvelope[], redelivered: ReadonlySet<string> = new Set()): Promise<StoredEnvelope[]> {
    const storedAt = new Date();
    const logsByEnvelope = new Map(envelopes.map((envelope) => [envelope.id, envelope.events.map((e) => toUsageLog(envelope.id, e, storedAt))]));
    const startedBefore = await this.startedEnvelopes.recordStarts([...logsByEnvelope.keys()]);
    const seen = new Set<string>();
    const firstCopies = new Map<string, UsageLog[]>();
    for (const [envelopeId, logs] of logsByEnvelope) {
      const own: UsageLog[] = [];
      for (const log of logs) {
        if (seen.has(log._id)) continue;
        seen.add(log._id);
        own.push(log);
      }
      firstCopies.set(envelopeId, own);
    }
    const inserted = await this.usageLogs.insertNew([...firstCopies.values()].flat());
    const stored = [...logsByEnvelope].map(([envelopeId, logs]) => ({
      envelopeId,
      logs,
      insertedLogs: firstCopies.get(envelopeId)!.filter((log) => inserted.has(log._id)),
      otherAttempt: startedBefore.has(envelopeId) || redelivered.has(envelopeId),
    }));
    const unsure = stored.filter((s) => !s.otherAttempt && s.insertedLogs.length < s.logs.length).map((s) => s.envelopeId);
    const startedAgain = await this.startedEnvelopes.startedAgainAmong(unsure);
    return stored.map((s) => (startedAgain.has(s.envelopeId) ? { ...s, otherAttempt: true } : s));
  }

  /**
   * Step 2: the envelopes not applied yet, each with the logs that count for it. An envelope that
   * inserted all its logs now, or that no other attempt started, counts what it inserted now
   * (its other events were stored by other envelopes and count there): the common paths read no
   * usage logs (on FerretDB every such read scans the whole collection; a re-imported file made
   * one scan per envelope). Only an envelope another attempt may have begun is looked up; after
   * this attempt's insert every log of the envelope is stored, whichever attempt stored it.
   */
  async pendingEnvelopes(stored: StoredEnvelope[]): Promise<PendingEnvelope[]> {
    const mayHaveStoredEarlier = stored.filter((s) => s.otherAttempt && s.insertedLogs.length < s.logs.length);
    const applied = await this.appliedEnvelopes.appliedAmong(mayHaveStoredEarlier.map((s) => s.envelopeId));
    // One query for all of the batch's redeliveries: the logs stored under their ids, now or earlier.
    const storedEarlier = await this.usageLogs.findByEnvelopes(mayHaveStoredEarlier.filter((s) => !applied.has(s.envelopeId)).map((s) => s.envelopeId));
    return stored
      .filter((s) => !applied.has(s.envelopeId))
      .map(({ envelopeId, insertedLogs }) => ({ envelopeId, logs: storedEarlier.get(envelopeId) ?? insertedLogs }));
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
