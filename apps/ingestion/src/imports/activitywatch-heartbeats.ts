import type { ActivityEventInput } from '@lib/contracts';
import type { WatcherAfkSpan, WatcherHeldWindow, WatcherLastEvent, WatcherState, WatcherTakenTime, WatcherWebSpan } from '@lib/persistence';
import {
  ActivitySpan,
  activityWatchEventId,
  AwRecord,
  browserFamily,
  BUCKET_TYPES,
  canonicalJson,
  compact,
  mergeSpans,
  overlayTabs,
  Span,
  splitLongSpans,
  subtractSpans,
  tabFamily,
  tabLabels,
  TabSpan,
  toActivityEvent,
  windowLabels,
} from './activitywatch-export';

/**
 * The watcher API's heartbeat logic, pure: aw-server's merge rule per bucket, and when window
 * time counts. aw-watcher-afk reports an AFK period only once it is over the timeout (3 min by
 * default), backdated to the last input; window heartbeats keep arriving meanwhile. So window
 * time is held until the host's AFK watcher (and, for browser time, its web watcher) has reported
 * past it, then counted with AFK cut out and tab labels applied: every piece once, never undone.
 * A watcher silent for longer than MAX_HOLD_MS behind the window watcher stops holding time back.
 */
export const MAX_HOLD_MS = 10 * 60 * 1000;
/** Closed AFK and tab spans kept per user (older ones can no longer touch held time). */
const KEPT_SPANS = 500;
/**
 * Spans of taken window time kept per host. Beyond, the shortest gaps between them are closed
 * (their time can no longer count), so the gaps a backfill may fill (nights, offline periods)
 * are the last to go.
 */
export const MAX_TAKEN_SPANS = 100;

export interface WatcherBucketInfo {
  bucketId: string;
  type: string;
  hostname: string;
  client: string;
}

export function emptyWatcherState(): WatcherState {
  return { lasts: [], taken: [], held: [], afk: [], web: [] };
}

export interface MergeOutcome {
  /** The bucket's event with the latest start, after the heartbeat. */
  last: WatcherLastEvent;
  /** The event the heartbeat ended up in (aw-server's answer). */
  event: WatcherLastEvent;
  /** An event that is complete now: the previous last one, or an event older than it. */
  closed?: WatcherLastEvent;
  /** Time the heartbeat newly covers. */
  added?: Span;
}

/**
 * aw-server's heartbeat rule: same data, starting within [last start, last end + pulsetime]:
 * the last event extends to the later end (a gap within pulsetime is covered too); anything else
 * is a new event. As in aw-server, the bucket's last event is the one that starts latest, so an
 * event older than it (a backfill, an unsorted list, a clock step) is stored as it is and live
 * heartbeats go on merging with the last one.
 */
export function mergeHeartbeat(bucketId: string, last: WatcherLastEvent | undefined, heartbeat: AwRecord, pulsetimeMs: number): MergeOutcome {
  const dataJson = canonicalJson(heartbeat.data);
  if (last && last.dataJson === dataJson && heartbeat.startMs >= last.startMs && heartbeat.startMs <= last.endMs + pulsetimeMs) {
    const endMs = Math.max(last.endMs, heartbeat.endMs);
    const merged = { ...last, endMs };
    return { last: merged, event: merged, added: endMs > last.endMs ? { startMs: last.endMs, endMs } : undefined };
  }
  const event: WatcherLastEvent = { bucketId, startMs: heartbeat.startMs, endMs: heartbeat.endMs, dataJson };
  const added = event.endMs > event.startMs ? { startMs: event.startMs, endMs: event.endMs } : undefined;
  if (last && event.startMs < last.startMs) return { last, event, closed: event, added };
  return { last: event, event, closed: last, added };
}

export interface WatcherStep {
  state: WatcherState;
  /** The bucket's last event after each input, as aw-server answers. */
  results: AwRecord[];
  /** Time that counts now, as events with fixed ids. */
  counted: ActivityEventInput[];
}

