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
const DECIMAL_COMMA = /^-?\d+,\d+$/;
/** A duration as time trackers and spreadsheets write it (Toggl's `1:02:03`): hours, minutes, seconds. */
const CLOCK_DURATION = /^(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)$/;

const UNNAMED_COLUMN = /^\(column \d+\)$/;
export const UNNAMED_VALUE_REASON = 'holds a value, but its column has no name in the header row';

/**
 * The columns of a header row as the rows are read with them: names case-insensitive (`Started_At`),
 * and a column without a name (the trailing separator spreadsheets leave after a formatted empty
 * column) called `(column N)`, its cells to stay empty (see `valueInUnnamedColumn`).
 */
export function csvColumnsOf(header: string[]): string[] {
  return header.map((name, i) => (name === '' ? `(column ${i + 1})` : name.toLowerCase()));
}

export const REPEATED_HEADER_REASON = 'repeats the header row (files joined together?), so it is no activity';

/** A row that is the header again (`cat jan.csv feb.csv`): named as such rather than by its first cell that is no valid value. */
export function isRepeatedHeader(record: Record<string, string>): boolean {
  const named = Object.keys(record).filter((column) => !UNNAMED_COLUMN.test(column));
  return named.length > 0 && named.every((column) => record[column].toLowerCase() === column);
}

/** The first column without a name that holds a value in this row: it belongs nowhere, so the row is not guessed at. */
export function valueInUnnamedColumn(record: Record<string, string>): string | undefined {
  return Object.keys(record).find((column) => UNNAMED_COLUMN.test(column) && record[column] !== '');
}

/**
 * The header's columns (from `csvColumnsOf`), or an error naming what is wrong: unknown columns are
 * refused rather than ignored, so a misspelled `duration` does not silently drop every duration.
 */
export function checkCsvHeader(header: string[], hasDefaultUser: boolean): string | undefined {
  const known = Object.keys(CSV_COLUMNS);
  const unknown = header.filter((c) => !known.includes(c) && !UNNAMED_COLUMN.test(c));
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
 * duration_sec (seconds, or h:mm:ss; with a decimal comma in a semicolon file) become numbers;
 * anything else is passed on for ingestion to judge.
 */
export function csvRowToEvent(row: Record<string, string>, defaultUserId: string | undefined, delimiter: CsvDelimiter = ','): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(CSV_COLUMNS)) {
    let cell = row[column];
    if (cell === undefined || cell === '') continue;
    // A semicolon file comes from a locale whose decimal mark is a comma: its spreadsheet writes 90,5.
    if (delimiter === ';' && (column === 'started_at' || column === 'duration_sec') && DECIMAL_COMMA.test(cell)) cell = cell.replace(',', '.');
    event[field] = (column === 'started_at' || column === 'duration_sec') && NUMBER.test(cell) ? Number(cell) : cell;
  }
  const clock = typeof event.durationSec === 'string' ? CLOCK_DURATION.exec(event.durationSec) : null;
  if (clock) event.durationSec = Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  if (event.userId === undefined && defaultUserId !== undefined) event.userId = defaultUserId;
  return event;
}

/** The CSV column an ingestion rejection names (`durationSec` → `duration_sec`). */
export function csvColumnOf(field: string): string {
  return COLUMN_OF_FIELD.get(field) ?? field;
}

/**
 * An ingestion rejection of a CSV row in the file's terms: its column, and for a row without a
 * user where one can come from (the row read "user_id: is required", though the column was there).
 */
export function csvRowRejection(field: string, reason: string): { field: string; reason: string } {
  const column = csvColumnOf(field);
  if (column === 'user_id' && reason === 'is required') return { field: column, reason: NO_USER_REASON };
  return { field: column, reason };
}

export const NO_USER_REASON = 'is empty, and the upload gives no userId for such rows (?userId= of POST /v1/imports, --user of npm run import)';

/** Separators a header row may use: spreadsheets in many locales save CSV with `;`, some exports use tabs. */
const DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof DELIMITERS)[number];

/**
 * The separator of a CSV, read from its header row (the start of the file up to its first line
 * end, `\n` or `\r`): the one it holds most often, a comma when none. Column names hold no separator, so the
 * header tells without guessing from the data rows.
 */
export function csvDelimiterOf(start: Buffer): CsvDelimiter {
  const header = start.toString('utf8').split(/[\r\n]/, 1)[0];
  const count = (d: string) => header.split(d).length - 1;
  return DELIMITERS.reduce((best, d) => (count(d) > count(best) ? d : best), DELIMITERS[0]);
}

export const NOT_UTF8_REASON = 'is not valid UTF-8; save the file as UTF-8';

/**
 * Watches the raw bytes of a CSV for sequences that are not UTF-8 (a Latin-1 `Caf\xe9`), which
 * the parser decodes as U+FFFD. Once some were read, a cell holding U+FFFD is taken for one of
 * them; a file that is all UTF-8 keeps any U+FFFD of its own.
 */
export class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private invalid = false;

  /** Each chunk in order, before the parser sees it (multi-byte characters may span chunks). */
  read(chunk: Buffer): void {
    this.decode(chunk);
  }

  /** After the last chunk: a character cut off at the end is not UTF-8 either. */
  end(): void {
    this.decode(undefined);
  }

  /** The first column of the row whose bytes were not UTF-8, if any. */
  invalidColumn(record: Record<string, string>): string | undefined {
    if (!this.invalid) return undefined;
    return Object.keys(record).find((column) => record[column].includes('\ufffd'));
  }

  private decode(chunk: Buffer | undefined): void {
    if (this.invalid) return;
    try {
      this.decoder.decode(chunk, { stream: chunk !== undefined });
    } catch {
      this.invalid = true;
    }
  }
}
