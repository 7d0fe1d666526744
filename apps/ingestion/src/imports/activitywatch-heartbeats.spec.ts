import type { ActivityEventInput } from '@lib/contracts';
import type { WatcherState } from '@lib/persistence';
import { AwRecord } from './activitywatch-export';
import { applyWatcherEvents, closeShortestGaps, emptyWatcherState, MAX_HOLD_MS, MAX_TAKEN_SPANS, mergeHeartbeat, WatcherBucketInfo } from './activitywatch-heartbeats';

const T0 = Date.parse('2026-11-20T09:00:00Z');
const hb = (startSec: number, durationSec: number, data: Record<string, unknown>): AwRecord => ({ startMs: T0 + startSec * 1000, endMs: T0 + (startSec + durationSec) * 1000, data });
const code = { app: 'Code', title: 'main.ts' };
const WINDOW: WatcherBucketInfo = { bucketId: 'aw-watcher-window_laptop', type: 'currentwindow', hostname: 'laptop', client: 'aw-watcher-window' };
const AFK: WatcherBucketInfo = { bucketId: 'aw-watcher-afk_laptop', type: 'afkstatus', hostname: 'laptop', client: 'aw-watcher-afk' };
const WEB: WatcherBucketInfo = { bucketId: 'aw-watcher-web-chrome_laptop', type: 'web.tab.current', hostname: 'laptop', client: 'aw-client-web' };

/** Feeds heartbeats one request at a time, as the service does, collecting what counts. */
class Watchers {
  state: WatcherState = emptyWatcherState();
  counted: ActivityEventInput[] = [];

  constructor(private readonly buckets: WatcherBucketInfo[]) {}

  send(bucket: WatcherBucketInfo, record: AwRecord, pulsetimeSec = 2) {
    const step = applyWatcherEvents(this.state, this.buckets, bucket.bucketId, [record], pulsetimeSec * 1000, 'alice');
    this.state = step.state;
    this.counted.push(...step.counted);
    return step;
  }

  secondsBy(key: (e: ActivityEventInput) => string): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const e of this.counted) totals[key(e)] = (totals[key(e)] ?? 0) + e.durationSec;
    return totals;
  }

  get total(): number {
    return this.counted.reduce((n, e) => n + e.durationSec, 0);
  }
}

describe('mergeHeartbeat (aw-server rule)', () => {
  const last = { bucketId: 'b', startMs: T0, endMs: T0 + 10_000, dataJson: '{"app":"Code","title":"main.ts"}' };

  it('extends the last event with the same data within pulsetime, covering the gap', () => {
    const merged = { ...last, endMs: T0 + 15_000 };
    expect(mergeHeartbeat('b', last, hb(12, 3, code), 5000)).toEqual({ last: merged, event: merged, added: { startMs: T0 + 10_000, endMs: T0 + 15_000 } });
  });

  it('adds nothing for a heartbeat already covered (a retry)', () => {
    expect(mergeHeartbeat('b', last, hb(5, 5, code), 5000)).toEqual({ last, event: last, added: undefined });
  });

  it('starts a new event after a gap longer than pulsetime or when the data changes', () => {
    expect(mergeHeartbeat('b', last, hb(16, 1, code), 5000)).toMatchObject({ last: { startMs: T0 + 16_000, endMs: T0 + 17_000 }, closed: last, added: { startMs: T0 + 16_000 } });
    expect(mergeHeartbeat('b', last, hb(10, 0, { app: 'Slack' }), 5000)).toMatchObject({ last: { startMs: T0 + 10_000, dataJson: '{"app":"Slack"}' }, closed: last, added: undefined });
  });

  it('keeps the latest event as the last one when an older event comes (as aw-server: it is stored as it is)', () => {
    const older = { bucketId: 'b', startMs: T0 - 60_000, endMs: T0 - 50_000, dataJson: last.dataJson };
    expect(mergeHeartbeat('b', last, hb(-60, 10, code), 5000)).toEqual({ last, event: older, closed: older, added: { startMs: T0 - 60_000, endMs: T0 - 50_000 } });
  });
});