/** Applies heartbeats (or inserted events, pulsetime 0) of one bucket, then counts what is known. */
export function applyWatcherEvents(state: WatcherState, buckets: WatcherBucketInfo[], bucketId: string, records: AwRecord[], pulsetimeMs: number, userId: string): WatcherStep {
  const bucket = buckets.find((b) => b.bucketId === bucketId);
  if (!bucket) throw new Error(`bucket ${bucketId} is not among the user's buckets`);
  const next: WatcherState = { lasts: [...state.lasts], taken: [...state.taken], held: [...state.held], afk: [...state.afk], web: [...state.web] };
  const results: AwRecord[] = [];
  for (const record of records) {
    const index = next.lasts.findIndex((l) => l.bucketId === bucketId);
    const merged = mergeHeartbeat(bucketId, index >= 0 ? next.lasts[index] : undefined, record, pulsetimeMs);
    if (index >= 0) next.lasts[index] = merged.last;
    else next.lasts.push(merged.last);
    const data = JSON.parse(merged.event.dataJson) as Record<string, unknown>;
    results.push({ startMs: merged.event.startMs, endMs: merged.event.endMs, data });
    if (bucket.type === BUCKET_TYPES.window && merged.added) takeWindowTime(next, bucket, merged.added, data);
    if (bucket.type === BUCKET_TYPES.afk && merged.closed && statusOf(merged.closed) === 'afk') next.afk.push(afkSpan(merged.closed, bucket));
    if (bucket.type === BUCKET_TYPES.web && merged.closed) next.web.push(webSpan(merged.closed, bucket));
  }
  const counted = countKnownTime(next, buckets, userId);
  return { state: prune(next, buckets), results, counted };
}

/** The part of new window time the host has not given yet (two window buckets overlap once), held. */
function takeWindowTime(state: WatcherState, bucket: WatcherBucketInfo, added: Span, data: Record<string, unknown>): void {
  const taken = takenSpans(state, bucket.hostname);
  const fresh = subtractSpans([added], taken);
  if (fresh.length === 0) return;
  state.taken = [...state.taken.filter((t) => t.hostname !== bucket.hostname), { hostname: bucket.hostname, spans: closeShortestGaps(mergeSpans([...taken, ...fresh]), MAX_TAKEN_SPANS) }];
  for (const piece of fresh) {
    const held: WatcherHeldWindow = compact({ bucketId: bucket.bucketId, hostname: bucket.hostname, startMs: piece.startMs, endMs: piece.endMs, ...windowLabels(data) });
    const previous = state.held[state.held.length - 1];
    // Consecutive heartbeats of one window become one held span (and later one event).
    if (previous && previous.endMs === held.startMs && sameLabels(previous, held)) state.held[state.held.length - 1] = { ...previous, endMs: held.endMs };
    else state.held.push(held);
  }
}

function takenSpans(state: WatcherState, hostname: string): Span[] {
  return state.taken.find((t) => t.hostname === hostname)?.spans ?? [];
}

/** The end of the host's latest window time (-Infinity: none yet). */
function latestWindowEnd(state: WatcherState, hostname: string): number {
  return takenSpans(state, hostname).at(-1)?.endMs ?? -Infinity;
}

/** At most `max` sorted disjoint spans: the two spans around the shortest gap become one until they fit. */
export function closeShortestGaps(spans: Span[], max: number): WatcherTakenTime['spans'] {
  const result = spans.map((s) => ({ startMs: s.startMs, endMs: s.endMs }));
  while (result.length > max) {
    let shortest = 1;
    for (let i = 2; i < result.length; i++) if (result[i].startMs - result[i - 1].endMs < result[shortest].startMs - result[shortest - 1].endMs) shortest = i;
    result.splice(shortest - 1, 2, { startMs: result[shortest - 1].startMs, endMs: result[shortest].endMs });
  }
  return result;
}

/** Moves held window time the AFK and web watchers have reported past into counted events. */
function countKnownTime(state: WatcherState, buckets: WatcherBucketInfo[], userId: string): ActivityEventInput[] {
  const view = new BucketView(state, buckets);
  const keep: WatcherHeldWindow[] = [];
  const releasable = new Map<string, WatcherHeldWindow[]>();
  for (const held of state.held) {
    const limit = view.knownUntil(held);
    if (limit <= held.startMs) {
      keep.push(held);
      continue;
    }
    const cut = Math.min(held.endMs, limit);
    if (cut < held.endMs) keep.push({ ...held, startMs: cut });
    releasable.set(held.hostname, [...(releasable.get(held.hostname) ?? []), { ...held, endMs: cut }]);
  }
  state.held = keep;
  const sources = new Map(buckets.map((b) => [b.bucketId, b.client]));
  const counted: ActivityEventInput[] = [];
  for (const [host, spans] of releasable) {
    const active = subtractSpans<ActivitySpan>(spans, view.afkSpans(host));
    for (const piece of splitLongSpans(overlayTabs(active, view.tabSpans(host)))) {
      const eventId = activityWatchEventId('watcher', userId, piece.bucketId, piece.startMs, piece.endMs);
      counted.push(toActivityEvent(piece, userId, eventId, sources.get(piece.bucketId) ?? 'activitywatch'));
    }
  }
  return counted;
}

