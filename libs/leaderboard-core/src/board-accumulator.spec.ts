import { LATEST_STREAM_START_MS, MAX_DURATION_SEC } from '@lib/contracts';
import { aggregateIncrements, BoardAccumulator, ComputedBoard, PeriodCalendar } from '@lib/leaderboard-core';

const utc = new PeriodCalendar('UTC');
const at = (iso: string) => Date.parse(iso);
const flat = (boards: ComputedBoard[]) =>
  boards.map((b) => `${b.board} ${b.period} ${b.periodKey} ${[...b.scores].map(([u, s]) => `${u}=${s}`).join(',')}`).sort();

describe('BoardAccumulator', () => {
  const u2 = { userId: 'u2', startedAtMs: at('2026-11-30T10:00:00Z'), durationSec: 60, boards: ['total'] };
  const increments = aggregateIncrements([{ userId: 'u1', startedAtMs: at('2026-11-29T23:30:00Z'), durationSec: 3600, boards: ['work', 'total'] }, u2], utc);

  it('sums increments per board and releases each period once the stream passed its end', () => {
    const acc = new BoardAccumulator(utc, () => true);
    acc.add(increments);
    acc.add(aggregateIncrements([u2], utc));
    expect(flat(acc.takeEndedBy(at('2026-11-30T00:00:00Z')))).toEqual(['total day 2026-11-29 u1=1800', 'work day 2026-11-29 u1=1800', 'total week 2026-W48 u1=1800', 'work week 2026-W48 u1=1800'].sort());
    expect(acc.takeEndedBy(at('2026-11-30T00:00:00Z'))).toEqual([]);
    expect(flat(acc.takeEndedBy(at('2026-12-01T00:00:00Z')))).toEqual(
      ['total day 2026-11-30 u1=1800,u2=120', 'work day 2026-11-30 u1=1800', 'total month 2026-11 u1=3600,u2=120', 'work month 2026-11 u1=3600'].sort(),
    );
    expect(flat(acc.takeAll())).toEqual(['total all all u1=3600,u2=120', 'total week 2026-W49 u1=1800,u2=120', 'work all all u1=3600', 'work week 2026-W49 u1=1800'].sort());
  });

  it('sums batches to the millisecond, whatever way the logs are batched (as the live board does)', () => {
    const log = (hour: number, durationSec: number) => ({ userId: 'x', startedAtMs: at(`2026-11-30T${String(hour).padStart(2, '0')}:00:00Z`), durationSec, boards: ['total'] });
    const acc = new BoardAccumulator(utc, (period) => period === 'day');
    acc.add(aggregateIncrements([log(9, 0.1)], utc));
    acc.add(aggregateIncrements([log(10, 0.2)], utc));
    expect(flat(acc.takeAll())).toEqual(['total day 2026-11-30 x=0.3']);
  });

  it.each(['Pacific/Kiritimati', 'UTC', 'Etc/GMT+12'])('places an activity of the latest start the streams take, lasting a day, in %s', (zone) => {
    // Before, a start of 9999-12-31T23:59:59.999Z passed the streams' schema, and verify and rebuild
    // stopped at its board of the day "10000-01-01": Invalid day key.
    const calendar = new PeriodCalendar(zone);
    const acc = new BoardAccumulator(calendar, () => true);
    acc.add(aggregateIncrements([{ userId: 'u', startedAtMs: LATEST_STREAM_START_MS, durationSec: MAX_DURATION_SEC, boards: ['total'] }], calendar));
    const keys = acc.takeAll().map((b) => b.periodKey);
    expect(keys).toContain('9999-12');
    expect(keys.filter((key) => !/^(9999-|all$)/.test(key))).toEqual([]);
  });

  it('keeps only the periods it is asked for', () => {
    const acc = new BoardAccumulator(utc, (period, key) => period === 'day' && key === '2026-11-30');
    acc.add(increments);
    expect(flat(acc.takeAll())).toEqual(['total day 2026-11-30 u1=1800,u2=60', 'work day 2026-11-30 u1=1800']);
  });
});
