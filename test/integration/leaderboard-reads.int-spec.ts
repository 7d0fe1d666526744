import { DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { AppConfig } from '@lib/config';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { everyFieldOf, graphql, http, withoutNulls } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { testConfig } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

/** Board reads on a board the test writes through the leaderboard writer directly. */
describe('leaderboard reads: around-me, group boards, user summary, validation', () => {
  let config: AppConfig;
  let pipeline: RunningPipeline;
  let key: string;
  const day = '2026-10-05';
  const get = (path: string) => http('GET', `${pipeline.url}${path}`, { key });

  beforeAll(async () => {
    config = testConfig();
    pipeline = await startPipeline(config, ['gateway', 'leaderboard']);
    key = await createApiKey(pipeline.apps.gateway!, ['read']);
    // The categories as classification seeds them on its first start (it does not run here).
    const { CategoryRepository } = await import('@lib/persistence');
    await pipeline.apps.leaderboard!.get(CategoryRepository).insertMissing(DEFAULT_TAXONOMY);
    // work:programming on the day: a 100, b c d 90 (tie), e 80, f 70, g 60; plus meetings and video for a.
    const scores: Array<[string, number]> = [['a', 100], ['b', 90], ['c', 90], ['d', 90], ['e', 80], ['f', 70], ['g', 60]];
    const writer = pipeline.apps.leaderboard!.get(LeaderboardWriterService);
    await writer.write([
      classifiedEnvelope('reads-1', scores.map(([userId, durationSec]) => ({ eventId: `p-${userId}`, userId, startedAt: `${day}T09:00:00Z`, durationSec }))),
      classifiedEnvelope('reads-2', [
        { eventId: 'm-a', userId: 'a', startedAt: `${day}T11:00:00Z`, durationSec: 1800, category: 'meetings' },
        { eventId: 'v-a', userId: 'a', startedAt: `${day}T20:00:00Z`, durationSec: 600, category: 'video' },
      ]),
    ]);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('answers around-me with k above and below and competition ranks', async () => {
    const around = await get(`/v1/leaderboards/work:programming/users/d/around?k=2&date=${day}`);
    expect(around.status).toBe(200);
    expect(around.body).toEqual({
      board: 'work:programming',
      period: 'day',
      periodKey: day,
      timeZone: 'UTC',
      userId: 'd',
      rank: 2,
      score: 90,
      entries: [
        { rank: 1, userId: 'a', score: 100 },
        { rank: 2, userId: 'd', score: 90 },
        { rank: 2, userId: 'c', score: 90 },
        { rank: 2, userId: 'b', score: 90 },
      ],
    });
    const bottom = await get(`/v1/leaderboards/work:programming/users/g/around?k=1&date=${day}`);
    expect(bottom.body.entries).toEqual([{ rank: 6, userId: 'f', score: 70 }, { rank: 7, userId: 'g', score: 60 }]);
    const absent = await get(`/v1/leaderboards/work:programming/users/nobody/around?date=${day}`);
    expect(absent.body).toMatchObject({ rank: null, score: 0, entries: [] });
  });

  it('ranks a group among itself and gives each member its global rank (GET list and POST body)', async () => {
    const viaQuery = await get(`/v1/leaderboards/work:programming/group?users=g,b,nobody,e,b&date=${day}`);
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.body).toEqual({
      board: 'work:programming',
      period: 'day',
      periodKey: day,
      timeZone: 'UTC',
      entries: [
        { rank: 1, userId: 'b', score: 90, globalRank: 2 },
        { rank: 2, userId: 'e', score: 80, globalRank: 5 },
        { rank: 3, userId: 'g', score: 60, globalRank: 7 },
        { rank: 4, userId: 'nobody', score: 0, globalRank: null },
      ],
    });
    const viaBody = await http('POST', `${pipeline.url}/v1/leaderboards/work:programming/group`, { key, body: { users: ['c', 'd'], period: 'week', date: day } });
    // It reads, as the GET does: 200, not 201 Created (nothing is created).
    expect(viaBody.status).toBe(200);
    expect(viaBody.body).toMatchObject({ period: 'week', periodKey: '2026-W41', entries: [{ rank: 1, userId: 'd', globalRank: 2 }, { rank: 1, userId: 'c', globalRank: 2 }] });
    // A misspelt property was ignored: the day board was answered for "perod": "week".
    const misspelt = await http('POST', `${pipeline.url}/v1/leaderboards/work:programming/group`, { key, body: { users: ['c'], perod: 'week', date: day } });
    expect([misspelt.status, misspelt.body.field, misspelt.body.message]).toEqual([400, 'perod', 'perod is not a property of the request: it takes users, period, date']);
  });

  it("sums a user's time per category for a period, with names, paths and colors", async () => {
    const summary = await get(`/v1/users/a/summary?period=month&date=${day}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ userId: 'a', period: 'month', periodKey: '2026-10', total: 2500, productive: 1900 });
    expect(summary.body.categories.map((c: { categoryId: string; seconds: number }) => [c.categoryId, c.seconds])).toEqual([
      ['communication', 1800],
      ['communication:meetings', 1800],
      ['entertainment', 600],
      ['entertainment:video', 600],
      ['work', 100],
      ['work:programming', 100],
    ]);
    expect(summary.body.categories[1]).toEqual({
      categoryId: 'communication:meetings',
      name: 'Meetings',
      path: ['Communication', 'Meetings'],
      color: '#2E7D32',
      productive: true,
      seconds: 1800,
    });
    const nothing = await get(`/v1/users/a/summary?date=2026-10-06`);
    expect(nothing.body).toEqual({ userId: 'a', period: 'day', periodKey: '2026-10-06', timeZone: 'UTC', total: 0, productive: 0, unlistedSeconds: 0, categories: [] });
  });

  it('answers bad parameters with a 400 naming them', async () => {
    const cases: Array<[string, string]> = [
      ['/v1/leaderboards/nope/users/a/around', 'board "nope" is unknown: use a category id, "productive" or "total"'],
      ['/v1/leaderboards/total/users/a/around?k=101', 'k must be an integer from 0 to 100'],
      ['/v1/leaderboards/total/users/a/around?k=-1', 'k must be an integer from 0 to 100'],
      ['/v1/leaderboards/total/users/a/around?date=2026-13-01', 'date must be a calendar date YYYY-MM-DD: months are 01 to 12'],
      ['/v1/leaderboards/total/group', 'users must list 1 to 1000 user ids (got 0)'],
      ['/v1/leaderboards/total/group?users=,,', 'users must list 1 to 1000 user ids (got 0)'],
      ['/v1/leaderboards/total/group?users=a&period=year', 'period must be one of day, week, month, all'],
      ['/v1/leaderboards/total?offset=-1', 'offset must be an integer from 0 to 10000000'],
      ['/v1/users/a/summary?period=decade', 'period must be one of day, week, month, all'],
      ['/v1/users/a/summary?date=yesterday', 'date must be a calendar date YYYY-MM-DD'],
      // A user id no event can have: answered before as a user without a score; then refused with
      // the id pattern as a regular expression, now with the character at fault, as POST /v1/events does.
      ['/v1/leaderboards/total/users/a%20b', 'userId may hold only letters, digits and . _ : @ + = / - (found " ")'],
      ['/v1/leaderboards/total/users/a%20b/around', 'userId may hold only letters, digits and . _ : @ + = / - (found " ")'],
      ['/v1/users/%24ne/summary', 'userId may hold only letters, digits and . _ : @ + = / - (found "$")'],
      [`/v1/users/${'u'.repeat(129)}/summary`, 'userId must be at most 128 characters'],
      ['/v1/leaderboards/total/group?users=a,b%20c', 'users[1] may hold only letters, digits and . _ : @ + = / - (found " ")'],
      ['/v1/leaderboards/total/users/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'userId must be at most 128 characters'],
      // Its week was answered as the board "00-1-W52".
      ['/v1/leaderboards/total?period=week&date=0000-01-01', 'date must be 0001-01-01 or later (year 0000 begins in ISO week 52 of year -1, which no YYYY-Www key can name)'],
      // A misspelt parameter answered the day board as if it had not been given.
      ['/v1/leaderboards/total?perod=week', 'perod is not a query parameter of GET /v1/leaderboards/:board (it takes period, date, limit, offset, cursor)'],
      ['/v1/users/a/summary?period=week&Date=2026-11-02', 'Date is not a query parameter of GET /v1/users/:userId/summary (it takes period, date)'],
      // A parameter given twice was refused for its value: "period must be one of day, week, month, all" for day and week.
      ['/v1/leaderboards/total?period=day&period=week', 'period is given 2 times (day, week): give it once'],
      ['/v1/leaderboards/total/group?users=a,b&users=c', 'users is given 2 times (a,b, c): give it once'],
    ];
    for (const [path, message] of cases) {
      const response = await get(path);
      expect([path, response.status, response.body.message]).toEqual([path, 400, message]);
    }
    expect((await get('/v1/leaderboards/total?perod=week')).body.field).toBe('perod');
    const tooMany = await http('POST', `${pipeline.url}/v1/leaderboards/total/group`, { key, body: { users: Array.from({ length: 1001 }, (_, i) => `u${i}`) } });
    expect(tooMany.body).toMatchObject({ statusCode: 400, message: 'users must list 1 to 1000 user ids (got 1001)' });
    const notStrings = await http('POST', `${pipeline.url}/v1/leaderboards/total/group`, { key, body: { users: ['a', 7] } });
    expect(notStrings.body).toMatchObject({ statusCode: 400, message: 'users[1] must be a user id (a string)', field: 'users[1]' });
    const overGraphql = await graphql(pipeline.url, key, '{ userRank(board: "total", userId: "a b") { rank } }');
    expect(overGraphql.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
  });

  it("takes the board route's query on the user-rank route (PRODUCT.md §4 \"same query\"): limit and offset checked alike, the rank the user's", async () => {
    // Refused before 2026-11-25: "limit is not a query parameter of … (it takes period, date)", so a
    // client reusing the board page's query string for the user's rank got a 400.
    const rank = await get(`/v1/leaderboards/work:programming/users/e?date=${day}&limit=2&offset=4`);
    expect(rank.body).toEqual({ board: 'work:programming', period: 'day', periodKey: day, timeZone: 'UTC', userId: 'e', rank: 5, score: 80 });
    const outsideThePage = await get(`/v1/leaderboards/work:programming/users/a?date=${day}&limit=1&offset=3`);
    expect(outsideThePage.body).toMatchObject({ userId: 'a', rank: 1, score: 100 });
    for (const [query, message] of [
      ['limit=0', 'limit must be an integer from 1 to 500'],
      ['offset=-1', 'offset must be an integer from 0 to 10000000'],
      ['limit=ten', 'limit must be an integer from 1 to 500'],
    ]) {
      const refused = await get(`/v1/leaderboards/total/users/a?${query}`);
      expect([query, refused.status, refused.body.message, refused.body.field]).toEqual([query, 400, message, query.split('=')[0]]);
    }
  });

  it('reads a week or month by its own key, the periodKey answers give, as by a day inside it', async () => {
    // Refused before 2026-11-25: "date must be a calendar date YYYY-MM-DD", so a client could not ask again for the period it was answered.
    const byDay = await get(`/v1/leaderboards/work:programming?period=week&date=${day}`);
    expect(byDay.body.periodKey).toBe('2026-W41');
    expect((await get('/v1/leaderboards/work:programming?period=week&date=2026-W41')).body).toEqual(byDay.body);
    const monthByKey = await get('/v1/leaderboards/work:programming/users/a?period=month&date=2026-10');
    expect(monthByKey.body).toMatchObject({ periodKey: '2026-10', rank: 1, score: 100 });
    const refused = await get('/v1/leaderboards/total?date=2026-W41');
    expect([refused.status, refused.body.field, refused.body.message]).toEqual([400, 'date', 'date is a week key (YYYY-Www): give it with period=week, or a day YYYY-MM-DD']);
    const overGraphql = await graphql(pipeline.url, key, '{ userSummary(userId: "a", period: "week", date: "2026-W41") { periodKey total } }');
    expect(overGraphql.body.data.userSummary).toEqual({ periodKey: '2026-W41', total: 100 + 1800 + 600 });
  });

  it('accepts a category created at run time as a board at once', async () => {
    const admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    const { CategoryRepository } = await import('@lib/persistence');
    // A board read just before: the list of boards is fresh, and still lacks the category.
    expect((await http('GET', `${pipeline.url}/v1/leaderboards/total`, { key: admin })).status).toBe(200);
    await pipeline.apps.leaderboard!.get(CategoryRepository).upsert({ _id: 'work:oncall', name: 'On call', parentId: 'work', color: '#123456', productive: true });
    const page = await http('GET', `${pipeline.url}/v1/leaderboards/work:oncall`, { key: admin });
    expect(page.status).toBe(200);
    expect(page.body.entries).toEqual([]);
  });

  it("keeps a deleted category's time on total and says how much of total no listed category holds", async () => {
    const { CategoryRepository } = await import('@lib/persistence');
    const categories = pipeline.apps.leaderboard!.get(CategoryRepository);
    await categories.upsert({ _id: 'hobby', name: 'Hobby', color: '#654321', productive: false });
    const hobbyDay = '2026-10-07';
    const hobby = { eventId: 'hobby-h', userId: 'h', app: 'fixture', startedAtMs: Date.parse(`${hobbyDay}T09:00:00Z`), durationSec: 300, boards: ['hobby', 'total'], classification: { categoryId: 'hobby', source: 'rule' as const, confidence: 1, rulesetVersion: 1 } };
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).write([
      { id: 'reads-hobby', lane: 'live', events: [hobby] },
      classifiedEnvelope('reads-hobby-2', [{ eventId: 'p-h', userId: 'h', startedAt: `${hobbyDay}T10:00:00Z`, durationSec: 200 }]),
    ]);
    await new Promise((r) => setTimeout(r, 1100));
    const before = await get(`/v1/users/h/summary?date=${hobbyDay}`);
    expect(before.body).toMatchObject({ total: 500, unlistedSeconds: 0 });
    expect(before.body.categories.map((c: { categoryId: string }) => c.categoryId)).toEqual(['hobby', 'work', 'work:programming']);

    // Deleted (DELETE /v1/categories/hobby removes it so): the time happened, so total keeps it, and the
    // summary says how much of total no listed category holds, so its parts still add up to total.
    await categories.remove('hobby');
    await new Promise((r) => setTimeout(r, 1100));
    const after = await get(`/v1/users/h/summary?date=${hobbyDay}`);
    expect(after.body).toMatchObject({ total: 500, productive: 200, unlistedSeconds: 300 });
    expect(after.body.categories.map((c: { categoryId: string }) => c.categoryId)).toEqual(['work', 'work:programming']);
    expect((await get(`/v1/leaderboards/total/users/h?date=${hobbyDay}`)).body.score).toBe(500);
    const gql = await graphql(pipeline.url, key, `{ userSummary(userId: "h", date: "${hobbyDay}") { total unlistedSeconds } }`);
    expect(gql.body.data.userSummary).toEqual({ total: 500, unlistedSeconds: 300 });

    // A category of the default taxonomy goes as any other: its board stayed readable, and listed in
    // summaries, since the leaderboard app added the defaults to the stored categories.
    await categories.remove('entertainment:video');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await get(`/v1/leaderboards/entertainment:video?date=${day}`)).body).toMatchObject({ statusCode: 400, field: 'board' });
    const summary = await get(`/v1/users/a/summary?date=${day}`);
    expect(summary.body.categories.map((c: { categoryId: string }) => c.categoryId)).toEqual(['communication', 'communication:meetings', 'entertainment', 'work', 'work:programming']);
    expect(summary.body).toMatchObject({ total: 2500, unlistedSeconds: 0 });
  });

  it('says whether the board has entries past the page, over REST and GraphQL', async () => {
    // a to g: seven users on the board. A page that ends exactly at the last entry has no more;
    // until 2026-11-24 nothing said so, and a full last page read as one more to fetch.
    const page = async (offset: number, limit: number) => (await get(`/v1/leaderboards/work:programming?date=${day}&offset=${offset}&limit=${limit}`)).body;
    expect(await page(0, 6)).toMatchObject({ hasMore: true, entries: { length: 6 } });
    expect(await page(0, 7)).toMatchObject({ hasMore: false, entries: { length: 7 } });
    expect(await page(5, 2)).toMatchObject({ hasMore: false, entries: [{ userId: 'f' }, { userId: 'g' }] });
    expect(await page(4, 2)).toMatchObject({ hasMore: true, entries: [{ userId: 'e' }, { userId: 'f' }] });
    expect(await page(7, 2)).toMatchObject({ hasMore: false, entries: [] });
    const overGraphql = await graphql(pipeline.url, key, `{ leaderboard(board: "work:programming", date: "${day}", offset: 4, limit: 2) { hasMore entries { userId } } }`);
    expect(overGraphql.body.data.leaderboard).toEqual({ hasMore: true, entries: [{ userId: 'e' }, { userId: 'f' }] });
  });

  it('pages after a cursor without repeating or skipping a user whose score stayed, while others move', async () => {
    const board = '/v1/leaderboards/total?date=2026-10-21&limit=2';
    const writer = pipeline.apps.leaderboard!.get(LeaderboardWriterService);
    const event = (userId: string, durationSec: number, n = 1) => ({ eventId: `cursor-${userId}-${n}`, userId, startedAt: '2026-10-21T09:00:00Z', durationSec });
    // p 50 | q r s 40 | t 30 | u 20
    await writer.write([classifiedEnvelope('cursor-1', [event('p', 50), event('q', 40), event('r', 40), event('s', 40), event('t', 30), event('u', 20)])]);
    const first = (await get(board)).body;
    expect(first).toMatchObject({ hasMore: true, entries: [{ userId: 'p', rank: 1 }, { userId: 's', rank: 2 }] });
    // u moves from the bottom to the top: an offset page shifts by one and repeats s.
    await writer.write([classifiedEnvelope('cursor-2', [event('u', 100, 2)])]);
    expect((await get(`${board}&offset=2`)).body.entries.map((e: { userId: string }) => e.userId)).toEqual(['s', 'r']);
    const second = (await get(`${board}&cursor=${first.nextCursor}`)).body;
    expect(second).toMatchObject({ hasMore: true, entries: [{ userId: 'r', rank: 3 }, { userId: 'q', rank: 3 }] });
    const overGraphql = await graphql(pipeline.url, key, `{ leaderboard(board: "total", date: "2026-10-21", limit: 2, cursor: "${first.nextCursor}") { entries { userId } nextCursor } }`);
    expect(overGraphql.body.data.leaderboard).toEqual({ entries: [{ userId: 'r' }, { userId: 'q' }], nextCursor: second.nextCursor });
    // q, the last of that page, gains time before the next page is read: the page goes on after q's old place.
    await writer.write([classifiedEnvelope('cursor-3', [event('q', 5, 2)])]);
    const third = (await get(`${board}&cursor=${second.nextCursor}`)).body;
    expect(third).toEqual({ board: 'total', period: 'day', periodKey: '2026-10-21', timeZone: 'UTC', entries: [{ rank: 6, userId: 't', score: 30 }], hasMore: false, nextCursor: null });

    const refused: Array<[string, string]> = [
      [`${board}&cursor=nope`, 'cursor must be the nextCursor of an earlier page, as it was answered'],
      [`${board}&cursor=${first.nextCursor}&offset=2`, 'cursor and offset cannot go together: a cursor says where the page starts'],
      [
        `/v1/leaderboards/total?date=2026-10-22&cursor=${first.nextCursor}`,
        'cursor is a page of total day 2026-10-21, not of total day 2026-10-22: ask for that board and period (date=2026-10-21) to go on, or start again without cursor',
      ],
    ];
    for (const [path, message] of refused) {
      expect([path, (await get(path)).body]).toEqual([path, expect.objectContaining({ statusCode: 400, field: 'cursor', message })]);
    }
  });

  it('counts the users on a board, however many pages they fill', async () => {
    const crowdedDay = '2026-08-12';
    const crowd = Array.from({ length: 501 }, (_, i) => ({ eventId: `crowd-${i}`, userId: `crowd-${i}`, startedAt: `${crowdedDay}T09:00:00Z`, durationSec: 10 + i, category: 'video' as const }));
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).write([classifiedEnvelope('crowd', crowd)]);
    // Before, a page of at most 500 was the only way to count, and the dashboard said "500+".
    const counted = await get(`/v1/leaderboards/total/count?date=${crowdedDay}`);
    expect([counted.status, counted.body]).toEqual([200, { board: 'total', period: 'day', periodKey: crowdedDay, timeZone: 'UTC', users: 501 }]);
    expect((await get(`/v1/leaderboards/total/count?date=${day}`)).body.users).toBe(7);
    expect((await get(`/v1/leaderboards/total/count?date=2026-01-01`)).body.users).toBe(0);
    const bad = await get('/v1/leaderboards/nope/count');
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringContaining('board "nope" is unknown')]);
  });

  it('answers each read over GraphQL field for field as over REST', async () => {
    const reads: Array<[string, string, string]> = [
      [`/v1/leaderboards/work:programming?date=${day}&limit=3`, `leaderboard(board: "work:programming", date: "${day}", limit: 3)`, 'Leaderboard'],
      [`/v1/leaderboards/work:programming/users/e?date=${day}`, `userRank(board: "work:programming", userId: "e", date: "${day}")`, 'UserRankResult'],
      [`/v1/leaderboards/work:programming/users/e/around?date=${day}&k=1`, `leaderboardAround(board: "work:programming", userId: "e", date: "${day}", k: 1)`, 'LeaderboardAround'],
      [`/v1/leaderboards/work:programming/group?date=${day}&users=a,f`, `leaderboardGroup(board: "work:programming", users: ["a", "f"], date: "${day}")`, 'LeaderboardGroup'],
      [`/v1/users/a/summary?date=${day}`, `userSummary(userId: "a", date: "${day}")`, 'UserSummary'],
      [`/v1/leaderboards/work:programming/count?date=${day}`, `leaderboardCount(board: "work:programming", date: "${day}")`, 'LeaderboardCount'],
    ];
    for (const [path, field, type] of reads) {
      const overRest = await get(path);
      const overGraphql = await graphql(pipeline.url, key, `{ read: ${field} ${await everyFieldOf(pipeline.url, key, type)} }`);
      expect([field, withoutNulls(overGraphql.body.data?.read ?? overGraphql.body.errors)]).toEqual([field, overRest.body]);
    }
  });

  it('serves the same reads over GraphQL', async () => {
    const result = await graphql(
      pipeline.url,
      key,
      `query($d: String) {
        leaderboardAround(board: "work:programming", userId: "e", date: $d, k: 1) { rank score entries { rank userId } }
        leaderboardGroup(board: "work:programming", users: ["a", "f"], date: $d) { entries { rank userId score globalRank } }
        userSummary(userId: "a", date: $d) { total productive categories { categoryId path seconds } }
      }`,
      { d: day },
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.leaderboardAround).toEqual({ rank: 5, score: 80, entries: [{ rank: 2, userId: 'b' }, { rank: 5, userId: 'e' }, { rank: 6, userId: 'f' }] });
    expect(result.body.data.leaderboardGroup.entries).toEqual([
      { rank: 1, userId: 'a', score: 100, globalRank: 1 },
      { rank: 2, userId: 'f', score: 70, globalRank: 6 },
    ]);
    expect(result.body.data.userSummary).toMatchObject({ total: 2500, productive: 1900 });
    expect(result.body.data.userSummary.categories[0]).toEqual({ categoryId: 'communication', path: ['Communication'], seconds: 1800 });
    const bad = await graphql(pipeline.url, key, '{ leaderboardAround(board: "nope", userId: "a") { rank } }');
    expect(bad.body.errors[0]).toMatchObject({ message: expect.stringContaining('board "nope" is unknown'), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
