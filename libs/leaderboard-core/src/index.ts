export { PERIOD_TYPES, isValidIsoDate, parsePeriodType } from './period-math';
export type { PeriodKeys, PeriodType } from './period-math';
export { PeriodCalendar } from './period-calendar';
export type { ActivityPiece, BoundedPeriodType } from './period-calendar';
export { aggregateIncrements, boardKey } from './increment-aggregator';
export type { ActivityForScoring, BoardIncrement } from './increment-aggregator';
export { competitionRanks, rankPage } from './ranking';
export type { RankedEntry, ScoredEntry } from './ranking';