describe('applyWatcherEvents', () => {
  it('counts the time each window heartbeat adds, once, with the final events as the total', () => {
    const w = new Watchers([WINDOW]);
    // aw-client pre-merges and commits every 10 s; then a data change, then a gap > pulsetime.
    w.send(WINDOW, hb(0, 10, code));
    w.send(WINDOW, hb(10, 10, code));
    w.send(WINDOW, hb(10, 10, code)); // retried request
    w.send(WINDOW, hb(20, 5, code));
    w.send(WINDOW, hb(26, 4, { app: 'Slack', title: 'general' }));
    const last = w.send(WINDOW, hb(60, 10, { app: 'Slack', title: 'general' }));
    expect(last.results).toEqual([hb(60, 10, { app: 'Slack', title: 'general' })]);
    expect(w.secondsBy((e) => e.app)).toEqual({ Code: 25, Slack: 14 });
    expect(new Set(w.counted.map((e) => e.eventId)).size).toBe(w.counted.length);
    expect(w.counted[0]).toMatchObject({ userId: 'alice', app: 'Code', title: 'main.ts', startedAt: T0 / 1000, durationSec: 10, source: 'aw-watcher-window' });
  });

  it('holds window time until the AFK watcher reported past it, then cuts AFK periods out', () => {
    const w = new Watchers([WINDOW, AFK]);
    w.send(AFK, hb(0, 100, { status: 'not-afk' }), 185);
    for (let t = 0; t < 400; t += 10) w.send(WINDOW, hb(t, 10, code));
    // Input stopped at 100; 180 s later aw-watcher-afk backdates an AFK period to 100.
    expect(w.total).toBe(100);
    w.send(AFK, hb(100, 0.001, { status: 'not-afk' }), 185);
    w.send(AFK, hb(100.001, 199.999, { status: 'afk' }), 185);
    expect(w.total).toBeCloseTo(100, 2);
    // Back at 300: the AFK period closes, a not-afk period starts and grows.
    w.send(AFK, hb(300, 0, { status: 'afk' }), 185);
    w.send(AFK, hb(300.001, 99.999, { status: 'not-afk' }), 185);
    expect(w.total).toBeCloseTo(200, 2);
    expect(w.state.held).toEqual([]);
  });

  it('stops waiting for an AFK watcher that fell silent MAX_HOLD_MS behind the window watcher', () => {
    const w = new Watchers([WINDOW, AFK]);
    w.send(WINDOW, hb(0, 60, code));
    expect(w.total).toBe(0);
    w.send(WINDOW, hb(60, MAX_HOLD_MS / 1000 + 60, code), 5);
    expect(w.total).toBe(120);
  });

  it('labels browser time with the tab the web watcher reports, and holds it until the tab is known', () => {
    const w = new Watchers([WINDOW, WEB]);
    w.send(WINDOW, hb(0, 30, { app: 'Google-chrome', title: 'GitHub - Chrome' }));
    w.send(WINDOW, hb(30, 30, code));
    // Code is no browser: it counts at once; the Chrome time waits for the web watcher.
    expect(w.secondsBy((e) => e.url ?? e.app)).toEqual({ Code: 30 });
    w.send(WEB, hb(0, 20, { url: 'https://github.com/', title: 'GitHub', audible: false, incognito: false }), 60);
    expect(w.secondsBy((e) => e.url ?? e.app)).toEqual({ Code: 30, 'https://github.com/': 20 });
    w.send(WEB, hb(20, 50, { url: 'https://youtube.com/', title: 'YouTube', audible: true, incognito: false }), 60);
    expect(w.secondsBy((e) => e.url ?? e.app)).toEqual({ Code: 30, 'https://github.com/': 20, 'https://youtube.com/': 10 });
    expect(w.counted.find((e) => e.url === 'https://youtube.com/')).toMatchObject({ app: 'Google-chrome', title: 'YouTube' });
    expect(w.state.held).toEqual([]);
  });

  it('counts overlapping window buckets of one host once', () => {
    const second: WatcherBucketInfo = { ...WINDOW, bucketId: 'aw-watcher-window-wayland_laptop' };
    const w = new Watchers([WINDOW, second]);
    w.send(WINDOW, hb(0, 60, code));
    w.send(second, hb(30, 60, code));
    expect(w.total).toBe(90);
  });

  it('counts events older than the host\'s latest window time where the host gave no time yet (backfill, unsorted lists)', () => {
    const w = new Watchers([WINDOW]);
    const step = applyWatcherEvents(w.state, [WINDOW], WINDOW.bucketId, [hb(3600, 60, code), hb(0, 60, code)], 0, 'alice');
    expect(step.results).toEqual([hb(3600, 60, code), hb(0, 60, code)]);
    w.state = step.state;
    w.counted.push(...step.counted);
    expect(w.total).toBe(120);
    w.send(WINDOW, hb(-3600, 60, code), 0);
    expect(w.total).toBe(180);
    // Taken time counts once: a resend adds nothing, an overlapping event its new part only.
    w.send(WINDOW, hb(0, 60, code), 0);
    w.send(WINDOW, hb(30, 60, code), 0);
    expect(w.total).toBe(210);
    expect(w.state.taken).toEqual([{ hostname: 'laptop', spans: [hb(-3600, 60, code), hb(0, 90, code), hb(3600, 60, code)].map(({ startMs, endMs }) => ({ startMs, endMs })) }]);
    // Live heartbeats still extend the latest event.
    expect(w.send(WINDOW, hb(3660, 10, code)).results).toEqual([hb(3600, 70, code)]);
    expect(w.total).toBe(220);
    expect(new Set(w.counted.map((e) => e.eventId)).size).toBe(w.counted.length);
  });

  it('keeps at most MAX_TAKEN_SPANS spans of taken time per host by closing the shortest gaps', () => {
    const w = new Watchers([WINDOW]);
    // Spans of 10 s with gaps of 1 s (a window switch) and, every tenth, of an hour.
    let t = 0;
    for (let i = 0; i < 3 * MAX_TAKEN_SPANS; i++) {
      w.send(WINDOW, hb(t, 10, { ...code, title: `file ${i}` }), 0);
      t += i % 10 === 9 ? 3610 : 11;
    }
    const spans = w.state.taken[0].spans;
    expect(spans.length).toBeLessThanOrEqual(MAX_TAKEN_SPANS);
    // The hour-long gaps are still open: a backfill there counts.
    const before = w.total;
    w.send(WINDOW, hb(100 + 1800, 60, code), 0);
    expect(w.total).toBe(before + 60);
    expect(closeShortestGaps([{ startMs: 0, endMs: 1 }, { startMs: 5, endMs: 6 }, { startMs: 7, endMs: 8 }], 2)).toEqual([{ startMs: 0, endMs: 1 }, { startMs: 5, endMs: 8 }]);
  });

  it('ignores AFK and unknown buckets as activity and does not change its input state', () => {
    const custom: WatcherBucketInfo = { bucketId: 'my-editor', type: 'app.editor.activity', hostname: 'laptop', client: 'x' };
    const w = new Watchers([AFK, custom]);
    const before = w.state;
    w.send(AFK, hb(0, 500, { status: 'not-afk' }), 185);
    w.send(custom, hb(0, 500, { file: 'a.ts' }));
    expect(w.total).toBe(0);
    expect(before).toEqual(emptyWatcherState());
    expect(w.state.lasts.map((l) => l.bucketId)).toEqual(['aw-watcher-afk_laptop', 'my-editor']);
  });
});
