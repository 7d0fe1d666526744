import { checkCsvHeader, csvColumnOf, csvColumnsOf, csvDelimiterOf, csvRowRejection, csvRowToEvent, isRepeatedHeader, Utf8Check, valueInUnnamedColumn } from './csv-rows';

describe('CSV rows', () => {
  it('accepts the documented columns in any order, user_id optional with a default user', () => {
    expect(checkCsvHeader(['started_at', 'duration_sec', 'app', 'user_id', 'title', 'url', 'event_id', 'source'], false)).toBeUndefined();
    expect(checkCsvHeader(['app', 'started_at', 'duration_sec'], true)).toBeUndefined();
  });

  it.each([
    [['app', 'started_at', 'duration'], true, 'unknown column "duration" (known: event_id, user_id, app, title, url, started_at, duration_sec, source)'],
    [['app', 'started_at', 'duration_sec'], false, 'missing column "user_id" (or give userId with the upload)'],
    [['user_id', 'title'], false, 'missing columns "app", "started_at", "duration_sec"'],
    [['app', 'app', 'started_at', 'duration_sec'], true, 'column "app" appears twice'],
  ])('refuses header %j', (header, hasDefaultUser, message) => {
    expect(checkCsvHeader(header, hasDefaultUser)).toBe(message);
  });

  it('reads column names case-insensitively and lets columns without a name pass while their cells are empty', () => {
    const columns = csvColumnsOf(['App', 'STARTED_AT', 'duration_sec', '', '']);
    expect(columns).toEqual(['app', 'started_at', 'duration_sec', '(column 4)', '(column 5)']);
    expect(checkCsvHeader(columns, true)).toBeUndefined();
    expect(checkCsvHeader(csvColumnsOf(['App', 'Start', 'duration_sec']), true)).toBe('unknown column "start" (known: event_id, user_id, app, title, url, started_at, duration_sec, source)');
    expect(valueInUnnamedColumn({ app: 'Code', '(column 4)': '', '(column 5)': '' })).toBeUndefined();
    expect(valueInUnnamedColumn({ app: 'Code', '(column 4)': '', '(column 5)': 'x' })).toBe('(column 5)');
  });

  it('knows the header row repeated among the rows, in any case, and only that', () => {
    expect(isRepeatedHeader({ app: 'App', started_at: 'started_at', duration_sec: 'DURATION_SEC', '(column 4)': '' })).toBe(true);
    expect(isRepeatedHeader({ app: 'app', started_at: '2026-11-22T09:00:00Z', duration_sec: '60' })).toBe(false);
  });

  it('maps cells to event fields, numbers to numbers, empty cells to nothing', () => {
    expect(csvRowToEvent({ app: 'Code', title: '', started_at: '1795338000', duration_sec: '60.5', url: 'https://x.test/', user_id: '' }, 'alice')).toEqual({
      userId: 'alice',
      app: 'Code',
      url: 'https://x.test/',
      startedAt: 1795338000,
      durationSec: 60.5,
    });
    expect(csvRowToEvent({ user_id: 'bob', app: 'Code', started_at: '2026-11-22T09:00:00Z', duration_sec: 'ten', event_id: 'e1', source: 'tracker' }, 'alice')).toEqual({
      eventId: 'e1',
      userId: 'bob',
      app: 'Code',
      startedAt: '2026-11-22T09:00:00Z',
      durationSec: 'ten',
      source: 'tracker',
    });
  });

  it.each([
    ['app,started_at,duration_sec\nCode;x,1,2\n', ','],
    ['\ufeffapp;title;started_at;duration_sec\r\nCode,x;1;2\r\n', ';'],
    ['"app";"started_at";"duration_sec"', ';'],
    ['app\tstarted_at\tduration_sec\n', '\t'],
    ['app\n', ','],
    ['app;started_at;duration_sec\rCode,x,y,z,1,2\r', ';'],
    ['', ','],
  ])('reads the separator from the header row of %j', (start, delimiter) => {
    expect(csvDelimiterOf(Buffer.from(start))).toBe(delimiter);
  });

  it.each([
    ['1:02:03', 3723],
    ['0:00:30.5', 30.5],
    ['24:00:00', 86400],
    ['1:60:00', '1:60:00'],
    ['1:02', '1:02'],
    ['90s', '90s'],
  ])('reads duration_sec %j as %j', (cell, durationSec) => {
    expect(csvRowToEvent({ app: 'Code', started_at: '1795338000', duration_sec: cell }, 'alice').durationSec).toBe(durationSec);
  });

  it('reads a decimal comma in the numbers of a semicolon file only', () => {
    const row = { app: 'Code', started_at: '1795338000,25', duration_sec: '90,5' };
    expect(csvRowToEvent(row, 'alice', ';')).toMatchObject({ startedAt: 1795338000.25, durationSec: 90.5 });
    expect(csvRowToEvent(row, 'alice', ',')).toMatchObject({ startedAt: '1795338000,25', durationSec: '90,5' });
    expect(csvRowToEvent({ ...row, duration_sec: '1,800,5' }, 'alice', ';').durationSec).toBe('1,800,5');
  });

  it('names rejected fields by their column', () => {
    expect([csvColumnOf('durationSec'), csvColumnOf('startedAt'), csvColumnOf('app'), csvColumnOf('(event)')]).toEqual(['duration_sec', 'started_at', 'app', '(event)']);
  });
});

describe('csvRowRejection', () => {
  it("names the row's column, and says where a row's user can come from when its user_id cell is empty", () => {
    expect(csvRowRejection('durationSec', 'must be > 0')).toEqual({ field: 'duration_sec', reason: 'must be > 0' });
    expect(csvRowRejection('userId', 'is required')).toEqual({ field: 'user_id', reason: 'is empty, and the upload gives no userId for such rows (?userId= of POST /v1/imports, --user of npm run import)' });
  });
});

describe('Utf8Check', () => {
  const row = { app: 'Caf\ufffd', title: 'x' };

  it('accepts UTF-8 whose characters span chunks, and then leaves U+FFFD cells alone', () => {
    const bytes = Buffer.from('café \ufffd');
    const check = new Utf8Check();
    check.read(bytes.subarray(0, 4));
    check.read(bytes.subarray(4));
    check.end();
    expect(check.invalidColumn(row)).toBeUndefined();
  });

  it('names the first U+FFFD column once bytes that are not UTF-8 were read, also a character cut off at the end', () => {
    const latin1 = new Utf8Check();
    latin1.read(Buffer.from('Caf\xe9 menu', 'latin1'));
    expect(latin1.invalidColumn({ title: 'ok', app: 'Caf\ufffd' })).toBe('app');
    expect(latin1.invalidColumn({ title: 'ok' })).toBeUndefined();
    const cut = new Utf8Check();
    cut.read(Buffer.from('café').subarray(0, 4));
    expect(cut.invalidColumn(row)).toBeUndefined();
    cut.end();
    expect(cut.invalidColumn(row)).toBe('app');
  });
});
