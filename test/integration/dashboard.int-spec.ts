import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { AckPolicy, DeliverPolicy } from 'nats';
import { Browser, chromium, Page } from 'playwright-core';
import { mulberry32 } from '@lib/text-model';
import { AppConfig, loadConfig } from '@lib/config';
import { maintenanceBucket, writeMaintenanceRecord } from '@lib/contracts';
import { boardTimeZoneKey } from '@lib/leaderboard-core';
import { REDIS } from '@lib/persistence';
import { NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { createService } from '@lib/platform';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { BoardCalendar } from '../../apps/gateway/src/leaderboards/board-calendar.service';
import { GATEWAY_SERVICE } from '../../apps/gateway/src/gateway.setup';
import { LeaderboardWriterService } from '../../apps/leaderboard/src/leaderboard-writer.service';
import { PERSONAS } from '../../tools/demo/activity-catalog';
import { simulateWorkDay } from '../../tools/demo/work-day';
import { http } from '../support/http';
import { createApiKey, RunningPipeline, startPipeline } from '../support/pipeline';
import { startPrivateRedis } from '../support/private-redis';
import { configEnv, testConfig, waitFor } from '../support/test-config';
import { classifiedEnvelope } from './leaderboard.fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  process.stderr.write(`\n[dashboard browser test] SKIPPED: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium, or scripts/bootstrap.sh) or set CHROMIUM_PATH.\n`);
}

/**
 * Opens the dashboard at `url` and gives the key dialog `key`, as a person does on a first visit,
 * then waits for the dialog to close: the page behind it is inert until the gateway has answered
 * for the key, and a control used before (as no person can) raced that answer.
 */
async function connect(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.fill('#key-input', key);
  await page.click('#key-save');
  await page.locator('#key-dialog').waitFor({ state: 'hidden' });
}

/**
 * Runs the page's clock (installed before the page loaded) `ms` on, 2 s at a time, the health panel's
 * refresh: what the page does every 5 s, a stream it tries again after 15 s, come at once instead of in
 * real time. Each step waits for the health panel drawn again, so no read is in flight across steps (a
 * jump of 10 s at once timed out a read sent just before it).
 */
async function passTime(page: Page, ms: number): Promise<void> {
  for (let step = 0; step < Math.ceil(ms / 2000); step++) await drawnAgain(page, '#stages tr', () => page.clock.runFor(2000));
}

/** Marks the rows `rows` finds, does `change`, and waits for a refresh to have drawn them all again. */
async function drawnAgain(page: Page, rows: string, change: () => Promise<unknown>): Promise<void> {
  await page.locator(rows).evaluateAll((found) => found.forEach((row) => row.setAttribute('data-drawn-before', '')));
  await change();
  await waitFor(async () => (await page.locator(rows).count()) > 0 && (await page.locator(`${rows}[data-drawn-before]`).count()) === 0, `${rows} drawn again`, 10_000);
}

/**
 * The dashboard in a real headless Chromium against the real pipeline: events posted over HTTP
 * show up on the page without a reload. Leaves test-artifacts/dashboard.png for people to look at.
 */
