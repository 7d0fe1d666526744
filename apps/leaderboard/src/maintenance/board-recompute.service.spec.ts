import { loadConfig } from '@lib/config';
import { ComputedBoard, SortedBoard } from '@lib/leaderboard-core';
import { ArchivedBoardRepository, UsageLog, UsageLogRepository } from '@lib/persistence';
import { BoardKeys } from '../boards/board-keys';
import { BoardMaintenanceStore } from '../boards/board-maintenance.store';
import { BoardReader } from '../boards/board-reader.service';
import { BoardChangesPublisher } from '../live/board-changes.publisher';
import { CountedEnvelopes } from '../boards/counted-envelopes.service';
import { BoardRecomputeService } from './board-recompute.service';

type StoredLog = Pick<UsageLog, 'userId' | 'startedAt' | 'durationSec' | 'boards'>;

const DAY_MS = 86_400_000;
const at = (iso: string) => new Date(iso);
const LOGS: StoredLog[] = [
  { userId: 'ana', startedAt: at('2026-03-01T23:30:00Z'), durationSec: 3600, boards: ['total'] }, // half into 03-02
  { userId: 'ana', startedAt: at('2026-03-02T10:00:00Z'), durationSec: 600, boards: ['total', 'work'] },
  { userId: 'ben', startedAt: at('2026-03-02T12:00:00Z'), durationSec: 60, boards: ['total'] },
  { userId: 'ben', startedAt: at('2026-03-20T08:00:00Z'), durationSec: 120, boards: ['total'] },
  { userId: 'cy', startedAt: at('2026-04-15T08:00:00Z'), durationSec: 30, boards: ['work'] },
];

/** The recompute service over in-memory usage logs, with Redis and the archive holding no board. */
function recomputeOver(logs: StoredLog[], rangeScanReadsWholeCollection: boolean) {
  const scans: Array<[string, string]> = [];
  const usageLogs = {
    rangeScanReadsWholeCollection: async () => rangeScanReadsWholeCollection,
    async *scanStartedBetween(fromMs: number, toMs: number) {
      scans.push([new Date(fromMs).toISOString(), new Date(toMs).toISOString()]);
      yield* logs.filter((l) => l.startedAt.getTime() >= fromMs && l.startedAt.getTime() < toMs);
    },
    countStartedBetween: async () => logs.length,
    startedAtBounds: async () => ({ firstMs: Math.min(...logs.map((l) => l.startedAt.getTime())), lastMs: Math.max(...logs.map((l) => l.startedAt.getTime())) }),
  } as unknown as UsageLogRepository;
  const maintenance = { indexed: async () => [], archived: async () => [] } as unknown as BoardMaintenanceStore;
  const reader = { whole: async () => SortedBoard.merge() } as unknown as BoardReader;
  const config = loadConfig({});
  const service = new BoardRecomputeService(usageLogs, maintenance, reader, {} as ArchivedBoardRepository, {} as CountedEnvelopes, new BoardKeys(config), {} as BoardChangesPublisher, config);
  return { service, scans };
}

async function collect(boards: AsyncIterable<ComputedBoard>): Promise<string[]> {
  const lines: string[] = [];
  for await (const b of boards) lines.push(`${b.board} ${b.period} ${b.periodKey} ${JSON.stringify([...b.scores].sort())}`);
  return lines.sort();
}

describe('BoardRecomputeService', () => {
  it('verifies a day with one scan per day where an index serves the range', async () => {
    const { service, scans } = recomputeOver(LOGS, false);
    const report = await service.verify({ from: '2026-03-02', to: '2026-03-02', periods: ['day'] });
    // The day before is read too: an activity started then can run into the day.
    expect(scans).toEqual([
      ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
      ['2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
    ]);
    expect(report).toMatchObject({ boards: 2, driftEntries: 3 }); // total: ana 2400, ben 60; work: ana 600 (the boards are empty)
  });

  it('verifies the same day with a single scan where every scan reads the whole collection', async () => {
    const { service, scans } = recomputeOver(LOGS, true);
    const report = await service.verify({ from: '2026-03-02', to: '2026-03-02', periods: ['day'] });
    expect(scans).toEqual([['2026-03-01T00:00:00.000Z', '2026-03-03T00:00:00.000Z']]);
    expect(report).toMatchObject({ boards: 2, driftEntries: 3 });
  });

  it('computes the same boards either way, reading a month per scan on a whole-collection server', async () => {
    const perDay = recomputeOver(LOGS, false);
    const perMonth = recomputeOver(LOGS, true);
    const expected = await collect(perDay.service.recompute({}));
    expect(await collect(perMonth.service.recompute({}))).toEqual(expected);
    expect(expected).toContain('total day 2026-03-02 [["ana",2400],["ben",60]]');
    expect(expected).toContain('total all all [["ana",4200],["ben",180]]');
    const spanDays = (LOGS[4].startedAt.getTime() + 1 - LOGS[0].startedAt.getTime()) / DAY_MS;
    expect(perDay.scans).toHaveLength(Math.ceil(spanDays)); // 45 days
    expect(perMonth.scans).toHaveLength(Math.ceil(spanDays / 31)); // 2
  });
});
