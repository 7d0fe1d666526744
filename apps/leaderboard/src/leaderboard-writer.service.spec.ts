import { loadConfig } from '@lib/config';
import { ClassifiedEnvelope } from '@lib/contracts';
import { BoardRef } from '@lib/leaderboard-core';
import { AppliedEnvelopeRepository, StartedEnvelopeRepository, UsageLog, UsageLogRepository } from '@lib/persistence';
import { LeaderboardStore } from './boards/leaderboard.store';
import { LeaderboardWriterService } from './leaderboard-writer.service';
import { BoardChangesPublisher } from './live/board-changes.publisher';

const envelope: ClassifiedEnvelope = {
  id: 'env-1',
  lane: 'live',
  events: [
    {
      eventId: 'e1',
      userId: 'ada',
      app: 'code',
      startedAtMs: Date.parse('2026-11-25T10:00:00Z'),
      durationSec: 60,
      classification: { categoryId: 'work:programming', source: 'rule', confidence: 1, rulesetVersion: 1, ruleId: 'app:code' },
      boards: ['work:programming', 'work', 'productive', 'total'],
    },
  ],
};

describe('LeaderboardWriterService.write', () => {
  it('announces the changed boards once the increments are in, before the steps that only guard a redelivery (and even when one fails)', async () => {
    const steps: string[] = [];
    const usageLogs = { insertNew: async (logs: UsageLog[]) => new Set(logs.map((l) => l._id)), findByEnvelopes: async () => new Map() } as unknown as UsageLogRepository;
    const started = { recordStarts: async () => new Set<string>(), startedAgainAmong: async () => new Set<string>() } as unknown as StartedEnvelopeRepository;
    const applied = {
      appliedAmong: async () => new Set<string>(),
      markApplied: async () => {
        steps.push('markApplied');
        throw new Error('mongo down');
      },
    } as unknown as AppliedEnvelopeRepository;
    const store = {
      applyAllOnce: async () => (steps.push('increments'), true),
      expireMarkers: async () => void steps.push('expireMarkers'),
    } as unknown as LeaderboardStore;
    const announced: BoardRef[][] = [];
    const changes = { publish: (boards: BoardRef[]) => (steps.push('publish'), announced.push(boards)) } as unknown as BoardChangesPublisher;
    const writer = new LeaderboardWriterService(usageLogs, started, applied, store, changes, loadConfig({}));

    await expect(writer.write([envelope])).rejects.toThrow('mongo down');
    expect(steps).toEqual(['increments', 'publish', 'markApplied']);
    expect(announced[0].map((b) => `${b.board}/${b.period}`).sort()).toEqual(
      ['productive', 'total', 'work', 'work:programming'].flatMap((board) => ['all', 'day', 'month', 'week'].map((period) => `${board}/${period}`)).sort(),
    );
  });
});