(hasChromium ? describe : describe.skip)('dashboard in a browser', () => {
  let pipeline: RunningPipeline;
  let browser: Browser;
  let page: Page;
  let admin: string;
  // Yesterday (UTC, the default TIME_ZONE): always in the past, whenever the test runs.
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  const post = async (events: unknown[]) => {
    for (let i = 0; i < events.length; i += 1000) {
      const response = await http('POST', `${pipeline.url}/v1/events`, { key: admin, body: { events: events.slice(i, i + 1000) } });
      expect(response.status).toBe(202);
    }
  };
  const scoreOnPage = (userId: string) => page.locator(`#entries li[data-user="${userId}"] .score`).getAttribute('data-seconds', { timeout: 1000 }).catch(() => null);

  beforeAll(async () => {
    // Live updates as often as the gateway allows: the memory test waits for 30 of them.
    pipeline = await startPipeline(testConfig({ LIVE_UPDATES_PER_SEC: '50' }));
    admin = await createApiKey(pipeline.apps.gateway!, ['admin']);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.clock.install();
  });

  afterAll(async () => {
    // Also after a failure: the picture shows what the page looked like.
    if (page) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    }
    await browser?.close();
    await pipeline?.close();
  });

  // First, while no dead letter exists yet.
  it('with a read key and no dead letters, asks for nothing it would be refused (no 403 in the console)', async () => {
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    const readerPage = await browser.newPage();
    const consoleErrors: string[] = [];
    const letterRequests: string[] = [];
    readerPage.on('console', (message) => (message.type() === 'error' ? consoleErrors.push(message.text()) : undefined));
    readerPage.on('request', (request) => (request.url().includes('/v1/dead-letters') ? letterRequests.push(request.url()) : undefined));
    try {
      await readerPage.clock.install();
      await connect(readerPage, pipeline.url, reader);
      await readerPage.locator('#kpi-dlq', { hasText: '0' }).waitFor({ timeout: 15_000 });
      // One more refresh of the dead letters (every 5 s) after the health panel counted none.
      await passTime(readerPage, 6_000);
      // Before: the first refresh ran before the health panel had answered, and a read key's 403 was a console error on every load.
      expect([letterRequests, consoleErrors]).toEqual([[], []]);
    } finally {
      await readerPage.close();
    }
  });

  it('asks for a key, then shows the board, which follows posted events without a reload', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const consoleErrors: string[] = [];
    page.on('console', (message) => (message.type() === 'error' ? consoleErrors.push(message.text()) : undefined));

    const response = await page.goto(`${pipeline.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.locator('#key-dialog').waitFor({ state: 'visible' });
    // Nothing asked of the API before there is a key (each would be a 401 in the console).
    expect(consoleErrors).toEqual([]);
    await page.fill('#key-input', 'ap_wrong_key');
    await page.click('#key-save');
    await page.locator('#key-error', { hasText: 'Unknown or revoked key.' }).waitFor();
    await page.fill('#key-input', admin);
    await page.click('#key-save');
    await page.locator('#key-dialog').waitFor({ state: 'hidden' });
    await page.fill('#date', day);

    // A realistic day for a team, from the demo's generator.
    const team = PERSONAS.flatMap((persona, i) =>
      simulateWorkDay({ userId: ['maria.garcia', 'tom.becker', 'kenji.sato', 'aisha.khan', 'lucas.silva'][i], persona, startMs: Date.parse(`${day}T08:30:00Z`), lengthSec: 8.5 * 3600, random: mulberry32(i + 1) }),
    );
    await post(team);
    const expected = await waitFor(async () => {
      const board = await http('GET', `${pipeline.url}/v1/leaderboards/total?period=day&date=${day}&limit=20`, { key: admin });
      return board.body.entries.length === 5 && board.body.entries.reduce((n: number, e: { score: number }) => n + e.score, 0) === team.reduce((n, e) => n + e.durationSec, 0) && board.body.entries;
    }, 'the team on the board', 30_000);
    await waitFor(async () => (await scoreOnPage(expected[0].userId)) === String(expected[0].score), 'the leader on the page');
    expect(await page.locator('#entries li').count()).toBe(5);
    // Before: "users · top 20 shown" over a board of five.
    await page.locator('#kpi-users', { hasText: '5' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#kpi-users-sub').textContent()).toBe('users · all shown');
    expect(await page.locator('#entries li .rank').first().textContent()).toBe('1');

    await page.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));
    const newcomer = { userId: 'zoe.newcomer', app: 'Code', title: 'dashboard.page.ts - api - Visual Studio Code', startedAt: `${day}T06:00:00Z`, durationSec: 12 * 3600 };
    await post([newcomer]);
    await waitFor(async () => (await scoreOnPage('zoe.newcomer')) === String(12 * 3600), 'the newcomer on the page', 20_000);
    expect(await page.locator('#entries li').first().getAttribute('data-user')).toBe('zoe.newcomer');
    expect(await page.locator('#entries li[data-user="zoe.newcomer"] .score').textContent()).toBe('12h 00m');
    expect(await page.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload)).toBe(true);

    // A user's time by category
    await page.click(`#entries li[data-user="${expected[0].userId}"]`);
    // The newcomer's donut (one category) is on the page until the clicked user's summary arrives.
    await waitFor(async () => (await page.locator('#donut circle').count()) > 3, "the clicked user's categories in the donut", 10_000);
    await page.locator('#legend li').first().waitFor();

    // Pipeline health from the stages' stats (published every 5 s) and a dead letter.
    const nats = pipeline.apps.ingestion!.get(NatsConnectionService);
    await nats.js.publish(nats.names.subjects.events('live'), Buffer.from('{"id": "broken", "lane": "live", "events": [{}]}'), { msgID: 'dashboard-broken' });
    await page.locator('tr[data-stage="leaderboard"] .tag.ok').waitFor({ timeout: 20_000 });
    await page.locator('#letters li').first().waitFor({ timeout: 20_000 });
    await waitFor(async () => (await page.locator('#kpi-dlq').textContent()) === '1', 'the dead letter count');
    expect(await page.locator('#letters .reason').first().textContent()).toBe('invalid payload: events.0.eventId is required');
    await waitFor(async () => (await page.locator('#kpi-p99').textContent()) !== '–', 'the end-to-end latency');

    // The leaderboard's daily check: none yet, then a record with drift (health refreshes every 2 s).
    expect(await page.locator('#maintenance').textContent()).toBe('daily check · not run yet');
    const prefix = pipeline.apps.gateway!.get(AppConfig).PIPELINE_PREFIX;
    const record = { day: '2026-11-24', archived: 3, archiveFailures: 0, verifiedDay: '2026-11-23', driftEntries: 4 };
    await writeMaintenanceRecord(await nats.js.views.kv(maintenanceBucket(prefix), { history: 1 }), record);
    await passTime(page, 2_000);
    await page.locator('#maintenance-verdict.bad').waitFor({ timeout: 10_000 });
    expect(await page.locator('#maintenance').textContent()).toBe('daily check 2026-11-24 · 4 board entries of 2026-11-23 differ from the usage logs · 3 periods archived');
    // After days without a run it verified each of them.
    await writeMaintenanceRecord(await nats.js.views.kv(maintenanceBucket(prefix), { history: 1 }), { ...record, day: '2026-11-27', verifiedFrom: '2026-11-24', verifiedDay: '2026-11-26', driftEntries: 0 });
    await passTime(page, 2_000);
    await page.locator('#maintenance-verdict.ok').waitFor({ timeout: 10_000 });
    expect(await page.locator('#maintenance').textContent()).toBe('daily check 2026-11-27 · boards of 2026-11-24 to 2026-11-26 match the usage logs · 3 periods archived');

    // A second inference instance whose LLM circuit breaker is open (its stats as it publishes them).
    const inference = await pipeline.apps.inference!.get(PipelineMetrics).stageSnapshot('inference');
    const circuitOpen = { ...inference, instance: 'probe-inference', at: Date.now(), llmCalls: { error: 5, circuit_open: 2 }, llmCircuitOpen: true };
    nats.nc.publish(nats.names.subjects.stats('inference'), Buffer.from(JSON.stringify(circuitOpen)));
    await nats.nc.flush();
    await passTime(page, 2_000);
    await page.locator('#llm-circuit').waitFor({ timeout: 10_000 });
    expect(await page.locator('#llm-circuit').textContent()).toBe("LLM circuit open · on 1 of 2 inference instances: unknown events keep the model's answer");

    // A consumer nobody reads: its oldest unhandled event ages toward the streams' retention.
    const stalled = `${prefix}-stalled-probe`;
    await nats.jsm.consumers.add(nats.names.streams.events, { durable_name: stalled, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New, filter_subject: nats.names.subjects.events('live') });
    await post([{ userId: 'ivy', app: 'Slack', title: 'general', startedAt: `${day}T15:00:00Z`, durationSec: 60 }]);
    await passTime(page, 2_000);
    const probe = page.locator('#consumers [data-consumer="stalled-probe"]');
    await waitFor(async () => /oldest unhandled [1-9]\d*s of 168h 00m kept$/.test((await probe.textContent({ timeout: 1000 }).catch(() => '')) ?? ''), 'the stalled consumer with its oldest event', 15_000);
    expect(await page.locator('#consumers [data-consumer="leaderboard-live"]').textContent()).not.toContain('oldest');
    await nats.jsm.consumers.delete(nats.names.streams.events, stalled);

    // An import job with a row counted twice and a bad one: the card shows the job's own counts.
    const csv = `user_id,app,title,started_at,duration_sec\nivy,Code,a.ts,${day}T10:00:00Z,60\nivy,Code,a.ts,${day}T10:00:00Z,60\nivy,Code,b.ts,${day}T11:00:00Z,-5\n`;
    const upload = await http('POST', `${pipeline.url}/v1/imports?format=csv&fileName=team.csv`, { key: admin, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.status).toBe(202);
    const job = await waitFor(async () => {
      const view = (await http('GET', `${pipeline.url}/v1/imports/${upload.body.jobId}`, { key: admin })).body;
      return view.status === 'DONE' && view;
    }, 'the import job to finish', 30_000);
    expect([job.accepted, job.duplicates, job.rejectedCount, job.rowsTotal]).toEqual([1, 1, 1, 3]);
    const card = page.locator(`#jobs li[data-job="${job.id}"]`);
    // The jobs are read every 5 s.
    await passTime(page, 6_000);
    await waitFor(async () => ((await card.textContent({ timeout: 1000 }).catch(() => '')) ?? '').includes('rejected'), 'the import job on the page', 15_000);
    expect(await card.textContent()).toBe('team.csvDONE1 accepted · 1 duplicate · 1 rejected · 3 of 3 rows');
    expect(errors).toEqual([]);
  });

  it("moves to the new day at local midnight while it shows today's board", async () => {
    const night = await browser.newPage();
    try {
      // The page's clock only: the board of any date is there to read.
      await night.clock.install({ time: Date.parse('2026-11-20T23:59:50Z') });
      await night.goto(`${pipeline.url}/`);
      await night.evaluate((key) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('ap.apiKey', key), admin);
      await night.reload();
      await night.locator('#board-key', { hasText: '2026-11-20' }).waitFor();
      await night.locator('#live-mode', { hasText: 'streaming' }).waitFor();
      await night.clock.runFor(15_000);
      expect(await night.inputValue('#date')).toBe('2026-11-21');
      // Before, the stream went on with 2026-11-20's board under the new date.
      await night.locator('#board-key', { hasText: '2026-11-21' }).waitFor({ timeout: 5000 });
    } finally {
      await night.close();
    }
  });

  // After the first test, which leaves a dead letter pending.
  it("gives its times in the boards' zone and names it, whatever the browser's zone", async () => {
    const tokyo = await browser.newPage({ timezoneId: 'Asia/Tokyo', locale: 'en-GB' });
    try {
      await connect(tokyo, pipeline.url, admin);
      const asOf = (await tokyo.locator('#health-at', { hasText: 'as of' }).textContent({ timeout: 15_000 }))!;
      // Before: "as of 09:45:12", Tokyo's time, next to boards of UTC's day.
      const [, hh, mm, ss] = /^as of (\d\d):(\d\d):(\d\d) UTC$/.exec(asOf) ?? [asOf];
      const shownSec = Number(hh) * 3600 + Number(mm) * 60 + Number(ss);
      const utcNowSec = Math.floor((Date.now() % 86_400_000) / 1000);
      expect(Math.min(Math.abs(utcNowSec - shownSec), 86_400 - Math.abs(utcNowSec - shownSec))).toBeLessThan(60);
      const letter = (await http('GET', `${pipeline.url}/v1/dead-letters?limit=1`, { key: admin })).body.items[0];
      const failedAt = `${new Date(letter.lastFailedAt).toISOString().slice(0, 10)} ${new Date(letter.lastFailedAt).toISOString().slice(11, 19)} UTC`;
      await tokyo.locator('#letters small').first().waitFor({ timeout: 15_000 });
      expect(await tokyo.locator('#letters small').first().textContent()).toContain(`failed ${failedAt}`);
      // Before: "1 deliveries".
      expect(await tokyo.locator('#letters small').first().textContent()).toContain(' · 1 delivery · ');
    } finally {
      await tokyo.close();
    }
  });

  it("follows the boards' zone when it changes while the page is open", async () => {
    const gateway = pipeline.apps.gateway!;
    const calendar = gateway.get(BoardCalendar);
    const recorded = boardTimeZoneKey(gateway.get(AppConfig).REDIS_PREFIX);
    const redis = gateway.get<Redis>(REDIS);
    const open = await browser.newPage();
    try {
      await connect(open, pipeline.url, admin);
      await open.locator('#health-at', { hasText: / UTC$/ }).waitFor({ timeout: 15_000 });
      // The leaderboard app restarted in another zone (or recorded its own after the gateway had rendered the page in its default),
      // one whose day is not UTC's now.
      const zone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
      await redis.set(recorded, zone);
      await calendar.refresh();
      // Before: the zone of the page's loading for good, "today" and every time the old zone's.
      await open.locator('#health-at', { hasText: ` ${zone}` }).waitFor({ timeout: 10_000 });
      const zoneToday = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
      await waitFor(async () => (await open.inputValue('#date')) === zoneToday, "the zone's today in the date field", 10_000);
      await open.locator('#board-key', { hasText: zoneToday }).waitFor({ timeout: 10_000 });
    } finally {
      await open.close();
      await redis.set(recorded, 'UTC');
      await calendar.refresh();
    }
  });

  it('fits a phone: the page does not scroll sideways, each leaderboard row shows its score', async () => {
    const earlier = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    await post([{ userId: 'maximilian.oberhauser', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${earlier}T08:00:00Z`, durationSec: 11 * 3600 + 59 * 60 }]);
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 } });
    try {
      await connect(phone, pipeline.url, admin);
      await phone.fill('#date', earlier);
      const score = phone.locator('#entries li[data-user="maximilian.oberhauser"] .score');
      await score.waitFor({ timeout: 20_000 });
      await phone.locator('#health-at', { hasText: 'as of' }).waitFor({ timeout: 15_000 });
      // Before: 663 px of page in a 375 px screen, the scores cut off at the right edge.
      expect(await phone.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const box = (await score.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect(await score.textContent()).toBe('11h 59m');
    } finally {
      await phone.close();
    }
  });

  it('draws the browser\'s own controls dark in dark mode', async () => {
    const dark = await browser.newPage({ colorScheme: 'dark', viewport: { width: 820, height: 1000 } });
    try {
      await connect(dark, pipeline.url, admin);
      await dark.locator('#key-dialog').waitFor({ state: 'hidden' });
      type Styled = { getComputedStyle(node: unknown): { colorScheme: string }; document: { getElementById(id: string): unknown } };
      // Before: "normal", a black calendar icon on the dark date field.
      expect(await dark.evaluate(() => (globalThis as unknown as Styled).getComputedStyle((globalThis as unknown as Styled).document.getElementById('date')).colorScheme)).toBe('light dark');
    } finally {
      await dark.close();
    }
  });

  it('works from the keyboard: a leaderboard row takes the focus, Enter shows its user, and the focus stays on it through live updates', async () => {
    const kbDay = new Date(Date.now() - 4 * 86_400_000).toISOString().slice(0, 10);
    const event = (userId: string, hour: number, durationSec: number) => ({ userId, app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${kbDay}T${hour}:00:00Z`, durationSec });
    await post([event('ada', 10, 3600), event('bob', 10, 1800)]);
    const keys = await browser.newPage();
    type Focused = { document: { activeElement: { getAttribute(name: string): string | null } | null } };
    const focusedUser = () => keys.evaluate(() => (globalThis as unknown as Focused).document.activeElement?.getAttribute('data-user') ?? null);
    try {
      await keys.goto(`${pipeline.url}/`);
      await keys.fill('#key-input', admin);
      await keys.press('#key-input', 'Enter');
      await keys.fill('#date', kbDay);
      await keys.locator('#entries li[data-user="bob"]').waitFor({ timeout: 20_000 });
      let tabs = 0;
      // Before: rows were not focusable, Tab went past the board.
      while ((await focusedUser()) !== 'ada' && tabs++ < 40) await keys.keyboard.press('Tab');
      await keys.keyboard.press('Tab');
      expect(await focusedUser()).toBe('bob');
      await keys.keyboard.press('Enter');
      await waitFor(async () => (await keys.inputValue('#user')) === 'bob', "bob's summary picked");
      // The pick as a screen reader tells it (before: a background color only).
      expect(await keys.locator('#entries li[aria-pressed="true"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user')))).toEqual(['bob']);
      await post([event('bob', 12, 3600)]);
      await keys.locator('#entries li:first-child[data-user="bob"]').waitFor({ timeout: 20_000 });
      // Before: the rebuilt rows dropped the focus at every update.
      expect(await focusedUser()).toBe('bob');
    } finally {
      await keys.close();
    }
  });

  it("answers a user id the API refuses with the reason, not the last user's donut under the new name", async () => {
    const cleoDay = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    await post([{ userId: 'cleo', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${cleoDay}T09:00:00Z`, durationSec: 5400 }]);
    // Counted before the page asks: behind the earlier tests' events, on a loaded machine, it took longer than the page's wait.
    await waitFor(async () => ((await http('GET', `${pipeline.url}/v1/users/cleo/summary?period=day&date=${cleoDay}`, { key: admin })).body?.total === 5400 ? true : undefined), "cleo's 5400 s counted");
    const users = await browser.newPage();
    try {
      await connect(users, pipeline.url, admin);
      await users.fill('#date', cleoDay);
      await users.fill('#user', 'cleo');
      await users.press('#user', 'Enter');
      await users.locator('#donut text', { hasText: '1h 30m' }).waitFor({ timeout: 20_000 });
      await users.fill('#user', 'cleo the second');
      await users.press('#user', 'Enter');
      // Before: "· cleo the second · day of …" over cleo's 1h 30m.
      await users.locator('#user-empty', { hasText: 'Cannot show cleo the second: userId may hold only letters, digits' }).waitFor({ timeout: 10_000 });
      expect(await users.locator('#donut-box').isHidden()).toBe(true);
    } finally {
      await users.close();
    }
  });

  it("counts a category created after the page opened once in the user's donut", async () => {
    const mlDay = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    const categories = await browser.newPage();
    try {
      await categories.clock.install();
      await connect(categories, pipeline.url, admin);
      await categories.fill('#date', mlDay);
      await categories.locator('#board-key', { hasText: mlDay }).waitFor({ timeout: 15_000 });
      expect((await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { id: 'work:machine-learning', name: 'Machine learning', parentId: 'work' } })).status).toBe(201);
      expect((await http('POST', `${pipeline.url}/v1/rules`, { key: admin, body: { kind: 'app', pattern: 'TensorBoard', categoryId: 'work:machine-learning' } })).status).toBe(201);
      await waitFor(async () => {
        const answer = await http('POST', `${pipeline.url}/v1/classify`, { key: admin, body: { items: [{ app: 'TensorBoard' }] } });
        return answer.body.results?.[0]?.category === 'work:machine-learning';
      }, 'the rule live in classification');
      await post([{ userId: 'nia', app: 'TensorBoard', title: 'runs', startedAt: `${mlDay}T09:00:00Z`, durationSec: 3600 }]);
      // The leaderboard app learns the new category on its next catalog read.
      await waitFor(async () => {
        const summary = (await http('GET', `${pipeline.url}/v1/users/nia/summary?period=day&date=${mlDay}`, { key: admin })).body;
        return summary.categories?.some((c: { categoryId: string }) => c.categoryId === 'work:machine-learning');
      }, "nia's hour in the new category");
      await categories.fill('#user', 'nia');
      await categories.press('#user', 'Enter');
      // The page may have picked nia itself, from a summary read before the category's board existed: the 5-s refresh follows.
      await passTime(categories, 6_000);
      await waitFor(async () => (await categories.locator('#legend').textContent()) === 'Machine learning1h 00m · 100%', 'the new category in the legend', 10_000);
      // Before: the page did not know the category's parent, so its hour counted on Work too: "2h 00m".
      expect(await categories.locator('#donut .donut-center').textContent()).toBe('1h 00m');
      // And its board is in the picker.
      expect(await categories.locator('#board option[value="work:machine-learning"]').count()).toBe(1);
    } finally {
      await categories.close();
    }
  });

  it('keeps the key dialog closed once the key is saved, whatever a control touched before asked', async () => {
    const early = await browser.newPage();
    try {
      // Reads sent without a key answer late, as over a slow network: their 401 came after the key was saved.
      const keyless: string[] = [];
      let keylessAnswered = 0;
      await early.route(/\/v1\//, async (route) => {
        const withoutKey = route.request().headers()['x-api-key'] === '';
        if (withoutKey) {
          keyless.push(route.request().url());
          await new Promise((resolve) => setTimeout(resolve, 1500));
        }
        await route.continue().catch(() => undefined);
        if (withoutKey) keylessAnswered++;
      });
      await early.goto(`${pipeline.url}/`);
      await early.locator('#key-dialog').waitFor({ state: 'visible' });
      // The date, changed before a key is given (the dialog closed: the page behind it is inert while it is open).
      await early.keyboard.press('Escape');
      await early.fill('#date', day);
      await early.click('#key-button');
      await early.fill('#key-input', admin);
      await early.click('#key-save');
      await early.locator('#board-key', { hasText: day }).waitFor({ timeout: 15_000 });
      await waitFor(async () => keylessAnswered === keyless.length, 'the reads sent without a key answered');
      await early.evaluate(() => undefined);
      // Before: the date's keyless reads went out and their 401, answered after the save, reopened the dialog.
      expect(await early.locator('#key-dialog').isHidden()).toBe(true);
      expect(keyless).toEqual([]);
    } finally {
      await early.close();
    }
  });

  it('shows the period picked last when an earlier pick answers after it', async () => {
    const switching = await browser.newPage();
    try {
      await connect(switching, pipeline.url, admin);
      await switching.fill('#date', day);
      await switching.locator('#board-key', { hasText: day }).waitFor({ timeout: 15_000 });
      // The week's board reads answer late, as over a slow network.
      const lateWeek = new Set<string>();
      await switching.route(/\/v1\/leaderboards\/total\?period=week/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue().catch(() => undefined);
        lateWeek.add(route.request().url());
      });
      await switching.click('#period button[data-period="week"]');
      await switching.click('#period button[data-period="month"]');
      await switching.locator('#board-key', { hasText: day.slice(0, 7) }).waitFor({ timeout: 10_000 });
      // The pick as a screen reader tells it (before: no aria-pressed, only a color).
      expect(await switching.locator('#period button[aria-pressed="true"]').allTextContents()).toEqual(['Month']);
      await waitFor(async () => [...lateWeek].some((url) => url.includes('limit=20')), "the week's late answer");
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Before: the week's board replaced the month's, under "Month".
      expect(await switching.locator('#board-key').textContent()).toBe(day.slice(0, 7));
    } finally {
      await switching.close();
    }
  });

  it("says what fails while the boards' Redis or the gateway is down or silent, and goes back to live when they are back", async () => {
    // A pipeline of its own: a leaderboard app on a Redis this test stops, a gateway it closes.
    let redis = await startPrivateRedis('dashboard');
    const config = testConfig();
    const boards = await startPipeline(loadConfig({ ...configEnv(config), REDIS_URL: redis.url }), ['leaderboard']);
    const front = await startPipeline(config, ['gateway']);
    const key = await createApiKey(front.apps.gateway!, ['admin']);
    const outage = await browser.newPage();
    try {
      await outage.clock.install();
      await connect(outage, front.url, key);
      await outage.locator('#live-mode', { hasText: 'live · streaming' }).waitFor({ timeout: 15_000 });
      await outage.locator('#health-at', { hasText: 'as of' }).waitFor({ timeout: 15_000 });
      await redis.stop('SIGKILL');
      // The users' count (read every 5 s) asks the boards while the stream has nothing to say.
      await passTime(outage, 6_000);
      // Before: "live · streaming" over the last board, whatever the reads answered.
      await outage.locator('#live-mode', { hasText: 'Redis is unreachable' }).waitFor({ timeout: 20_000 });
      expect(await outage.locator('#live-dot').getAttribute('class')).toBe('dot off');
      redis = await startPrivateRedis('dashboard', redis.port);
      // A stream ended with the outage is tried again after 15 s.
      await passTime(outage, 16_000);
      await outage.locator('#live-mode', { hasText: 'live · streaming' }).waitFor({ timeout: 30_000 });
      // A gateway that answers nothing (frozen, or the network gone): the open stream says nothing either.
      await outage.route('**/v1/**', () => undefined);
      await outage.clock.runFor(12_000);
      // Before: the reads hung, and the header said "live · streaming" for good.
      await outage.locator('#live-mode', { hasText: 'no answer from the gateway within 10 s' }).waitFor({ timeout: 25_000 });
      await outage.unroute('**/v1/**');
      await passTime(outage, 6_000);
      await outage.locator('#live-mode', { hasText: 'live · streaming' }).waitFor({ timeout: 20_000 });
      await front.close();
      await outage.clock.runFor(2_000);
      // Before: the health panel kept its last numbers and time, the header said nothing.
      await outage.locator('#health-at', { hasText: 'not refreshed since' }).waitFor({ timeout: 20_000 });
      // Once, not "gateway unreachable · pipeline health: gateway unreachable".
      expect(await outage.locator('#live-mode').textContent()).toBe('gateway unreachable');
    } finally {
      await outage.close();
      await boards.close();
      await front.close().catch(() => undefined);
      await redis.stop();
    }
  });

  it('with a read key, asks for the dead letters once, not on every refresh', async () => {
    const reader = await createApiKey(pipeline.apps.gateway!, ['read']);
    const readerPage = await browser.newPage();
    const letterRequests: string[] = [];
    readerPage.on('request', (request) => (request.url().includes('/v1/dead-letters') ? letterRequests.push(request.url()) : undefined));
    try {
      await readerPage.clock.install();
      await connect(readerPage, pipeline.url, reader);
      await readerPage.locator('#dlq-note', { hasText: 'an admin key lists and replays them' }).waitFor({ timeout: 15_000 });
      // Two more refreshes (every 5 s) while the health panel still counts the dead letter.
      await passTime(readerPage, 10_000);
      expect(await readerPage.locator('#kpi-dlq').textContent()).toBe('1');
      expect(letterRequests).toHaveLength(1);
    } finally {
      await readerPage.close();
    }
  });

  it('sends a key revoked while the page is open no more, and asks for another', async () => {
    const created = (await http('POST', `${pipeline.url}/v1/api-keys`, { key: admin, body: { name: 'dashboard revoked', scopes: ['read'] } })).body;
    const revokedPage = await browser.newPage();
    let revoked = false;
    const sentRevoked: string[] = [];
    revokedPage.on('request', (request) => (revoked && request.headers()['x-api-key'] === created.key ? sentRevoked.push(request.url()) : undefined));
    try {
      await revokedPage.clock.install();
      await revokedPage.goto(`${pipeline.url}/`);
      await revokedPage.fill('#key-input', created.key);
      await revokedPage.click('#key-save');
      await revokedPage.locator('#live-mode', { hasText: 'live · streaming' }).waitFor({ timeout: 15_000 });
      expect((await http('DELETE', `${pipeline.url}/v1/api-keys/${created.id}`, { key: admin })).status).toBe(204);
      revoked = true;
      await revokedPage.clock.runFor(2_000);
      await revokedPage.locator('#key-error', { hasText: 'This key was refused' }).waitFor({ timeout: 15_000 });
      const sentUntilRefused = sentRevoked.length;
      // Two more health refreshes (every 2 s) and one of the rest (every 5 s): the page sends each read as they come.
      await revokedPage.clock.runFor(6_000);
      // Before: every refresh went on with the revoked key, each a 401 spending the address's budget of unknown keys.
      expect(sentRevoked.slice(sentUntilRefused)).toEqual([]);
      expect(await revokedPage.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('ap.apiKey'))).toBeNull();
    } finally {
      await revokedPage.close();
    }
  });

  it('leaves no stream open but the one of the board shown, however slowly the earlier ones answered', async () => {
    const slow = await browser.newPage();
    const open = new Set<unknown>();
    const isStream = (url: string) => url.includes('/stream?');
    slow.on('request', (request) => (isStream(request.url()) ? open.add(request) : undefined));
    slow.on('requestfailed', (request) => open.delete(request));
    slow.on('requestfinished', (request) => open.delete(request));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    // The first stream's answer is held, as behind a proxy that has not answered yet.
    await slow.route(/\/stream\?/, async (route) => {
      if (held++ === 0) await released;
      await route.continue().catch(() => undefined);
    });
    try {
      await slow.clock.install();
      await connect(slow, pipeline.url, admin);
      await slow.locator('#live-mode', { hasText: 'live · polling' }).waitFor({ timeout: 15_000 });
      // The page tries a stream again after 15 s.
      await slow.clock.runFor(16_000);
      await slow.locator('#live-mode', { hasText: 'live · streaming' }).waitFor({ timeout: 10_000 });
      release();
      await slow.fill('#date', day);
      await slow.locator('#board-key', { hasText: day }).waitFor({ timeout: 10_000 });
      // Before: the held stream, replaced without being aborted, stayed open for good, showing today's board.
      await waitFor(async () => open.size === 1, 'one stream open', 10_000);
    } finally {
      await slow.close();
    }
  });

  it("says why it cannot show a board picked, instead of the last board's rows under its name", async () => {
    const goneDay = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await post([{ userId: 'dora', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${goneDay}T09:00:00Z`, durationSec: 600 }]);
    expect((await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { id: 'work:short-lived', name: 'Short-lived', parentId: 'work' } })).status).toBe(201);
    const gone = await browser.newPage();
    try {
      await connect(gone, pipeline.url, admin);
      await gone.fill('#date', goneDay);
      await gone.locator('#entries li[data-user="dora"]').waitFor({ timeout: 20_000 });
      // Deleted while the page is open: the picker still offers its board.
      expect((await http('DELETE', `${pipeline.url}/v1/categories/work:short-lived`, { key: admin })).status).toBe(200);
      await waitFor(async () => (await http('GET', `${pipeline.url}/v1/leaderboards/work:short-lived?date=${goneDay}`, { key: admin })).status === 400, 'the board gone');
      await gone.selectOption('#board', 'work:short-lived');
      // Before: dora's row of the total board under "Work › Short-lived", the reason in the header only.
      await gone.locator('#board-failed', { hasText: 'Cannot show this board: board "work:short-lived" is unknown' }).waitFor({ timeout: 10_000 });
      expect(await gone.locator('#entries li').count()).toBe(0);
      expect(await gone.locator('#kpi-users').textContent()).toBe('–');
    } finally {
      await gone.close();
    }
  });

  it('asks for the key in a dialog a screen reader names, keeps the focus in it and says a refusal aloud', async () => {
    const reader = await browser.newPage();
    type Focus = { document: { activeElement: { closest(selector: string): unknown } | null } };
    const focusInDialog = () => reader.evaluate(() => !!(globalThis as unknown as Focus).document.activeElement?.closest('#key-dialog'));
    try {
      await reader.goto(`${pipeline.url}/`);
      // Before: a plain box, its input named only by a placeholder, the page behind reachable by Tab.
      const dialog = reader.getByRole('dialog', { name: 'Connect with an API key' });
      await dialog.waitFor();
      await reader.getByLabel('API key', { exact: true }).fill('ap_wrong_key');
      await reader.keyboard.press('Enter');
      await reader.getByRole('alert').filter({ hasText: 'Unknown or revoked key.' }).waitFor();
      for (let i = 0; i < 6; i++) {
        await reader.keyboard.press('Tab');
        expect(await focusInDialog()).toBe(true);
      }
      // The header's state is a status a screen reader tells when it changes.
      expect(await reader.getByRole('status').textContent()).toBe('API key needed');
      // Escape closes it wherever the focus went, a click beside the form included (before: only from inside the form).
      await reader.mouse.click(5, 300);
      await reader.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden', timeout: 2_000 });
    } finally {
      await reader.close();
    }
  });

  it('keeps the key dialog open and says why when the gateway could not check the key', async () => {
    // A gateway of its own, with a small budget of unknown keys per address, spent before the key is typed in.
    const front = await startPipeline(loadConfig({ ...configEnv(testConfig()), UNKNOWN_KEYS_PER_MIN: '3' }), ['gateway']);
    const key = await createApiKey(front.apps.gateway!, ['read']);
    const checked = await browser.newPage();
    try {
      for (let i = 0; i < 3; i++) expect((await http('GET', `${front.url}/v1/ops/pipeline`, { key: `ap_made_up_${i}` })).status).toBe(401);
      const refusal = await http('GET', `${front.url}/v1/ops/pipeline`, { key });
      expect(refusal.status).toBe(429);
      await checked.goto(`${front.url}/`);
      await checked.fill('#key-input', key);
      await checked.click('#key-save');
      // Before: any answer but 401 and 403 saved the key unchecked and closed the dialog.
      // The page's own request comes a moment later: its "retry after N s" may count a second less.
      const refusalText = `The key could not be checked: ${refusal.body.message}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+ s\b/, '\\d+ s');
      await checked.locator('#key-error', { hasText: new RegExp(refusalText) }).waitFor({ timeout: 10_000 });
      expect(await checked.locator('#key-dialog').isVisible()).toBe(true);
    } finally {
      await checked.close();
      await front.close();
    }
  });

  it('never puts an older pipeline health over a newer one when a read answers late', async () => {
    const late = await browser.newPage();
    let reads = 0;
    let delivered = false;
    let held!: () => void;
    const lateAnswerHeld = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The gateway's answer to one health read (the third: the key check is the first) reaches the page after
    // those of two later reads, as over a congested link.
    await late.route(/\/v1\/ops\/pipeline$/, async (route) => {
      if (++reads !== 3) return route.continue().catch(() => undefined);
      const response = await route.fetch();
      held();
      await released;
      await route.fulfill({ response }).catch(() => undefined);
      delivered = true;
    });
    // Every time the panel showed, in order.
    await late.addInitScript(() => {
      const page = globalThis as unknown as { shown: string[]; document: { addEventListener(e: string, f: () => void): void; getElementById(id: string): unknown }; MutationObserver: new (f: () => void) => { observe(n: unknown, o: object): void } };
      page.shown = [];
      page.document.addEventListener('DOMContentLoaded', () => {
        const at = page.document.getElementById('health-at') as { textContent: string };
        new page.MutationObserver(() => page.shown.push(at.textContent)).observe(at, { childList: true, characterData: true, subtree: true });
      });
    });
    try {
      await late.clock.install();
      await connect(late, pipeline.url, admin);
      await late.clock.runFor(4_000);
      await lateAnswerHeld;
      await passTime(late, 4_000);
      release();
      await waitFor(async () => delivered, 'the late answer delivered', 15_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const shown = (await late.evaluate(() => (globalThis as unknown as { shown: string[] }).shown)).filter((text) => text.startsWith('as of'));
      expect(shown.length).toBeGreaterThan(2);
      // Each time shown is the one before or later (across midnight too): seconds of the day each went forward by.
      const seconds = shown.map((text) => text.slice(6, 14).split(':').reduce((n, part) => n * 60 + Number(part), 0));
      const steps = seconds.slice(1).map((second, i) => (second - seconds[i] + 86_400) % 86_400);
      // Before: the late answer's time, seconds older, came after the newer ones (a step back of 4 s: 86,396 s forward).
      expect(steps.filter((step) => step > 43_200)).toEqual([]);
    } finally {
      await late.close();
    }
  });

  it('holds no more memory after many live updates than after a few (a page left open for days)', async () => {
    const pumpDay = new Date(Date.now() - 8 * 86_400_000).toISOString().slice(0, 10);
    const open = await browser.newPage();
    try {
      await connect(open, pipeline.url, admin);
      await open.fill('#date', pumpDay);
      await post([{ userId: 'pat', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${pumpDay}T08:00:00Z`, durationSec: 60 }]);
      await open.locator('#entries li[data-user="pat"]').waitFor({ timeout: 30_000 });
      await open.locator('#live-mode', { hasText: 'live · streaming' }).waitFor({ timeout: 15_000 });
      // The page's promises still held, after a garbage collection.
      const cdp = await open.context().newCDPSession(open);
      const promisesHeld = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const prototype = await cdp.send('Runtime.evaluate', { expression: 'Promise.prototype' });
        const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.result.objectId! });
        const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: objects.objectId!, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
        return result.value as number;
      };
      await open.evaluate(() => {
        const page = globalThis as unknown as { renders: number; document: { getElementById(id: string): unknown }; MutationObserver: new (f: () => void) => { observe(n: unknown, o: object): void } };
        page.renders = 0;
        new page.MutationObserver(() => page.renders++).observe(page.document.getElementById('entries'), { childList: true });
      });
      const before = await promisesHeld();
      // Each event changes the board: a live update (at most LIVE_UPDATES_PER_SEC), until the page showed 30.
      const renders = () => open.evaluate(() => (globalThis as unknown as { renders: number }).renders);
      let posted = 0;
      while ((await renders()) < 30 && posted < 600) {
        posted++;
        await post([{ userId: 'pat', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: new Date(Date.parse(`${pumpDay}T09:00:00Z`) + posted * 60_000).toISOString(), durationSec: 30 }]);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const patOnPage = () => open.locator('#entries li[data-user="pat"] .score').getAttribute('data-seconds', { timeout: 1000 }).catch(() => null);
      await waitFor(async () => (await patOnPage()) === String(60 + posted * 30), "pat's last update on the page", 30_000);
      expect(await renders()).toBeGreaterThanOrEqual(30);
      // Before: the stream's reader was a promise chain as long as the stream, one more promise held for each update.
      expect((await promisesHeld()) - before).toBeLessThan(10);
    } finally {
      await open.close();
    }
  });

  it("says why a dead letter's replay failed, where the letter is listed", async () => {
    const nats = pipeline.apps.ingestion!.get(NatsConnectionService);
    // Put there by hand (another tool, an older version): no ap-dlq-subject, so nowhere to replay it to.
    const stored = await nats.js.publish(nats.names.subjects.deadLetter('manual'), Buffer.from('{"by": "hand"}'), { msgID: 'dashboard-no-subject' });
    const operator = await browser.newPage();
    try {
      await operator.clock.install();
      await connect(operator, pipeline.url, admin);
      const letter = operator.locator('#letters li', { hasText: `#${stored.seq} ` });
      await letter.waitFor({ timeout: 20_000 });
      await letter.getByRole('button', { name: 'Replay' }).click();
      // Before: the list came back as it was, the button enabled again, not a word.
      await letter.getByRole('alert').filter({ hasText: `Replay failed: dead letter ${stored.seq} has no ap-dlq-subject header: it cannot be replayed (discard it instead)` }).waitFor({ timeout: 10_000 });
      // Still there after the next refresh (every 5 s), read out once: an alert again at each refresh was read out again.
      await drawnAgain(operator, '#letters li', () => passTime(operator, 6_000));
      expect(await letter.locator('.replay-failed').textContent()).toContain('Replay failed');
      expect(await letter.getByRole('alert').count()).toBe(0);
    } finally {
      await operator.close();
      await http('DELETE', `${pipeline.url}/v1/dead-letters/${stored.seq}`, { key: admin });
    }
  });

  it("keeps a dead letter's Replay button disabled while its replay is asked, through the list's refreshes", async () => {
    const nats = pipeline.apps.ingestion!.get(NatsConnectionService);
    const stored = await nats.js.publish(nats.names.subjects.deadLetter('manual'), Buffer.from('{"by": "hand"}'), { msgID: 'dashboard-slow-replay' });
    const operator = await browser.newPage();
    try {
      // The replay answers late, as over a slow network: after the list's next refresh (every 5 s).
      await operator.route(/\/v1\/dead-letters\/\d+\/replay$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 12_000));
        await route.continue().catch(() => undefined);
      });
      await operator.clock.install();
      await connect(operator, pipeline.url, admin);
      const letter = operator.locator('#letters li', { hasText: `#${stored.seq} ` });
      await letter.waitFor({ timeout: 20_000 });
      await letter.getByRole('button', { name: 'Replay' }).click();
      // The list refreshed while the replay is asked.
      await drawnAgain(operator, '#letters li', () => passTime(operator, 6_000));
      // Before: the refreshed list drew the button enabled again, and a second click failed ("replayed or discarded already?").
      expect(await letter.getByRole('button', { name: 'Replay' }).isDisabled()).toBe(true);
    } finally {
      await operator.close();
      await http('DELETE', `${pipeline.url}/v1/dead-letters/${stored.seq}`, { key: admin });
    }
  });

  it('shows a success rate under 100 % whenever a message failed, however many succeeded', async () => {
    const nats = pipeline.apps.ingestion!.get(NatsConnectionService);
    const rates = await browser.newPage();
    try {
      await rates.clock.install();
      await connect(rates, pipeline.url, admin);
      // A stage of its own (nothing else reports it), its instance started a second ago: one retry in 10,000 messages.
      const le = [0.01, 0.1, 1];
      const probe = { instance: 'probe-rate', stage: 'rate-probe', at: Date.now(), startedAt: Date.now() - 1000, events: 0, messages: { ack: 9_999, retry: 1 }, handlerSeconds: { le, counts: [0, 0, 0], count: 0, sum: 0 } };
      nats.nc.publish(nats.names.subjects.stats('rate-probe'), Buffer.from(JSON.stringify(probe)));
      await nats.nc.flush();
      await passTime(rates, 2_000);
      const success = rates.locator('tr[data-stage="rate-probe"] td:nth-child(4)');
      await success.waitFor({ timeout: 10_000 });
      // Before: 0.9999 rounded to one decimal, "100.0%".
      expect(await success.textContent()).toBe('99.9%');
    } finally {
      await rates.close();
    }
  });

  it('goes back to one live stream after its gateway restarted, and follows the board again', async () => {
    // A gateway of its own on the shared pipeline, restarted on the same port (the page's origin).
    const config = pipeline.apps.gateway!.get(AppConfig);
    let gateway = await createService(GatewayModule.forRoot(config), GATEWAY_SERVICE);
    await gateway.listen(0, '127.0.0.1');
    const url = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    const restarted = await browser.newPage();
    const open = new Set<unknown>();
    restarted.on('request', (request) => (request.url().includes('/stream?') ? open.add(request) : undefined));
    restarted.on('requestfailed', (request) => open.delete(request));
    restarted.on('requestfinished', (request) => open.delete(request));
    const restartDay = new Date(Date.now() - 9 * 86_400_000).toISOString().slice(0, 10);
    try {
      await restarted.clock.install();
      await restarted.goto(`${url}/`);
      await restarted.fill('#key-input', admin);
      await restarted.click('#key-save');
      await restarted.fill('#date', restartDay);
      await restarted.locator('#live-mode', { hasText: 'live · streaming' }).waitFor({ timeout: 15_000 });
      await gateway.close();
      await restarted.locator('#live-mode', { hasText: 'gateway unreachable' }).waitFor({ timeout: 15_000 });
      gateway = await createService(GatewayModule.forRoot(config), GATEWAY_SERVICE);
      await gateway.listen(Number(new URL(url).port), '127.0.0.1');
      // The page tries a stream again 15 s after its last try.
      await passTime(restarted, 16_000);
      await restarted.locator('#live-mode', { hasText: 'live · streaming' }).waitFor({ timeout: 30_000 });
      await post([{ userId: 'rex', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${restartDay}T09:00:00Z`, durationSec: 600 }]);
      await restarted.locator('#entries li[data-user="rex"]').waitFor({ timeout: 20_000 });
      expect(open.size).toBe(1);
    } finally {
      await restarted.close();
      await gateway.close();
    }
  });

  it('keeps the import jobs through a failed refresh and says it failed, instead of hiding the card', async () => {
    const jobs = await browser.newPage();
    try {
      await jobs.clock.install();
      await connect(jobs, pipeline.url, admin);
      await jobs.locator('#imports-card').waitFor({ timeout: 15_000 });
      // The jobs' reads fail on the way, as over a flaky network.
      await jobs.route(/\/v1\/imports\?/, (route) => route.abort('failed'));
      // Before: the card vanished at the next refresh (every 5 s), without a word.
      await passTime(jobs, 6_000);
      await jobs.locator('#imports-note', { hasText: 'not refreshed since' }).waitFor({ timeout: 10_000 });
      expect(await jobs.locator('#imports-note').textContent()).toMatch(/^not refreshed since \d\d:\d\d:\d\d UTC: gateway unreachable$/);
      expect(await jobs.locator('#imports-card').isVisible()).toBe(true);
      await jobs.unroute(/\/v1\/imports\?/);
      await passTime(jobs, 6_000);
      await waitFor(async () => (await jobs.locator('#imports-note').textContent()) === '', 'the note gone with the next answer', 10_000);
    } finally {
      await jobs.close();
    }
  });

  it('keeps the dead letters listed through a failed refresh and says it failed, instead of emptying the list', async () => {
    const nats = pipeline.apps.ingestion!.get(NatsConnectionService);
    const stored = await nats.js.publish(nats.names.subjects.deadLetter('manual'), Buffer.from('{"by": "hand"}'), { msgID: 'dashboard-kept-letter' });
    const letters = await browser.newPage();
    try {
      await letters.clock.install();
      await connect(letters, pipeline.url, admin);
      const letter = letters.locator('#letters li', { hasText: `#${stored.seq} ` });
      await letter.waitFor({ timeout: 20_000 });
      // The list's reads fail on the way, as over a flaky network.
      await letters.route(/\/v1\/dead-letters\?/, (route) => route.abort('failed'));
      await passTime(letters, 6_000);
      // Before: a failed read was passed over, or (an error answer) emptied the list, without a word.
      await letters.locator('#dlq-note', { hasText: 'not refreshed since' }).waitFor({ timeout: 10_000 });
      expect(await letters.locator('#dlq-note').textContent()).toMatch(/^not refreshed since \d\d:\d\d:\d\d UTC: gateway unreachable$/);
      expect(await letter.isVisible()).toBe(true);
      await letters.unroute(/\/v1\/dead-letters\?/);
      await passTime(letters, 6_000);
      await letters.locator('#dlq-note', { hasText: 'oldest first' }).waitFor({ timeout: 10_000 });
    } finally {
      await letters.close();
      await http('DELETE', `${pipeline.url}/v1/dead-letters/${stored.seq}`, { key: admin });
    }
  });

  it('groups the digits of long durations, as an all-time board has them', async () => {
    // 50 whole days of tracked time, long ago: 1,200 hours on the all-time board.
    const firstDay = Date.now() - 400 * 86_400_000;
    await post(Array.from({ length: 50 }, (_, i) => ({ userId: 'marathon', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: new Date(firstDay + i * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00Z', durationSec: 86_400 })));
    await waitFor(async () => {
      const rank = await http('GET', `${pipeline.url}/v1/leaderboards/total/users/marathon?period=all`, { key: admin });
      return rank.body.score === 50 * 86_400;
    }, "marathon's 1,200 hours on the board", 30_000);
    const allTime = await browser.newPage({ locale: 'en-US' });
    try {
      await connect(allTime, pipeline.url, admin);
      await allTime.click('#period button[data-period="all"]');
      const score = allTime.locator('#entries li[data-user="marathon"] .score');
      await score.waitFor({ timeout: 15_000 });
      // Before: "1200h 00m".
      expect(await score.textContent()).toBe('1,200h 00m');
    } finally {
      await allTime.close();
    }
  });

  it('says why it polls when the gateway refuses it a live stream', async () => {
    // A gateway of its own on the shared pipeline allowing one live view per key, held by another client.
    const config = loadConfig({ ...configEnv(pipeline.apps.gateway!.get(AppConfig)), LIVE_VIEWS_PER_KEY: '1' });
    const gateway = await createService(GatewayModule.forRoot(config), GATEWAY_SERVICE);
    await gateway.listen(0, '127.0.0.1');
    const url = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    const key = await createApiKey(pipeline.apps.gateway!, ['read']);
    const other = new AbortController();
    const polling = await browser.newPage();
    try {
      const held = await fetch(`${url}/v1/leaderboards/total/stream`, { headers: { 'x-api-key': key }, signal: other.signal });
      expect(held.status).toBe(200);
      const refusal = await http('GET', `${url}/v1/leaderboards/total/stream`, { key });
      expect(refusal.status).toBe(429);
      // Before: "holds 1 live views".
      expect(refusal.body.message).toContain('this API key holds 1 live view on this gateway');
      await polling.goto(`${url}/`);
      await polling.fill('#key-input', key);
      await polling.click('#key-save');
      // Before: "live · polling every 2 s", the reason nowhere.
      await polling.locator('#live-mode', { hasText: `live · polling every 2 s (no live stream: ${refusal.body.message})` }).waitFor({ timeout: 15_000 });
    } finally {
      other.abort();
      await polling.close();
      await gateway.close();
    }
  });

  it("never rounds a user's share to 100 % or 0 % while there is time on both sides", async () => {
    const shareDay = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await post([
      { userId: 'sam', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${shareDay}T08:00:00Z`, durationSec: 8 * 3600 },
      { userId: 'sam', app: 'Firefox', title: 'Funny cats - YouTube', url: 'https://www.youtube.com/watch?v=x', startedAt: `${shareDay}T17:00:00Z`, durationSec: 60 },
    ]);
    await waitFor(async () => {
      const summary = (await http('GET', `${pipeline.url}/v1/users/sam/summary?period=day&date=${shareDay}`, { key: admin })).body;
      return summary.total === 8 * 3600 + 60 && summary.productive === 8 * 3600;
    }, "sam's day summed up", 30_000);
    const shares = await browser.newPage();
    try {
      await connect(shares, pipeline.url, admin);
      await shares.fill('#date', shareDay);
      await shares.fill('#user', 'sam');
      await shares.press('#user', 'Enter');
      await shares.locator('#donut .donut-center', { hasText: '8h 01m' }).waitFor({ timeout: 15_000 });
      // Before: "100% productive" over a minute of video, and the video's "0%".
      expect(await shares.locator('#donut .donut-sub').textContent()).toBe('>99% productive');
      expect(await shares.locator('#legend').textContent()).toBe('Programming8h 00m · >99%Video1m 00s · <1%');
    } finally {
      await shares.close();
    }
  });

  it("marks the last board's rows and the last user's donut as stale while the board or user picked is read", async () => {
    const slowDay = new Date(Date.now() - 11 * 86_400_000).toISOString().slice(0, 10);
    await post([
      { userId: 'una', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${slowDay}T08:00:00Z`, durationSec: 3600 },
      { userId: 'vic', app: 'Firefox', title: 'Funny cats - YouTube', url: 'https://www.youtube.com/watch?v=x', startedAt: `${slowDay}T09:00:00Z`, durationSec: 7200 },
    ]);
    const stale = await browser.newPage();
    try {
      await connect(stale, pipeline.url, admin);
      await stale.fill('#date', slowDay);
      await stale.locator('#entries li[data-user="una"]').waitFor({ timeout: 30_000 });
      await stale.fill('#user', 'vic');
      await stale.press('#user', 'Enter');
      await stale.locator('#donut .donut-center', { hasText: '2h 00m' }).waitFor({ timeout: 15_000 });
      // The productive board and una's summary answer late, as over a slow network.
      const late = async (route: { continue(): Promise<void> }) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue().catch(() => undefined);
      };
      await stale.route(/\/v1\/leaderboards\/productive/, late);
      await stale.route(/\/v1\/users\/una\//, late);
      await stale.selectOption('#board', 'productive');
      await stale.fill('#user', 'una');
      await stale.press('#user', 'Enter');
      // Before: vic's row under "Productive" and vic's 2 hours under "una", as if current, until the answers came.
      expect(await stale.locator('#entries').getAttribute('aria-busy')).toBe('true');
      expect(await stale.locator('#donut-box').getAttribute('aria-busy')).toBe('true');
      await stale.locator('#donut .donut-center', { hasText: '1h 00m' }).waitFor({ timeout: 10_000 });
      await waitFor(async () => (await stale.locator('#entries').getAttribute('aria-busy')) === 'false', 'the productive board shown', 10_000);
      expect(await stale.locator('#entries li').allTextContents()).toEqual([expect.stringContaining('una')]);
      expect(await stale.locator('#donut-box').getAttribute('aria-busy')).toBe('false');
    } finally {
      await stale.close();
    }
  });

  it("shows no donut once the user id is cleared, not the last user's without a name", async () => {
    const clearDay = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
    await post([{ userId: 'wes', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${clearDay}T08:00:00Z`, durationSec: 1800 }]);
    const cleared = await browser.newPage();
    try {
      await connect(cleared, pipeline.url, admin);
      await cleared.fill('#date', clearDay);
      await cleared.locator('#entries li[data-user="wes"]').waitFor({ timeout: 30_000 });
      await cleared.locator('#donut .donut-center', { hasText: '30m 00s' }).waitFor({ timeout: 15_000 });
      await cleared.fill('#user', '');
      await cleared.press('#user', 'Enter');
      // Before: wes's 30 minutes stayed, under no name, and the next board update picked the leader again.
      await cleared.locator('#user-empty', { hasText: 'Pick a user on the leaderboard.' }).waitFor({ timeout: 5_000 });
      expect(await cleared.locator('#donut-box').isHidden()).toBe(true);
      await post([{ userId: 'wes', app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${clearDay}T09:00:00Z`, durationSec: 60 }]);
      await cleared.locator('#entries li[data-user="wes"] .score[data-seconds="1860"]').waitFor({ timeout: 20_000 });
      expect(await cleared.inputValue('#user')).toBe('');
      expect(await cleared.locator('#donut-box').isHidden()).toBe(true);
    } finally {
      await cleared.close();
    }
  });

  it('keeps the board picked through a reload and a new key when its category was created at run time', async () => {
    expect((await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { id: 'work:keep-me', name: 'Keep me', parentId: 'work' } })).status).toBe(201);
    const kept = await browser.newPage();
    try {
      await connect(kept, pipeline.url, admin);
      await kept.locator('#board option[value="work:keep-me"]').waitFor({ state: 'attached', timeout: 15_000 });
      await kept.selectOption('#board', 'work:keep-me');
      await kept.reload();
      // Before: the page's built-in categories, read first, knew no "work:keep-me": the pick fell back to Total.
      await kept.locator('#board-title', { hasText: 'Work › Keep me' }).waitFor({ timeout: 15_000 });
      expect(await kept.inputValue('#board')).toBe('work:keep-me');
      // The page starts again with the key given: the stream of the board picked then is asked anew.
      const restarted = kept.waitForRequest((request) => request.url().includes('/stream?'));
      await kept.click('#key-button');
      await kept.fill('#key-input', admin);
      await kept.click('#key-save');
      await kept.locator('#key-dialog').waitFor({ state: 'hidden' });
      await restarted;
      expect(await kept.inputValue('#board')).toBe('work:keep-me');
      expect(await kept.locator('#board-title').textContent()).toBe('Work › Keep me');
    } finally {
      await kept.close();
      await http('DELETE', `${pipeline.url}/v1/categories/work:keep-me`, { key: admin });
    }
  });

  it('offers the board of a category created while the page is open within a minute, without a reload', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.clock.install();
      await connect(fresh, pipeline.url, admin);
      await fresh.locator('#board option[value="work"]').waitFor({ state: 'attached', timeout: 15_000 });
      expect((await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { id: 'work:fresh', name: 'Fresh', parentId: 'work' } })).status).toBe(201);
      await fresh.clock.runFor(61_000);
      // Before: only a reload (or a key entered again) brought it.
      await fresh.locator('#board option[value="work:fresh"]').waitFor({ state: 'attached', timeout: 10_000 });
    } finally {
      await fresh.close();
      await http('DELETE', `${pipeline.url}/v1/categories/work:fresh`, { key: admin });
    }
  });

  it("keeps the board of a category created since when the minute's read of the categories answers after a newer one", async () => {
    const picker = await browser.newPage();
    let asked = false;
    let held = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let delivered = false;
    try {
      await picker.clock.install();
      await connect(picker, pipeline.url, admin);
      await picker.locator('#board option[value="work"]').waitFor({ state: 'attached', timeout: 15_000 });
      // The minute's read of the categories answers late, as over a slow network: after the category was created and read.
      await picker.route(/\/v1\/categories$/, async (route) => {
        if (asked) return route.continue().catch(() => undefined);
        asked = true;
        const response = await route.fetch();
        held = true;
        await released;
        await route.fulfill({ response }).catch(() => undefined);
        delivered = true;
      });
      // Up to the minute's read, not past it: 10 s on, the page gives up on it.
      await picker.clock.runFor(40_000);
      for (let step = 0; step < 16 && !asked; step++) await passTime(picker, 2_000);
      await waitFor(async () => held, "the minute's read held");
      expect((await http('POST', `${pipeline.url}/v1/categories`, { key: admin, body: { id: 'work:late-list', name: 'Late list', parentId: 'work' } })).status).toBe(201);
      // A newer read: the key given again.
      await picker.click('#key-button');
      await picker.fill('#key-input', admin);
      await picker.click('#key-save');
      await picker.locator('#board option[value="work:late-list"]').waitFor({ state: 'attached', timeout: 10_000 });
      release();
      await waitFor(async () => delivered, 'the late list delivered');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Before: the late answer's list, older, replaced the newer one: the new board gone from the picker until the next minute.
      expect(await picker.locator('#board option[value="work:late-list"]').count()).toBe(1);
    } finally {
      await picker.close();
      await http('DELETE', `${pipeline.url}/v1/categories/work:late-list`, { key: admin });
    }
  });

  it('counts every user of a board past a page of 500', async () => {
    const crowdDay = '2025-03-12';
    const crowd = Array.from({ length: 501 }, (_, i) => ({ eventId: `crowd-${i}`, userId: `crowd-${i}`, startedAt: `${crowdDay}T09:00:00Z`, durationSec: 10 + i, category: 'video' as const }));
    await pipeline.apps.leaderboard!.get(LeaderboardWriterService).write([classifiedEnvelope('dashboard-crowd', crowd)]);
    const crowded = await browser.newPage();
    try {
      await connect(crowded, pipeline.url, admin);
      await crowded.fill('#date', crowdDay);
      // Before: "500+", a page of at most 500 being all the page counted.
      await crowded.locator('#kpi-users', { hasText: '501' }).waitFor({ timeout: 15_000 });
      expect(await crowded.locator('#kpi-users').textContent()).toBe('501');
      expect(await crowded.locator('#kpi-users-sub').textContent()).toBe('users · top 20 shown');
    } finally {
      await crowded.close();
    }
  });

  it('counts a user who came onto a board of a few with the live update that shows them', async () => {
    const liveDay = new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10);
    const event = (userId: string) => ({ userId, app: 'Code', title: 'main.ts - Visual Studio Code', startedAt: `${liveDay}T09:00:00Z`, durationSec: 600 });
    await post([event('yan')]);
    const live = await browser.newPage();
    try {
      await live.clock.install();
      await connect(live, pipeline.url, admin);
      await live.fill('#date', liveDay);
      await live.locator('#kpi-users', { hasText: '1' }).waitFor({ timeout: 15_000 });
      await live.locator('#live-mode', { hasText: 'live · streaming' }).waitFor({ timeout: 15_000 });
      // The page's timers stopped: only the stream moves it.
      await live.clock.pauseAt((await live.evaluate(() => Date.now())) + 500);
      await post([event('zed')]);
      await live.locator('#entries li[data-user="zed"]').waitFor({ timeout: 20_000 });
      // Before: "1" beside two rows until the count's own read (every 5 s).
      await live.locator('#kpi-users', { hasText: '2' }).waitFor({ timeout: 3_000 });
    } finally {
      await live.close();
    }
  });

  it('tells a screen reader of a change of state only, not the same state at every refresh', async () => {
    const steady = await browser.newPage();
    try {
      // No stream: the page polls the board every 2 s.
      await steady.route(/\/stream\?/, (route) => route.abort('failed'));
      await steady.clock.install();
      await connect(steady, pipeline.url, admin);
      await steady.locator('#live-mode', { hasText: 'live · polling every 2 s' }).waitFor({ timeout: 15_000 });
      await steady.evaluate(() => {
        const page = globalThis as unknown as { rewrites: number; boardsDrawn: number; document: { getElementById(id: string): unknown }; MutationObserver: new (f: (records: unknown[]) => void) => { observe(n: unknown, o: object): void } };
        page.rewrites = 0;
        page.boardsDrawn = 0;
        new page.MutationObserver((records) => (page.rewrites += records.length)).observe(page.document.getElementById('live-mode'), { childList: true, characterData: true, subtree: true });
        // Each board drawn writes its period's key again.
        new page.MutationObserver(() => page.boardsDrawn++).observe(page.document.getElementById('board-key'), { childList: true });
      });
      // Two board polls and health refreshes.
      await passTime(steady, 4_000);
      await waitFor(async () => (await steady.evaluate(() => (globalThis as unknown as { boardsDrawn: number }).boardsDrawn)) >= 2, 'two board polls drawn');
      // Before: the status was written again at every read, each write a new announcement of "live · polling every 2 s".
      expect(await steady.evaluate(() => (globalThis as unknown as { rewrites: number }).rewrites)).toBe(0);
    } finally {
      await steady.close();
    }
  });

  it('on a phone, a long failure in the header keeps its dot and does not cover the page as it scrolls', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 } });
    type Page = { localStorage: { setItem(k: string, v: string): void }; document: { querySelector(s: string): { scrollIntoView(): void } | null; elementFromPoint(x: number, y: number): { closest(s: string): unknown } | null } };
    try {
      await phone.goto(`${pipeline.url}/`);
      // A board that does not exist (a category deleted since it was picked): its reads answer a long 400.
      await phone.evaluate((key) => {
        (globalThis as unknown as Page).localStorage.setItem('ap.apiKey', key);
        (globalThis as unknown as Page).localStorage.setItem('ap.board', 'work:gone-for-good');
      }, admin);
      await phone.reload();
      await phone.locator('#live-mode', { hasText: 'board "work:gone-for-good" is unknown' }).waitFor({ timeout: 15_000 });
      // Before: the dot squeezed to a sliver by the text beside it.
      expect((await phone.locator('#live-dot').boundingBox())!.width).toBe(9);
      await phone.evaluate(() => (globalThis as unknown as Page).document.querySelector('#entries')!.scrollIntoView());
      // Before: a sticky header of several lines stayed over the top of the screen.
      expect(await phone.evaluate(() => !!(globalThis as unknown as Page).document.elementFromPoint(187, 10)?.closest('header'))).toBe(false);
    } finally {
      await phone.close();
    }
  });

  it('says so when the gateway does not answer the key check, instead of waiting for good', async () => {
    const silent = await browser.newPage();
    try {
      await silent.clock.install();
      await silent.goto(`${pipeline.url}/`);
      // A gateway that answers nothing (frozen, or the network gone).
      await silent.route('**/v1/**', () => undefined);
      await silent.fill('#key-input', admin);
      await silent.click('#key-save');
      await silent.clock.runFor(10_000);
      // Before: no word, however long one waited.
      await silent.locator('#key-error', { hasText: 'The key could not be checked: no answer from the gateway within 10 s' }).waitFor({ timeout: 20_000 });
      expect(await silent.locator('#key-dialog').isVisible()).toBe(true);
    } finally {
      await silent.close();
    }
  });

  it('draws the events/s sparkline over the last 2 minutes, not over the last 60 answers however far apart', async () => {
    const spark = await browser.newPage();
    const columns = spark.locator('#spark rect');
    try {
      await spark.clock.install();
      await connect(spark, pipeline.url, admin);
      await passTime(spark, 4_000);
      expect(await columns.count()).toBeGreaterThanOrEqual(2);
      // The laptop slept 3 minutes: each refresh runs once when it wakes up.
      await drawnAgain(spark, '#stages tr', () => spark.clock.fastForward(180_000));
      // Before: the columns of 3 minutes ago next to the new one, as if of the seconds before it.
      expect(await columns.count()).toBe(1);
      expect(await columns.getAttribute('x')).toBe((100 - 100 / 60).toFixed(2));
    } finally {
      await spark.close();
    }
  });

  it('draws the events/s sparkline beside its card\'s words, not over them, on a desktop and on a phone', async () => {
    for (const viewport of [{ width: 1440, height: 1000 }, { width: 375, height: 740 }]) {
      const card = await browser.newPage({ viewport });
      try {
        await connect(card, pipeline.url, admin);
        await card.locator('#kpi-rate-sub', { hasText: 'onto boards' }).waitFor({ timeout: 15_000 });
        const spark = (await card.locator('#spark').boundingBox())!;
        for (const words of ['#kpi-rate', '#kpi-rate-sub', '.kpi:has(#spark) label']) {
          // The words' own box (the number's element is as wide as the card).
          type Measured = { document: { createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): { x: number; y: number; width: number; height: number } } } };
          const box = await card.locator(words).evaluate((node) => {
            const range = (globalThis as unknown as Measured).document.createRange();
            range.selectNodeContents(node);
            const { x, y, width, height } = range.getBoundingClientRect();
            return { x, y, width, height };
          });
          const apart = box.x + box.width <= spark.x || spark.x + spark.width <= box.x || box.y + box.height <= spark.y || spark.y + spark.height <= box.y;
          // Before: "1.50/s onto boards · last 60 s" under the columns.
          expect([viewport.width, words, apart]).toEqual([viewport.width, words, true]);
        }
      } finally {
        await card.close();
      }
    }
  });

  it('says it is checking the key and takes no second click meanwhile', async () => {
    const slow = await browser.newPage();
    const checks: string[] = [];
    try {
      await slow.goto(`${pipeline.url}/`);
      // The check answers late, as over a slow network.
      await slow.route(/\/v1\/ops\/pipeline$/, async (route) => {
        if (route.request().headers()['x-api-key'] === admin && !checks.length) {
          checks.push(route.request().url());
          await new Promise((resolve) => setTimeout(resolve, 1500));
        }
        await route.continue().catch(() => undefined);
      });
      await slow.fill('#key-input', admin);
      await slow.click('#key-save');
      // Before: no word and the button still there to click, each click another check and another start.
      expect(await slow.locator('#key-error').textContent()).toBe('Checking the key…');
      expect(await slow.locator('#key-save').isDisabled()).toBe(true);
      await slow.locator('#key-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
      expect(await slow.locator('#key-save').isDisabled()).toBe(false);
    } finally {
      await slow.close();
    }
  });
});
