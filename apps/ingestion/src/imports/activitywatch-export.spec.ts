import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ActivitySpan,
  activityWatchEventId,
  browserFamily,
  canonicalJson,
  checkExportDensity,
  clipOverlaps,
  convertActivityWatchExport,
  ExportFormatError,
  mergeSpans,
  overlayTabs,
  parseAwEvent,
  splitLongSpans,
  subtractSpans,
  tabFamily,
  toActivityEvent,
} from './activitywatch-export';
import { NOT_A_REAL_TIME } from '../start-time';
import { normalizeEvent } from '../event-normalizer';

const T0 = Date.parse('2026-11-22T09:00:00Z');
const NOW = Date.parse('2026-11-22T20:00:00Z');
const s = (startSec: number, endSec: number) => ({ startMs: T0 + startSec * 1000, endMs: T0 + endSec * 1000 });
const at = (sec: number) => new Date(T0 + sec * 1000).toISOString().replace('Z', '000+00:00');
const secondsOf = (spans: Array<{ startMs: number; endMs: number }>) => spans.map((x) => [(x.startMs - T0) / 1000, (x.endMs - T0) / 1000]);

describe('parseAwEvent', () => {
  it('reads aw-server timestamps with microseconds and an offset, duration in seconds', () => {
    expect(parseAwEvent({ timestamp: '2026-11-22T09:00:00.123456+00:00', duration: 1.5, data: { app: 'Code' } }, NOW)).toEqual({
      ok: true,
      record: { startMs: T0 + 123, endMs: T0 + 1623, data: { app: 'Code' } },
    });
    expect(parseAwEvent({ timestamp: at(0), data: {} }, NOW)).toMatchObject({ ok: true, record: { startMs: T0, endMs: T0 } });
  });

  it.each([
    [{ timestamp: '2026-11-22T09:00:00', data: {} }, 'timestamp', 'must be an ISO-8601 time with an offset (e.g. 2026-11-22T09:30:00.000000+00:00)'],
    [{ timestamp: 1795252800, data: {} }, 'timestamp', 'must be an ISO-8601 time with an offset (e.g. 2026-11-22T09:30:00.000000+00:00)'],
    [{ timestamp: '2026-11-31T09:00:00.000000+00:00', data: {} }, 'timestamp', NOT_A_REAL_TIME],
    [{ timestamp: '1999-01-01T00:00:00Z', data: {} }, 'timestamp', 'is before 2000-01-01'],
    [{ timestamp: '2026-11-22T22:00:00Z', data: {} }, 'timestamp', 'is more than an hour in the future'],
    [{ timestamp: at(0), duration: -1, data: {} }, 'duration', 'must be a number of seconds >= 0'],
    [{ timestamp: '2026-11-22T19:00:00Z', duration: 100_000, data: {} }, 'duration', 'ends the event at 2026-11-23T22:46:40.000Z, more than an hour in the future'],
    [{ timestamp: at(0), duration: '5', data: {} }, 'duration', 'must be a number of seconds >= 0'],
    [{ timestamp: at(0), data: 'x' }, 'data', 'must be an object'],
    [[], '(event)', 'must be an object'],
  ])('rejects %j naming %s', (input, field, reason) => {
    expect(parseAwEvent(input, NOW)).toEqual({ ok: false, field, reason });
  });
});

