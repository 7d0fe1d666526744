import { getConnectionToken } from '@nestjs/mongoose';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Connection } from 'mongoose';
import { AppConfig } from '@lib/config';
import { ImportJobRepository } from '@lib/persistence';
import { graphql, http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig, waitFor } from '../support/test-config';
import { NOT_A_REAL_TIME } from '../../apps/ingestion/src/start-time';

const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');
const CSV_WITH_BAD_ROWS = readFileSync(join(FIXTURES, 'activity-with-bad-rows.csv'));
const AW_EXPORT = readFileSync(join(FIXTURES, 'activitywatch-export.json'));
const DAY = '2026-11-21';

describe('import jobs: CSV and ActivityWatch exports', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let admin: string;
  let usageLogs: ReturnType<Connection['collection']>;

  beforeAll(async () => {
    config = testConfig();
    pipeline = await startPipeline(config);
    admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    usageLogs = pipeline.apps.leaderboard!.get<Connection>(getConnectionToken()).collection('usage_logs');
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const upload = (body: Buffer | string | FormData, query: string, headers: Record<string, string> = { 'content-type': 'text/csv' }, key = admin) =>
    fetch(`${pipeline.url}/v1/imports?${query}`, { method: 'POST', headers: { 'x-api-key': key, ...headers }, body }).then(async (r) => ({ status: r.status, headers: r.headers, body: (await r.json()) as any }));

  const finished = (jobId: string) =>
    waitFor(async () => {
      const job = await http('GET', `${pipeline.url}/v1/imports/${jobId}`, { key: admin });
      return ['DONE', 'FAILED'].includes(job.body.status) && job.body;
    }, `import job ${jobId} to finish`, 60_000, 100);

  const score = async (userId: string, board = 'total') => (await http('GET', `${pipeline.url}/v1/leaderboards/${board}/users/${userId}?period=day&date=${DAY}`, { key: admin })).body.score as number;

  it('imports a CSV with bad rows: rejections by row number, good rows counted once, re-imports count nothing twice', async () => {
    const posted = await upload(CSV_WITH_BAD_ROWS, 'fileName=activity.csv');
    expect(posted.status).toBe(202);
    expect(posted.body.jobId).toMatch(/^imp_[0-9a-f]+$/);
    expect(posted.headers.get('location')).toBe(`/v1/imports/${posted.body.jobId}`);
    const job = await finished(posted.body.jobId);
    expect(job).toMatchObject({
      status: 'DONE',
      format: 'csv',
      fileName: 'activity.csv',
      rowsTotal: 8,
      rowsProcessed: 8,
      progress: 1,
      bytesTotal: CSV_WITH_BAD_ROWS.length,
      bytesRead: CSV_WITH_BAD_ROWS.length,
      accepted: 4,
      duplicates: 0,
      rejectedCount: 4,
      rejectedTruncated: false,
    });
    expect(job.rejected).toEqual([
      { row: 5, field: 'started_at', reason: 'must be ISO-8601 with an offset (e.g. 2026-11-22T09:30:00Z) or epoch seconds' },
      { row: 6, field: 'duration_sec', reason: 'must be > 0' },
      // It read "is required", though the column is there: the cell is empty and the upload gave no userId.
      { row: 7, field: 'user_id', reason: 'is empty, and the upload gives no userId for such rows (?userId= of POST /v1/imports, --user of npm run import)' },
      { row: 8, field: '(row)', reason: 'Invalid Record Length: columns length is 8, got 5 on line 8' },
    ]);
    expect(Date.parse(job.finishedAt)).toBeGreaterThanOrEqual(Date.parse(job.startedAt));
    expect(job.rowsPerSec).toBeGreaterThan(0);

    await waitFor(async () => (await score('csv-carol')) === 45 && (await score('csv-alice')) === 900, 'the imported rows on the boards');
    expect(await score('csv-bob')).toBe(120);

    // The same file again: the same envelopes inside JetStream's duplicate window.
    const again = await finished((await upload(CSV_WITH_BAD_ROWS, 'format=csv', { 'content-type': 'application/octet-stream' })).body.jobId);
    expect(again).toMatchObject({ status: 'DONE', accepted: 0, duplicates: 4, rejectedCount: 4 });
    // The same rows in a different file: new envelopes (accepted), yet the leaderboard stores each event id once.
    const extended = Buffer.concat([CSV_WITH_BAD_ROWS, Buffer.from('csv-dave,Code,lib.rs,,2026-11-21T12:00:00Z,30,,\n')]);
    const third = await finished((await upload(extended, 'format=csv')).body.jobId);
    expect(third).toMatchObject({ status: 'DONE', accepted: 5, duplicates: 0, rejectedCount: 4 });
    await waitFor(async () => (await score('csv-dave')) === 30, 'the new row on the boards');
    await new Promise((r) => setTimeout(r, 500));
    expect([await score('csv-alice'), await score('csv-bob'), await score('csv-carol')]).toEqual([900, 120, 45]);
    expect(await usageLogs.countDocuments({ userId: { $in: ['csv-alice', 'csv-bob', 'csv-carol', 'csv-dave'] } })).toBe(5);

    const listed = await http('GET', `${pipeline.url}/v1/imports?limit=2`, { key: admin });
    expect(listed.body.jobs.map((j: { id: string }) => j.id)).toEqual([third.id, again.id]);
    expect(listed.body.jobs[0].rejected).toBeUndefined();
    // `job` is past the page: the list says so (until 2026-11-24 nothing did).
    expect(listed.body.hasMore).toBe(true);
    expect((await http('GET', `${pipeline.url}/v1/imports?limit=2&offset=1`, { key: admin })).body).toMatchObject({ jobs: [{ id: again.id }, { id: job.id }] });
    expect((await http('GET', `${pipeline.url}/v1/imports?limit=200`, { key: admin })).body.hasMore).toBe(false);
    const gql = await graphql(pipeline.url, admin, '{ importJob(id: "' + job.id + '") { status accepted rejectedCount rejected { row field reason } } }');
    expect(gql.body.data.importJob).toMatchObject({ status: 'DONE', accepted: 4, rejectedCount: 4 });
    expect(gql.body.data.importJob.rejected[0]).toEqual({ row: 5, field: 'started_at', reason: job.rejected[0].reason });
    // The list over GraphQL too, as REST answers it (GraphQL had no importJobs: it mirrors every read of the API).
    const gqlList = await graphql(pipeline.url, admin, '{ importJobs(limit: 2, offset: 1) { hasMore jobs { id status accepted rejected { row } } } }');
    expect(gqlList.body.data.importJobs).toEqual({
      hasMore: false,
      jobs: [
        { id: again.id, status: 'DONE', accepted: 0, rejected: null },
        { id: job.id, status: 'DONE', accepted: 4, rejected: null },
      ],
    });
  });

  it('imports an ActivityWatch export: AFK time excluded, browser time labelled with its tabs, web time outside browsers not counted', async () => {
    const posted = await upload(AW_EXPORT, 'userId=aw-alice', { 'content-type': 'application/json' });
    expect(posted.status).toBe(202);
    const job = await finished(posted.body.jobId);
    expect(job).toMatchObject({ status: 'DONE', format: 'activitywatch', userId: 'aw-alice', rowsTotal: 17, accepted: 6, duplicates: 0, rejectedCount: 0 });

    // Window time 5,100 s, minus AFK 299.999 s and 599.999 s (aw-watcher-afk's 1 ms offsets).
    await waitFor(async () => Math.abs((await score('aw-alice')) - 4200.002) < 1e-6, 'the export on the boards');
    const logs = await usageLogs.find({ userId: 'aw-alice' }).sort({ startedAt: 1 }).toArray();
    expect(logs.map((l) => [l.startedAt.toISOString().slice(11, 23), l.durationSec, l.app, l.url ?? null])).toEqual([
      ['09:00:00.000', 1500.001, 'Code', null],
      ['09:30:00.000', 300, 'Google-chrome', 'https://github.com/org/repo/pulls'],
      ['09:35:00.000', 300, 'Google-chrome', 'https://github.com/org/repo/pull/42'],
      ['09:40:00.000', 900, 'Slack', null],
      ['09:55:00.000', 600.001, 'Google-chrome', 'https://www.youtube.com/watch?v=jfKfPfyJRdk'],
      ['10:15:00.000', 600, 'Code', null],
    ]);
    expect(logs[4].title).toBe('Lo-fi beats - YouTube');

    const again = await finished((await upload(AW_EXPORT, 'userId=aw-alice&format=activitywatch', { 'content-type': 'application/octet-stream' })).body.jobId);
    expect(again).toMatchObject({ status: 'DONE', accepted: 0, duplicates: 6 });
    // A file saved with a UTF-8 byte order mark (as CSV accepts it).
    const withBom = await finished((await upload(Buffer.concat([Buffer.from('\ufeff'), AW_EXPORT]), 'userId=aw-bom&format=activitywatch', { 'content-type': 'application/octet-stream' })).body.jobId);
    expect(withBom).toMatchObject({ status: 'DONE', rowsTotal: 17, accepted: 6 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await score('aw-alice')).toBeCloseTo(4200.002, 6);
  });

  it('rejects rows and export events whose start does not exist, instead of counting them on another day', async () => {
    const csv = await finished((await upload('app,started_at,duration_sec\nCode,2026-02-30T10:00:00Z,15\nCode,2026-11-21T15:00:00Z,15\n', 'userId=csv-feb30')).body.jobId);
    expect(csv).toMatchObject({ status: 'DONE', accepted: 1, rejected: [{ row: 2, field: 'started_at', reason: NOT_A_REAL_TIME }] });
    const bucket = { id: 'aw-watcher-window_feb30', type: 'currentwindow', client: 'aw-watcher-window', hostname: 'feb30' };
    const events = [
      { id: 1, timestamp: '2026-11-31T09:00:00.000000+00:00', duration: 60, data: { app: 'Code', title: 'a.ts' } },
      { id: 2, timestamp: '2026-11-21T09:00:00.000000+00:00', duration: 60, data: { app: 'Code', title: 'a.ts' } },
    ];
    const exported = JSON.stringify({ buckets: { [bucket.id]: { ...bucket, events } } });
    const aw = await finished((await upload(exported, 'userId=aw-feb30&format=activitywatch', { 'content-type': 'application/octet-stream' })).body.jobId);
    expect(aw).toMatchObject({ status: 'DONE', accepted: 1, rejected: [{ field: `buckets["${bucket.id}"].events[0].timestamp`, reason: NOT_A_REAL_TIME }] });
  });

  it('accepts multipart uploads and refuses what it cannot import with clear reasons', async () => {
    const form = new FormData();
    form.append('file', new Blob(['app,started_at,duration_sec\nCode,2026-11-21T13:00:00Z,15\n']), 'mine.csv');
    const multipart = await upload(form, 'userId=form-user', {});
    expect(multipart.status).toBe(202);
    expect(await finished(multipart.body.jobId)).toMatchObject({ status: 'DONE', fileName: 'mine.csv', accepted: 1 });
    // A second file part is refused naming it, not ignored (curl -F file=@g.csv -F file2=@g2.csv).
    const two = new FormData();
    two.append('file', new Blob(['app,started_at,duration_sec\nCode,2026-11-21T13:10:00Z,15\n']), 'g.csv');
    two.append('file2', new Blob(['app,started_at,duration_sec\nCode,2026-11-21T13:20:00Z,15\n']), 'g2.csv');
    const refusedTwo = await upload(two, 'userId=two-files', {});
    expect(refusedTwo).toMatchObject({ status: 400, body: { message: 'the multipart body has a second file part, "file2" (g2.csv): send one file per upload', jobId: expect.stringMatching(/^imp_/) } });
    expect((await http('GET', `${pipeline.url}/v1/imports/${refusedTwo.body.jobId}`, { key: admin })).body).toMatchObject({ status: 'FAILED', accepted: 0 });

    const badHeader = await finished((await upload('app,started_at,duration\nCode,2026-11-21T13:00:00Z,15\n', 'userId=u1')).body.jobId);
    expect(badHeader).toMatchObject({ status: 'FAILED', error: 'CSV header: unknown column "duration" (known: event_id, user_id, app, title, url, started_at, duration_sec, source)' });
    // A header the parser cannot read: its reason, where it said "the file is empty" (or took row 2 for the header).
    const unclosed = await finished((await upload('app,"started_at,duration_sec\nCode,2026-11-21T13:00:00Z,15\n', 'userId=u1')).body.jobId);
    expect(unclosed).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^CSV header: Quote Not Closed/) });
    const badClosing = await finished((await upload('"app"x,started_at,duration_sec\napp,started_at,duration_sec\nCode,2026-11-21T13:00:00Z,15\n', 'userId=u1')).body.jobId);
    expect(badClosing).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^CSV header: Invalid Closing Quote/) });
    const notAnExport = await finished((await upload('{"events": []}', 'userId=u1&format=activitywatch', { 'content-type': 'application/octet-stream' })).body.jobId);
    expect(notAnExport).toMatchObject({ status: 'FAILED', error: expect.stringContaining('not an ActivityWatch export') });

    expect(await upload('x', '', { 'content-type': 'application/octet-stream' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('format is required'), field: 'format' } });
    expect(await upload('x', 'format=xml', { 'content-type': 'application/octet-stream' })).toMatchObject({ status: 400, body: { message: 'format must be one of csv, activitywatch', field: 'format' } });
    expect(await upload('{}', 'format=activitywatch', { 'content-type': 'application/json' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('userId is required'), field: 'userId' } });
    expect(await upload('a=b', 'format=csv', { 'content-type': 'application/x-www-form-urlencoded' })).toMatchObject({ status: 415, body: { field: 'content-type' } });
    expect(await upload('', 'format=csv')).toMatchObject({ status: 400, body: { message: 'the upload is empty', field: 'body', jobId: expect.stringMatching(/^imp_/) } });
    expect(await upload('x', 'format=csv&userId=bad user')).toMatchObject({ status: 400, body: { message: 'userId may hold only letters, digits and . _ : @ + = / - (found " ")', field: 'userId' } });
    // Before 2026-11-25 any name was stored and listed with the job, 5,000 characters or a terminal escape.
    expect(await upload('x', `format=csv&fileName=${'a'.repeat(256)}.csv`)).toMatchObject({ status: 400, body: { message: 'fileName must be at most 255 characters (got 260)', field: 'fileName' } });
    expect(await upload('x', `format=csv&fileName=${encodeURIComponent('a\u001b[2Jb.csv')}`)).toMatchObject({ status: 400, body: { message: 'fileName must not contain control characters', field: 'fileName' } });
    const longPart = new FormData();
    longPart.append('file', new Blob(['app,started_at,duration_sec\nCode,2026-11-21T13:30:00Z,15\n']), `${'b'.repeat(300)}.csv`);
    expect(await upload(longPart, 'userId=form-user', {})).toMatchObject({ status: 400, body: { message: 'fileName must be at most 255 characters (got 304)', field: 'fileName' } });
    const bound = await createApiKey(pipeline.apps.gateway!, ['ingest', 'read'], 'bound-user');
    expect(await upload('x', 'format=csv&userId=other', undefined, bound)).toMatchObject({ status: 403, body: { message: 'this API key may only import data of user bound-user' } });
    // Listing another user's jobs is refused the same way, where it answered an empty list; an id no user can have is a 400.
    expect(await http('GET', `${pipeline.url}/v1/imports?userId=other`, { key: bound })).toMatchObject({ status: 403, body: { message: 'this API key may only list the import jobs of user bound-user', field: 'userId' } });
    expect(await http('GET', `${pipeline.url}/v1/imports?userId=bound-user`, { key: bound })).toMatchObject({ status: 200 });
    expect(await http('GET', `${pipeline.url}/v1/imports?userId=bad%20user`, { key: admin })).toMatchObject({ status: 400, body: { field: 'userId' } });
    const listOf = async (key: string, userId: string) => (await graphql(pipeline.url, key, 'query ($u: String) { importJobs(userId: $u) { hasMore } }', { u: userId })).body.errors?.[0];
    expect(await listOf(bound, 'other')).toMatchObject({ message: 'this API key may only list the import jobs of user bound-user', extensions: { code: 'FORBIDDEN', field: 'userId' } });
    expect(await listOf(bound, 'bound-user')).toBeUndefined();
    expect(await listOf(admin, 'bad user')).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'userId' } });
    const readOnly = await createApiKey(pipeline.apps.gateway!, ['read']);
    expect((await upload('x', 'format=csv', undefined, readOnly)).status).toBe(403);
    expect(await http('GET', `${pipeline.url}/v1/imports/imp_00000000`, { key: admin })).toMatchObject({ status: 404, body: { message: 'import job "imp_00000000" not found', field: 'id' } });
  });

  it('rejects the rows of a CSV whose bytes are not UTF-8, naming row and column, and imports the rows around them', async () => {
    const header = 'app,title,started_at,duration_sec\n';
    const csv = Buffer.concat([
      Buffer.from(`${header}Code,main.ts,2026-11-21T15:00:00Z,10\n`),
      Buffer.from('Code,Caf\xe9 menu,2026-11-21T15:01:00Z,20\n', 'latin1'),
      Buffer.from('Café,résumé,2026-11-21T15:02:00Z,30\n'),
    ]);
    const job = await finished((await upload(csv, 'userId=latin1-user&fileName=latin1.csv')).body.jobId);
    expect(job).toMatchObject({
      status: 'DONE',
      rowsTotal: 3,
      accepted: 2,
      rejectedCount: 1,
      rejected: [{ row: 3, field: 'title', reason: 'is not valid UTF-8; save the file as UTF-8' }],
    });
    // A file that is all UTF-8 keeps a replacement character of its own.
    const own = await finished((await upload(`${header}Notes,lost \ufffd char,2026-11-21T15:03:00Z,5\n`, 'userId=latin1-user')).body.jobId);
    expect(own).toMatchObject({ status: 'DONE', accepted: 1, rejectedCount: 0 });
    await waitFor(async () => (await score('latin1-user')) === 45, 'the valid rows on the boards');
    expect((await usageLogs.find({ userId: 'latin1-user' }).sort({ startedAt: 1 }).toArray()).map((l) => [l.app, l.title])).toEqual([
      ['Code', 'main.ts'],
      ['Café', 'résumé'],
      ['Notes', 'lost \ufffd char'],
    ]);
  });

  it('refuses an export of far more JSON values than its size holds in an export, before reading it into memory', async () => {
    // 6 MB of {} (gzip: 6 KB on the wire): JSON.parse made 130 MB of objects of it, 22 times its size;
    // 256 MiB of them (the export limit) would take 5.6 GB and end ingestion with out of memory.
    const bomb = `{"buckets":{"b":{"events":[${'{},'.repeat(2_000_000)}{}]}}}`;
    const job = await finished((await upload(gzipSync(bomb), 'userId=u-bomb&format=activitywatch', { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' })).body.jobId);
    expect(job).toMatchObject({
      status: 'FAILED',
      error: `the file is not an ActivityWatch export: it holds 2000005 objects and arrays in ${bomb.length} bytes, more than one per 32 bytes (an export holds about one per 75)`,
    });
  });

  it('fails a CSV with a row longer than any row of events, naming it, instead of holding the row in memory', async () => {
    // One unclosed quote makes the rest of the file one cell: the parser held it whole (200 MB of cell: 604 MB of heap;
    // 4 GiB, the CSV limit, a few MiB gzipped, ended ingestion).
    const csv = `app,started_at,duration_sec\nCode,2026-11-21T13:00:00Z,15\n"${'a'.repeat(1024 * 1024)},2026-11-21T13:01:00Z,15\n`;
    const job = await finished((await upload(gzipSync(csv), 'userId=u-long-row', { 'content-type': 'text/csv', 'content-encoding': 'gzip' })).body.jobId);
    expect(job).toMatchObject({ status: 'FAILED', error: 'CSV: row 3 is longer than 65536 characters, more than a row of events can hold (an unclosed quote?)' });
  });

  it('imports a CSV as spreadsheets save it: BOM, semicolons (and decimal commas) or tabs, Windows line ends, quoted line breaks, blank lines, h:mm:ss durations, any-case column names, a trailing separator, joined files', async () => {
    const semicolons = '\ufeffuser_id;app;title;started_at;duration_sec\r\n;Code;"review; then\r\nmerge";2026-11-21T17:00:00+01:00;60\r\n\r\n;Code;b.ts;2026-11-21T16:01:00Z;abc\r\n;Code;c.ts;2026-11-21T16:02:00Z;29,5\r\n';
    const job = await finished((await upload(semicolons, 'userId=sheet-user&fileName=sheet.csv')).body.jobId);
    expect(job).toMatchObject({ status: 'DONE', rowsTotal: 3, accepted: 2, rejected: [{ row: 3, field: 'duration_sec', reason: 'must be a number of seconds' }] });
    const tabs = await finished((await upload('app\tstarted_at\tduration_sec\nCode\t2026-11-21T16:03:00Z\t0:00:15.5\n', 'userId=sheet-user')).body.jobId);
    expect(tabs).toMatchObject({ status: 'DONE', accepted: 1, rejectedCount: 0 });
    // Column names in any case; a trailing separator's unnamed column is fine while its cells are empty;
    // two files joined together (the second header is named as such).
    const trailing = await finished((await upload('App,Started_At,Duration_Sec,\nCode,2026-11-21T16:04:00Z,10,\nCode,2026-11-21T16:05:00Z,10,stray\nApp,Started_At,Duration_Sec,\n', 'userId=sheet-user')).body.jobId);
    expect(trailing).toMatchObject({
      status: 'DONE',
      accepted: 1,
      rejected: [
        { row: 3, field: '(column 4)', reason: 'holds a value, but its column has no name in the header row' },
        { row: 4, field: '(row)', reason: 'repeats the header row (files joined together?), so it is no activity' },
      ],
    });
    await waitFor(async () => (await score('sheet-user')) === 115, 'the spreadsheet rows on the boards');
    expect((await usageLogs.find({ userId: 'sheet-user' }).sort({ startedAt: 1 }).toArray()).map((l) => [l.startedAt.toISOString(), l.title ?? null])).toEqual([
      ['2026-11-21T16:00:00.000Z', 'review; then merge'],
      ['2026-11-21T16:02:00.000Z', 'c.ts'],
      ['2026-11-21T16:03:00.000Z', null],
      ['2026-11-21T16:04:00.000Z', null],
    ]);
  });

  it('fails an upload whose client hangs up midway, saying how much of the file arrived', async () => {
    const body = 'app,started_at,duration_sec\nCode,2026-11-21T18:00:00Z,60\nCo';
    const { port } = new URL(pipeline.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(`POST /v1/imports?format=csv&userId=hangup-user HTTP/1.1\r\nHost: x\r\nx-api-key: ${admin}\r\ncontent-type: text/csv\r\ncontent-length: 100000\r\n\r\n${body}`);
    const job = await waitFor(async () => {
      const listed = (await http('GET', `${pipeline.url}/v1/imports?userId=hangup-user`, { key: admin })).body.jobs;
      return listed?.length === 1 && listed[0];
    }, 'the upload to start');
    socket.destroy();
    // Before: "the upload failed after 0 bytes: aborted" (the bytes stored, none below a 256 KiB piece).
    expect(await finished(job.id)).toMatchObject({ status: 'FAILED', error: `the upload broke off after ${body.length} of 100000 bytes (aborted); upload the file again` });
  });

  it('shows progress below 1 until the job is DONE, moving forward only', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `Code,${Date.parse(`${DAY}T16:00:00Z`) / 1000 + i},1\n`).join('');
    const { jobId } = (await upload(`app,started_at,duration_sec\n${rows}`, 'userId=progress-user')).body;
    const seen: Array<[string, number | null]> = [];
    await waitFor(async () => {
      const job = (await http('GET', `${pipeline.url}/v1/imports/${jobId}`, { key: admin })).body;
      seen.push([job.status, job.progress]);
      return job.status === 'DONE';
    }, 'the job to finish', 60_000, 5);
    expect(seen.filter(([status, progress]) => status !== 'DONE' && progress === 1)).toEqual([]);
    const shown = seen.map(([, progress]) => progress ?? 0);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual(['DONE', 1]);
  });

  it('decodes a gzip, deflate or br upload as it streams; a body that is not what it says is a 400, an unknown encoding a 415', async () => {
    const csv = Buffer.from('app,started_at,duration_sec\nCode,2026-11-21T14:00:00Z,15\nCode,2026-11-21T14:01:00Z,20\n');
    for (const [encoding, encode] of [['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync]] as const) {
      const posted = await upload(encode(csv), `userId=encoded-${encoding}&fileName=day.csv`, { 'content-type': 'text/csv', 'content-encoding': encoding });
      expect([encoding, posted.status]).toEqual([encoding, 202]);
      // bytesTotal is the decoded file's size, known once it is stored (the header gave the compressed one).
      expect(await finished(posted.body.jobId)).toMatchObject({ status: 'DONE', accepted: 2, rejectedCount: 0, bytesTotal: csv.length });
    }
    const notGzip = await upload(csv, 'userId=u1&format=csv', { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    expect(notGzip).toMatchObject({ status: 400, body: { message: 'the body is not valid gzip: incorrect header check', jobId: expect.stringMatching(/^imp_/) } });
    const truncated = await upload(gzipSync(csv).subarray(0, 20), 'userId=u1&format=csv', { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    expect(truncated).toMatchObject({ status: 400, body: { message: 'the body is not valid gzip: unexpected end of file' } });
    for (const encoding of ['compress', 'constructor']) {
      expect(await upload(csv, 'userId=u1&format=csv', { 'content-type': 'text/csv', 'content-encoding': encoding })).toMatchObject({
        status: 415,
        body: { message: `Content-Encoding "${encoding}" is not supported: send the file as is, gzip, deflate or br` },
      });
    }
  });
});

describe('import jobs per API key', () => {
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    // No ingestion: a stored upload stays PENDING, its file in the imports stream, as behind a long queue.
    pipeline = await startPipeline(testConfig({ IMPORT_JOBS_PER_KEY: '2' }), ['gateway']);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const upload = (key: string) =>
    fetch(`${pipeline.url}/v1/imports?userId=quota&fileName=day.csv`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'text/csv' }, body: 'app,started_at,duration_sec\nCode,2026-11-21T14:00:00Z,15\n' }).then(async (r) => ({
      status: r.status,
      retryAfter: r.headers.get('retry-after'),
      body: (await r.json()) as any,
    }));

  it('refuses a key a file past IMPORT_JOBS_PER_KEY unfinished jobs, before reading it, and takes it once one of them ended; other keys are not held back', async () => {
    const key = await createApiKey(pipeline.apps.gateway!, ['ingest', 'read']);
    const first = await upload(key);
    expect((await upload(key)).status).toBe(202);
    const refused = await upload(key);
    expect(refused).toMatchObject({
      status: 429,
      retryAfter: '60',
      body: { statusCode: 429, message: 'this API key has 2 import jobs whose files wait to be processed (PENDING or PROCESSING), the most IMPORT_JOBS_PER_KEY allows: upload again once one of them is DONE or FAILED (GET /v1/imports)' },
    });
    // Refused before anything was stored: no job for it.
    const listed = (await http('GET', `${pipeline.url}/v1/imports?userId=quota`, { key })).body.jobs as unknown[];
    expect(listed).toHaveLength(2);
    expect((await upload(await createApiKey(pipeline.apps.gateway!, ['ingest']))).status).toBe(202);

    await pipeline.apps.gateway!.get(ImportJobRepository).fail(first.body.jobId, 'ended by the test');
    expect((await upload(key)).status).toBe(202);
  });
});
