/**
 * The CSV import format: a header row, then one activity per row. Columns map one to one to
 * the fields of POST /v1/events, so validation stays in one place (the event normalizer).
 */
export const CSV_COLUMNS = {
  event_id: 'eventId',
  user_id: 'userId',
  app: 'app',
  title: 'title',
  url: 'url',
  started_at: 'startedAt',
  duration_sec: 'durationSec',
  source: 'source',
} as const;

type CsvColumn = keyof typeof CSV_COLUMNS;
const REQUIRED: CsvColumn[] = ['app', 'started_at', 'duration_sec'];
const COLUMN_OF_FIELD = new Map<string, string>(Object.entries(CSV_COLUMNS).map(([column, field]) => [field, column]));
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The header's columns, or an error naming what is wrong: unknown columns are refused rather
 * than ignored, so a misspelled `duration` does not silently drop every duration.
 */
export function checkCsvHeader(header: string[], hasDefaultUser: boolean): string | undefined {
  const known = Object.keys(CSV_COLUMNS);
  const unknown = header.filter((c) => !known.includes(c));
  if (unknown.length > 0) return `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} (known: ${known.join(', ')})`;
  const repeated = header.filter((c, i) => header.indexOf(c) !== i);
  if (repeated.length > 0) return `column "${repeated[0]}" appears twice`;
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (!hasDefaultUser && !header.includes('user_id')) missing.unshift('user_id');
  if (missing.length > 0) return `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}${missing.includes('user_id') ? ' (or give userId with the upload)' : ''}`;
  return undefined;
}

/**
 * One row as an event input: empty cells are absent, numbers in started_at (epoch seconds) and
 * duration_sec become numbers; anything else is passed on for ingestion to judge.
 */
export function csvRowToEvent(row: Record<string, string>, defaultUserId: string | undefined): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(CSV_COLUMNS)) {
    const cell = row[column];
    if (cell === undefined || cell === '') continue;
    event[field] = (column === 'started_at' || column === 'duration_sec') && NUMBER.test(cell) ? Number(cell) : cell;
  }
  if (event.userId === undefined && defaultUserId !== undefined) event.userId = defaultUserId;
  return event;
}

/** The CSV column an ingestion rejection names (`durationSec` → `duration_sec`). */
export function csvColumnOf(field: string): string {
  return COLUMN_OF_FIELD.get(field) ?? field;
}