describe('interval functions', () => {
  it('merges overlapping and touching spans', () => {
    expect(secondsOf(mergeSpans([s(10, 20), s(0, 5), s(5, 8), s(15, 30), s(40, 40)]))).toEqual([[0, 8], [10, 30]]);
  });

  it('clips overlapping items so shared time counts once, and respects a floor', () => {
    expect(secondsOf(clipOverlaps([s(0, 10), s(5, 8), s(8, 20), s(30, 40)], T0 + 2000))).toEqual([[2, 10], [10, 20], [30, 40]]);
  });

  it('cuts holes out of items, splitting an item around a hole inside it', () => {
    const items = [{ ...s(0, 100), id: 'a' }, { ...s(100, 200), id: 'b' }, { ...s(300, 310), id: 'c' }];
    const result = subtractSpans(items, [s(20, 30), s(90, 120), s(150, 400)]);
    expect(result.map((r) => [r.id, ...secondsOf([r])[0]])).toEqual([['a', 0, 20], ['a', 30, 90], ['b', 120, 150]]);
  });

  it('relabels browser time with the tabs it overlaps and leaves other apps alone', () => {
    const items: ActivitySpan[] = [
      { ...s(0, 60), bucketId: 'w', app: 'Google-chrome', title: 'Chrome window' },
      { ...s(60, 120), bucketId: 'w', app: 'Code', title: 'main.ts' },
      { ...s(120, 180), bucketId: 'w', app: 'firefox', title: 'Firefox window' },
    ];
    const tabs = [
      { ...s(10, 30), family: 'chromium' as const, url: 'https://github.com/x', title: 'GitHub' },
      { ...s(50, 130), family: 'chromium' as const, url: 'https://youtube.com/', title: 'YouTube' },
      { ...s(150, 170), family: 'chromium' as const, url: 'https://chrome-only.example/' },
    ];
    const result = overlayTabs(items, tabs);
    expect(result.map((r) => [...secondsOf([r])[0], r.app, r.title, r.url])).toEqual([
      [0, 10, 'Google-chrome', 'Chrome window', undefined],
      [10, 30, 'Google-chrome', 'GitHub', 'https://github.com/x'],
      [30, 50, 'Google-chrome', 'Chrome window', undefined],
      [50, 60, 'Google-chrome', 'YouTube', 'https://youtube.com/'],
      [60, 120, 'Code', 'main.ts', undefined],
      [120, 180, 'firefox', 'Firefox window', undefined],
    ]);
    // Nothing is added: the total is the window time.
    expect(result.reduce((n, r) => n + r.endMs - r.startMs, 0)).toBe(180_000);
  });

  it('splits spans longer than a day', () => {
    expect(secondsOf(splitLongSpans([s(0, 86400 * 2 + 10)]))).toEqual([[0, 86400], [86400, 172800], [172800, 172810]]);
  });

  it('knows browsers by app name on every OS, and a web watcher by its bucket id', () => {
    expect(['Google Chrome', 'chrome.exe', 'Google-chrome', 'Brave-browser', 'msedge.exe', 'Chromium-browser'].map(browserFamily)).toEqual(Array(6).fill('chromium'));
    expect(['Firefox', 'firefox.exe', 'Navigator', 'LibreWolf'].map(browserFamily)).toEqual(Array(4).fill('firefox'));
    expect(['Code', 'Slack', 'Terminal'].map(browserFamily)).toEqual([undefined, undefined, undefined]);
    expect([tabFamily('aw-watcher-web-chrome_host'), tabFamily('aw-watcher-web-firefox'), tabFamily('aw-watcher-web', 'aw-client-web')]).toEqual(['chromium', 'firefox', undefined]);
  });

  it('writes data canonically so equal data compares equal', () => {
    expect(canonicalJson({ title: 't', app: 'a', nested: { b: 1, a: [2, { d: 1, c: 2 }] } })).toBe('{"app":"a","nested":{"a":[2,{"c":2,"d":1}],"b":1},"title":"t"}');
  });
});