/** The user's buckets as the counting rules see them, per host. */
class BucketView {
  private readonly windowHosts: Set<string>;

  constructor(private readonly state: WatcherState, private readonly buckets: WatcherBucketInfo[]) {
    this.windowHosts = new Set(buckets.filter((b) => b.type === BUCKET_TYPES.window).map((b) => b.hostname));
  }

  /** Held time of this span is counted up to here (the earliest report of a watcher it waits for). */
  knownUntil(held: WatcherHeldWindow): number {
    const family = browserFamily(held.app);
    const awaited = this.buckets.filter(
      (b) =>
        this.appliesTo(b.hostname, held.hostname) &&
        (b.type === BUCKET_TYPES.afk || (b.type === BUCKET_TYPES.web && family !== undefined && [undefined, family].includes(tabFamily(b.bucketId, b.client)))),
    );
    const floor = latestWindowEnd(this.state, held.hostname) - MAX_HOLD_MS;
    return Math.min(...awaited.map((b) => Math.max(this.last(b.bucketId)?.endMs ?? -Infinity, floor)));
  }

  afkSpans(host: string): Span[] {
    const open = this.buckets.filter((b) => b.type === BUCKET_TYPES.afk).map((b) => ({ bucket: b, last: this.last(b.bucketId) }));
    return [
      ...this.state.afk.filter((s) => this.appliesTo(s.hostname, host)),
      ...open.filter(({ bucket, last }) => last && statusOf(last) === 'afk' && this.appliesTo(bucket.hostname, host)).map(({ bucket, last }) => afkSpan(last!, bucket)),
    ];
  }

  tabSpans(host: string): TabSpan[] {
    const open = this.buckets.filter((b) => b.type === BUCKET_TYPES.web).flatMap((b) => (this.last(b.bucketId) ? [webSpan(this.last(b.bucketId)!, b)] : []));
    return [...this.state.web, ...open]
      .filter((s) => !s.incognito && this.appliesTo(s.hostname, host))
      .map((s) => compact({ startMs: s.startMs, endMs: s.endMs, title: s.title, url: s.url, family: tabFamily(s.bucketId, this.clientOf(s.bucketId)) }));
  }

  /** Same host, or a host without window buckets ("unknown", "!local" of web watchers): then every host. */
  appliesTo(spanHost: string, windowHost: string): boolean {
    return spanHost === windowHost || !this.windowHosts.has(spanHost);
  }

  private last(bucketId: string): WatcherLastEvent | undefined {
    return this.state.lasts.find((l) => l.bucketId === bucketId);
  }

  private clientOf(bucketId: string): string {
    return this.buckets.find((b) => b.bucketId === bucketId)?.client ?? '';
  }
}

/** Drops closed AFK and tab spans that end before any time they could still cut or label. */
function prune(state: WatcherState, buckets: WatcherBucketInfo[]): WatcherState {
  const view = new BucketView(state, buckets);
  const windowHosts = [...new Set(buckets.filter((b) => b.type === BUCKET_TYPES.window).map((b) => b.hostname))];
  const lowWater = (host: string) => Math.min(latestWindowEnd(state, host), ...state.held.filter((h) => h.hostname === host).map((h) => h.startMs));
  const stillNeeded = (span: { hostname: string; endMs: number }) => windowHosts.some((host) => view.appliesTo(span.hostname, host) && span.endMs > lowWater(host));
  const newest = <T extends Span>(spans: T[]) => [...spans].sort((a, b) => a.endMs - b.endMs).slice(-KEPT_SPANS);
  return { ...state, afk: newest(state.afk.filter(stillNeeded)), web: newest(state.web.filter(stillNeeded)) };
}

function sameLabels(a: WatcherHeldWindow, b: WatcherHeldWindow): boolean {
  return a.bucketId === b.bucketId && a.hostname === b.hostname && a.app === b.app && a.title === b.title && a.url === b.url;
}

function statusOf(event: WatcherLastEvent): unknown {
  return (JSON.parse(event.dataJson) as { status?: unknown }).status;
}

function afkSpan(event: WatcherLastEvent, bucket: WatcherBucketInfo): WatcherAfkSpan {
  return { hostname: bucket.hostname, startMs: event.startMs, endMs: event.endMs };
}

function webSpan(event: WatcherLastEvent, bucket: WatcherBucketInfo): WatcherWebSpan {
  const data = JSON.parse(event.dataJson) as Record<string, unknown>;
  return compact({ bucketId: bucket.bucketId, hostname: bucket.hostname, startMs: event.startMs, endMs: event.endMs, ...tabLabels(data), incognito: data.incognito === true });
}
