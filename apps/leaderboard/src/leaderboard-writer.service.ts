import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { ClassifiedEnvelope } from '@lib/contracts';
import { aggregateIncrements, PeriodCalendar } from '@lib/leaderboard-core';
import { AppliedEnvelopeRepository, UsageLog, UsageLogRepository } from '@lib/persistence';
import { EnvelopeIncrements, LeaderboardStore } from './leaderboard.store';

/**
 * The exactly-once effect (DESIGN.md): 1. insert usage logs (event id = primary key), 2. skip
 * envelopes already applied, 3. apply each envelope's increments once through the Redis marker
 * script, 4. record the envelope as applied. Only then does the caller ack. A crash anywhere
 * redoes the steps after it harmlessly.
 */
@Injectable()
export class LeaderboardWriterService {
  private readonly calendar: PeriodCalendar;

  constructor(
    private readonly usageLogs: UsageLogRepository,
    private readonly appliedEnvelopes: AppliedEnvelopeRepository,
    private readonly store: LeaderboardStore,
    config: AppConfig,
  ) {
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
  }

  async write(envelopes: ClassifiedEnvelope[]): Promise<void> {
    const storedAt = new Date();
    const logsByEnvelope = new Map(envelopes.map((envelope) => [envelope.id, envelope.events.map((e) => toUsageLog(envelope.id, e, storedAt))]));
    const inserted = await this.usageLogs.insertNew([...logsByEnvelope.values()].flat());

    const applied = await this.appliedEnvelopes.appliedAmong([...logsByEnvelope.keys()]);
    const pending: EnvelopeIncrements[] = [];
    for (const [envelopeId, logs] of logsByEnvelope) {
      if (applied.has(envelopeId)) continue;
      // First delivery: exactly the logs inserted now. Otherwise the ones stored under this
      // envelope earlier; events first stored by another envelope count there, not here.
      const own = logs.every((l) => inserted.has(l._id)) ? logs : await this.usageLogs.findByEnvelope(envelopeId);
      const increments = aggregateIncrements(
        own.map((l) => ({ userId: l.userId, startedAtMs: l.startedAt.getTime(), durationSec: l.durationSec, boards: l.boards })),
        this.calendar,
      );
      pending.push({ envelopeId, increments });
    }
    await this.store.applyOnce(pending);
    await this.appliedEnvelopes.markApplied(pending.map((p) => p.envelopeId));
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