describe('convertActivityWatchExport', () => {
  const exportOf = (buckets: Record<string, unknown>) => ({ buckets });
  const window = (id: number, startSec: number, durationSec: number, app: string, title: string) => ({ id, timestamp: at(startSec), duration: durationSec, data: { app, title } });
  const fixture = exportOf({
    'aw-watcher-window_laptop': {
      id: 'aw-watcher-window_laptop',
      type: 'currentwindow',
      client: 'aw-watcher-window',
      hostname: 'laptop',
      events: [window(3, 600, 300, 'Google-chrome', 'Chrome'), window(2, 300, 300, 'Code', 'main.ts'), window(1, 0, 300, 'Code', 'index.ts')],
    },
    'aw-watcher-afk_laptop': {
      id: 'aw-watcher-afk_laptop',
      type: 'afkstatus',
      client: 'aw-watcher-afk',
      hostname: 'laptop',
      events: [
        { id: 2, timestamp: at(400), duration: 100, data: { status: 'afk' } },
        { id: 1, timestamp: at(0), duration: 400, data: { status: 'not-afk' } },
      ],
    },
    'aw-watcher-web-chrome': {
      id: 'aw-watcher-web-chrome',
      type: 'web.tab.current',
      client: 'aw-client-web',
      hostname: 'unknown',
      events: [
        { id: 1, timestamp: at(650), duration: 100, data: { url: 'https://github.com/', title: 'GitHub', audible: false, incognito: false } },
        { id: 2, timestamp: at(750), duration: 50, data: { url: 'https://secret.example/', title: 'Secret', audible: false, incognito: true } },
        { id: 3, timestamp: at(2000), duration: 100, data: { url: 'https://outside.example/', title: 'Not in a browser window', incognito: false } },
      ],
    },
    'aw-watcher-input_laptop': { id: 'aw-watcher-input_laptop', type: 'os.hid.input', hostname: 'laptop', events: [{ timestamp: at(0), duration: 5, data: { presses: 3 } }] },
    broken: { id: 'broken', type: 'currentwindow', hostname: 'laptop', events: 'nope' },
    'aw-watcher-window_desk': {
      type: 'currentwindow',
      hostname: 'desk',
      events: [{ timestamp: 'yesterday', duration: 5, data: { app: 'x' } }, { timestamp: at(0), duration: 5, data: { title: 'no app' } }, { timestamp: at(5000), duration: 0, data: { app: 'Zero' } }],
    },
  });

  it('turns window time into events, cuts AFK out and labels browser time with its tabs', () => {
    const { events, rows, rejections } = convertActivityWatchExport(fixture, 'alice', NOW);
    expect(rows).toBe(3 + 2 + 3 + 1 + 3);
    expect(rejections).toEqual([
      { field: 'buckets["broken"].events', reason: 'must be an array' },
      { field: 'buckets["aw-watcher-window_desk"].events[0].timestamp', reason: 'must be an ISO-8601 time with an offset (e.g. 2026-11-22T09:30:00.000000+00:00)' },
      { field: 'buckets["aw-watcher-window_desk"].events[1].data.app', reason: 'must be a non-empty string' },
    ]);
    const summary = events.map(({ event }) => [(Number(event.startedAt) * 1000 - T0) / 1000, event.durationSec, event.app, event.title, event.url ?? null]);
    expect(summary).toEqual([
      [0, 300, 'Code', 'index.ts', null],
      [300, 100, 'Code', 'main.ts', null],
      [500, 100, 'Code', 'main.ts', null],
      [600, 50, 'Google-chrome', 'Chrome', null],
      [650, 100, 'Google-chrome', 'GitHub', 'https://github.com/'],
      [750, 150, 'Google-chrome', 'Chrome', null],
    ]);
    expect(events.every(({ event }) => event.userId === 'alice' && event.source === 'aw-watcher-window')).toBe(true);
    expect(events[1].location).toBe('buckets["aw-watcher-window_laptop"].events[1]');
  });

  it('gives the same event ids to the same export, and different ids to another user', () => {
    const ids = convertActivityWatchExport(fixture, 'alice', NOW).events.map((e) => e.event.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(convertActivityWatchExport(fixture, 'alice', NOW).events.map((e) => e.event.eventId)).toEqual(ids);
    expect(convertActivityWatchExport(fixture, 'bob', NOW).events.map((e) => e.event.eventId)).not.toContain(ids[0]);
    expect(ids[0]).toBe(activityWatchEventId('export', 'alice', 'aw-watcher-window_laptop', '1', T0));
  });

  it('converts an export of months of browsing (150,000 browser windows, each half under a tab) whole', () => {
    const n = 150_000;
    const from = -100_000;
    const windows = Array.from({ length: n }, (_, i) => ({ id: i, timestamp: at(from + i * 0.5), duration: 0.4, data: { app: 'Firefox', title: `page ${i}` } }));
    const tabs = Array.from({ length: n }, (_, i) => ({ id: i, timestamp: at(from + i * 0.5 + 0.2), duration: 0.2, data: { url: `https://x.test/${i}`, title: `tab ${i}` } }));
    const exported = {
      buckets: {
        'aw-watcher-window_big': { id: 'aw-watcher-window_big', type: 'currentwindow', client: 'aw-watcher-window', hostname: 'big', events: windows },
        'aw-watcher-web-firefox': { id: 'aw-watcher-web-firefox', type: 'web.tab.current', client: 'aw-client-web', hostname: 'big', events: tabs },
      },
    };
    // Before, the browser windows were grouped by copying the group per window (quadratic: minutes
    // at this size) and their pieces pushed as spread arguments (a stack overflow past ~120,000).
    const { events, rows } = convertActivityWatchExport(exported, 'alice', NOW);
    expect([rows, events.length]).toEqual([2 * n, 2 * n]);
    expect(events[2 * n - 1].event).toMatchObject({ url: `https://x.test/${n - 1}`, durationSec: 0.2 });
  });

  it('refuses what is not an export', () => {
    expect(() => convertActivityWatchExport({ events: [] }, 'alice')).toThrow(ExportFormatError);
    expect(() => convertActivityWatchExport([], 'alice')).toThrow('not an ActivityWatch export');
  });
});

describe('checkExportDensity', () => {
  it('counts objects and arrays outside strings only, escaped quotes included, and takes a real export', () => {
    const titles = Array.from({ length: 50 }, (_, i) => ({ timestamp: '2026-11-21T10:00:00Z', duration: 1, data: { app: 'Code', title: `{[{[ "quoted \\" {[ ${i}` } }));
    expect(() => checkExportDensity(Buffer.from(JSON.stringify({ buckets: { w: { type: 'currentwindow', events: titles } } })))).not.toThrow();
    expect(() => checkExportDensity(Buffer.from(readFileSync(join(__dirname, '../../../../test/fixtures/imports/activitywatch-export.json'))))).not.toThrow();
  });

  it('refuses more than one object or array per 32 bytes, saying how many it found', () => {
    const bomb = `[${'[],'.repeat(1000)}[]]`;
    expect(() => checkExportDensity(Buffer.from(bomb))).toThrow(
      new ExportFormatError(`the file is not an ActivityWatch export: it holds 1002 objects and arrays in ${bomb.length} bytes, more than one per 32 bytes (an export holds about one per 75)`),
    );
  });
});

describe('toActivityEvent', () => {
  it('cuts long texts to the event limits without splitting a character', () => {
    // A title cut at 2,048 UTF-16 units ended in half an emoji, stored as U+FFFD.
    const title = `${'a'.repeat(2047)}😀 and more`;
    const event = toActivityEvent({ bucketId: 'b', startMs: 0, endMs: 1000, app: 'x'.repeat(300), title }, 'u', 'aw-1', 'aw-watcher-window');
    expect(event.title).toBe('a'.repeat(2047));
    expect(event.app).toHaveLength(256);
    expect(toActivityEvent({ bucketId: 'b', startMs: 0, endMs: 1000, app: 'Code', title: `${'a'.repeat(2046)}😀 and more` }, 'u', 'aw-1', 'w').title).toBe(`${'a'.repeat(2046)}😀`);
  });

  it('cuts texts in the composed form ingestion stores, which a few outgrow: their time is not lost', () => {
    // U+0958 composes to two code points: 2,048 of them were 4,096, refused by ingestion, and the time lost.
    const event = toActivityEvent({ bucketId: 'b', startMs: T0, endMs: T0 + 1000, app: 'Code', title: '\u0958'.repeat(2048) }, 'u', 'aw-1', 'w');
    expect(normalizeEvent(event, NOW)).toMatchObject({ ok: true, event: { title: '\u0915\u093c'.repeat(1024) } });
  });
});
