// Throughput of the leaderboard hot path (PeriodCalendar.split + aggregateIncrements), one core.
// Run: npx tsc -p bench/leaderboard-core && npx tsc-alias -p bench/leaderboard-core/tsconfig.json \
//        && node dist/bench-leaderboard-core/bench/leaderboard-core/aggregate.bench.js
import { ActivityForScoring, BoardIncrements, PeriodCalendar, aggregateIncrements } from '@lib/leaderboard-core';

const countIncrements = (groups: BoardIncrements[]) => groups.reduce((n, g) => n + g.userIds.length, 0);

const EVENTS = 1_000_000;
const USERS = 10_000;
const BOARD_SETS = [
  ['work', 'work:programming', 'productive', 'total'],
  ['work', 'work:meetings', 'productive', 'total'],
  ['social', 'social:chat', 'unproductive', 'total'],
  ['entertainment', 'entertainment:video', 'unproductive', 'total'],
];

function makeActivities(): ActivityForScoring[] {
  let seed = 1;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const start = Date.parse('2026-10-23T00:00:00Z'); // spans the Europe/Berlin DST change of 2026-10-25
  const spanMs = 7 * 86_400_000; // a week of traffic in arrival order, so ~1/100 events cross a midnight
  return Array.from({ length: EVENTS }, (_, i) => ({
    userId: `user-${Math.floor(random() * USERS)}`,
    startedAtMs: start + Math.floor((i / EVENTS) * spanMs + random() * 60_000),
    durationSec: 1 + Math.floor(random() * 600),
    boards: BOARD_SETS[i % BOARD_SETS.length],
  }));
}

function run(label: string, activities: ActivityForScoring[], batchSize: number, work: (batch: ActivityForScoring[]) => number): void {
  let outputs = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < activities.length; i += batchSize) outputs += work(activities.slice(i, i + batchSize));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const perSecond = Math.round(activities.length / seconds).toLocaleString('en-US');
  const micros = ((seconds * 1e6) / activities.length).toFixed(2);
  console.log(`${label.padEnd(48)} ${perSecond.padStart(11)} events/s  ${micros} µs/event  (${outputs.toLocaleString('en-US')} outputs)`);
}

const activities = makeActivities();
console.log(`node ${process.version}, ${EVENTS.toLocaleString('en-US')} activities, ${USERS} users, 4 boards each`);
for (const zone of ['UTC', 'Europe/Berlin']) {
  const calendar = new PeriodCalendar(zone);
  run(`warm-up ${zone}`, activities, 1000, (batch) => countIncrements(aggregateIncrements(batch, calendar)));
  run(`split only, ${zone}`, activities, 1000, (batch) => {
    let pieces = 0;
    for (const a of batch) pieces += calendar.split(a.startedAtMs, a.durationSec).length;
    return pieces;
  });
  for (const batchSize of [100, 1000, EVENTS]) {
    run(`aggregateIncrements, ${zone}, batch ${batchSize}`, activities, batchSize, (batch) => countIncrements(aggregateIncrements(batch, calendar)));
  }
}
