import type { ActivityEventInput, ImportRejection } from '@lib/contracts';
import { EVENT_TEXT_MAX_LENGTH, MAX_DURATION_SEC, shortDigest, WHOLE_EVENT } from '@lib/contracts';
import { composed } from '@lib/classifier-engine';
import { checkIsoStart, endProblem, StartCheck } from '../start-time';

/**
 * ActivityWatch data as activity: pure interval logic shared by export imports and the watcher
 * API. Window events are the activity; AFK periods are cut out of them; browser window time takes
 * the URL and title of the web-tab events it overlaps (and web time outside browser windows does
 * not count, so nothing counts twice).
 */

export interface Span {
  startMs: number;
  endMs: number;
}

/** An ActivityWatch event with its time as epoch ms. */
export interface AwRecord extends Span {
  data: Record<string, unknown>;
}

/** Window time with its labels, the unit the functions below cut and relabel. */
export interface ActivitySpan extends Span {
  bucketId: string;
  app: string;
  title?: string;
  url?: string;
}

export interface TabSpan extends Span {
  family?: BrowserFamily;
  url?: string;
  title?: string;
}

export type BrowserFamily = 'chromium' | 'firefox' | 'safari';

export const BUCKET_TYPES = { window: 'currentwindow', web: 'web.tab.current', afk: 'afkstatus' } as const;

const TIMESTAMP_FORMAT = 'must be an ISO-8601 time with an offset (e.g. 2026-11-22T09:30:00.000000+00:00)';
const MAX_SPAN_MS = MAX_DURATION_SEC * 1000;

export type AwParse = { ok: true; record: AwRecord } | { ok: false; field: string; reason: string };

/** Validates one aw-server event (`{ timestamp, duration, data }`); a missing duration is 0, as in aw-server. */
export function parseAwEvent(input: unknown, nowMs = Date.now()): AwParse {
  if (!isObject(input)) return { ok: false, field: WHOLE_EVENT, reason: 'must be an object' };
  const { timestamp, duration = 0, data } = input;
  const start: StartCheck = typeof timestamp === 'string' ? checkIsoStart(timestamp, nowMs, TIMESTAMP_FORMAT) : { ok: false, reason: TIMESTAMP_FORMAT };
  if (!start.ok) return { ok: false, field: 'timestamp', reason: start.reason };
  const startMs = start.ms;
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) return { ok: false, field: 'duration', reason: 'must be a number of seconds >= 0' };
  const late = endProblem(startMs, duration * 1000, nowMs);
  if (late) return { ok: false, field: 'duration', reason: late };
  if (!isObject(data)) return { ok: false, field: 'data', reason: 'must be an object' };
  return { ok: true, record: { startMs, endMs: startMs + Math.round(duration * 1000), data } };
}

/** What a bucket type requires of an event's data, or undefined when it is fine. */
export function dataProblem(bucketType: string, data: Record<string, unknown>): { field: string; reason: string } | undefined {
  if (bucketType === BUCKET_TYPES.window && (typeof data.app !== 'string' || data.app.trim() === '')) return { field: 'data.app', reason: 'must be a non-empty string' };
  if (bucketType === BUCKET_TYPES.afk && data.status !== 'afk' && data.status !== 'not-afk') return { field: 'data.status', reason: 'must be "afk" or "not-afk"' };
  return undefined;
}

/** The union of spans: sorted, overlapping and touching spans joined. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.endMs > s.startMs).sort((a, b) => a.startMs - b.startMs);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.startMs <= last.endMs) last.endMs = Math.max(last.endMs, span.endMs);
    else merged.push({ startMs: span.startMs, endMs: span.endMs });
  }
  return merged;
}

/**
 * Sorted by start, each item starting no earlier than the end of everything before it (and than
 * `floorMs`): overlapping events of one host count their common time once.
 */
export function clipOverlaps<T extends Span>(items: T[], floorMs = -Infinity): T[] {
  const sorted = [...items].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const clipped: T[] = [];
  let frontier = floorMs;
  for (const item of sorted) {
    const startMs = Math.max(item.startMs, frontier);
    if (item.endMs <= startMs) continue;
    clipped.push(startMs === item.startMs ? item : { ...item, startMs });
    frontier = item.endMs;
  }
  return clipped;
}

/** Items with the holes cut out, sorted by start; an item with a hole inside becomes two. */
export function subtractSpans<T extends Span>(items: T[], holes: Span[]): T[] {
  const gaps = mergeSpans(holes);
  const sorted = [...items].sort((a, b) => a.startMs - b.startMs);
  const result: T[] = [];
  let first = 0;
  for (const item of sorted) {
    // Holes ending before this item end before every later one too (items are sorted by start).
    while (first < gaps.length && gaps[first].endMs <= item.startMs) first++;
    let cursor = item.startMs;
    for (let i = first; i < gaps.length && gaps[i].startMs < item.endMs; i++) {
      if (gaps[i].startMs > cursor) result.push({ ...item, startMs: cursor, endMs: gaps[i].startMs });
      cursor = Math.max(cursor, gaps[i].endMs);
    }
    if (cursor < item.endMs) result.push(cursor === item.startMs ? item : { ...item, startMs: cursor });
  }
  return result;
}

/**
 * Browser window time takes the URL and title of the web-tab events it overlaps (of a matching
 * browser, when the tab's family is known); the rest keeps the window's labels. Tabs outside
 * browser windows add nothing.
 */
export function overlayTabs<T extends ActivitySpan>(items: T[], tabs: TabSpan[]): T[] {
  const byFamily = new Map<BrowserFamily | undefined, T[]>();
  for (const item of items) {
    const family = browserFamily(item.app);
    // Appended in place: copying the list per item made a 200,000-event export take 7 minutes.
    const group = byFamily.get(family);
    if (group) group.push(item);
    else byFamily.set(family, [item]);
  }
  let result: T[] = byFamily.get(undefined) ?? [];
  for (const [family, browserItems] of byFamily) {
    if (family === undefined) continue;
    // concat, not push(...pieces): spreading ~120,000 pieces as arguments overflows the stack.
    result = result.concat(relabel(browserItems, clipOverlaps(tabs.filter((t) => t.family === undefined || t.family === family))));
  }
  return result.sort((a, b) => a.startMs - b.startMs);
}

function relabel<T extends ActivitySpan>(items: T[], tabs: TabSpan[]): T[] {
  const result: T[] = [];
  let first = 0;
  for (const item of [...items].sort((a, b) => a.startMs - b.startMs)) {
    while (first < tabs.length && tabs[first].endMs <= item.startMs) first++;
    let cursor = item.startMs;
    for (let i = first; i < tabs.length && tabs[i].startMs < item.endMs; i++) {
      const tab = tabs[i];
      if (tab.startMs > cursor) result.push({ ...item, startMs: cursor, endMs: tab.startMs });
      const startMs = Math.max(cursor, tab.startMs);
      const endMs = Math.min(item.endMs, tab.endMs);
      const labelled: T = { ...item, startMs, endMs };
      if (tab.title !== undefined) labelled.title = tab.title;
      if (tab.url !== undefined) labelled.url = tab.url;
      result.push(labelled);
      cursor = endMs;
    }
    if (cursor < item.endMs) result.push({ ...item, startMs: cursor, endMs: item.endMs });
  }
  return result;
}

/** Pieces of at most `maxMs` (events are bounded to 24 h). */
export function splitLongSpans<T extends Span>(items: T[], maxMs = MAX_SPAN_MS): T[] {
  return items.flatMap((item) => {
    if (item.endMs - item.startMs <= maxMs) return [item];
    const pieces: T[] = [];
    for (let start = item.startMs; start < item.endMs; start += maxMs) pieces.push({ ...item, startMs: start, endMs: Math.min(item.endMs, start + maxMs) });
    return pieces;
  });
}

const BROWSER_APPS: Record<BrowserFamily, string[]> = {
  chromium: [
    'chrome', 'googlechrome', 'googlechromestable', 'googlechromebeta', 'googlechromedev', 'googlechromeunstable', 'chromium', 'chromiumbrowser',
    'brave', 'bravebrowser', 'msedge', 'microsoftedge', 'microsoftedgestable', 'opera', 'vivaldi', 'vivaldistable', 'arc', 'yandex', 'yandexbrowser',
  ],
  firefox: ['firefox', 'firefoxesr', 'firefoxdeveloperedition', 'firefoxnightly', 'nightly', 'navigator', 'librewolf', 'waterfox', 'floorp', 'zen', 'zenbrowser', 'orgmozillafirefox'],
  safari: ['safari', 'safaritechnologypreview'],
};
const FAMILY_OF_APP = new Map(Object.entries(BROWSER_APPS).flatMap(([family, apps]) => apps.map((app) => [app, family as BrowserFamily])));

/** The browser an app name is (as aw-watcher-window reports it on any OS), or undefined. */
export function browserFamily(app: string): BrowserFamily | undefined {
  return FAMILY_OF_APP.get(app.toLowerCase().replace(/\.(exe|app)$/, '').replace(/[^a-z0-9]/g, ''));
}

/** The browser of a web watcher from its bucket id or client name (`aw-watcher-web-firefox`…); undefined matches any. */
export function tabFamily(bucketId: string, client = ''): BrowserFamily | undefined {
  const text = `${bucketId} ${client}`.toLowerCase();
  if (/firefox|librewolf|waterfox|floorp|zen/.test(text)) return 'firefox';
  if (/safari/.test(text)) return 'safari';
  if (/chrom|brave|edge|opera|vivaldi|arc|yandex/.test(text)) return 'chromium';
  return undefined;
}

/** Window labels from an event's data (aw-watcher-window on macOS also reports browser URLs). */
export function windowLabels(data: Record<string, unknown>): Pick<ActivitySpan, 'app' | 'title' | 'url'> {
  return compact({ app: String(data.app), title: optionalText(data.title), url: optionalText(data.url) });
}

export function tabLabels(data: Record<string, unknown>): Pick<TabSpan, 'title' | 'url'> {
  return compact({ title: optionalText(data.title), url: optionalText(data.url) });
}

/** An activity event as ingestion takes it; texts are cut to its limits rather than losing the time. */
export function toActivityEvent(span: ActivitySpan, userId: string, eventId: string, source: string): ActivityEventInput {
  return compact({
    eventId,
    userId,
    app: cut(span.app, EVENT_TEXT_MAX_LENGTH.app),
    title: span.title === undefined ? undefined : cut(span.title, EVENT_TEXT_MAX_LENGTH.title),
    url: span.url === undefined ? undefined : cut(span.url, EVENT_TEXT_MAX_LENGTH.url),
    startedAt: span.startMs / 1000,
    durationSec: (span.endMs - span.startMs) / 1000,
    source: cut(source, EVENT_TEXT_MAX_LENGTH.source) || undefined,
  });
}

/**
 * At most `max` UTF-16 units of `text` in the composed form (NFC) ingestion stores, which a few
 * texts outgrow (U+0958 composes to two), never ending in half a surrogate pair (stored as U+FFFD).
 */
function cut(text: string, max: number): string {
  const head = composed(text).slice(0, max);
  return head.length === max && /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** A deterministic event id (within the ids ingestion accepts) from the parts that identify a piece of time. */
export function activityWatchEventId(...parts: Array<string | number>): string {
  return `aw-${shortDigest(parts.join('\u0000'), 40)}`;
}

export class ExportFormatError extends Error {}

/** Bytes of export text per object or array at least: an export has about 75 (an event and its data, ~150 bytes). */
export const MIN_BYTES_PER_CONTAINER = 32;

/**
 * Refuses, before JSON.parse, text holding more objects and arrays than an export of its size.
 * JSON.parse makes ~64 bytes of heap of each: 6 MB of `{},` became 130 MB, so 256 MiB (the upload
 * limit; gzip sends it in a few hundred KiB) would have taken 5.6 GB and ended ingestion, whose
 * run of the job is then redelivered. Within the bound, the heap stays a few times the text.
 * A scan of the bytes (quotes and backslashes are ASCII in UTF-8), not of a decoded string.
 */
export function checkExportDensity(bytes: Uint8Array): void {
  const allowed = Math.floor(bytes.length / MIN_BYTES_PER_CONTAINER) + 16;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i++; // a backslash escapes the next byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) containers++;
  }
  if (containers > allowed) {
    throw new ExportFormatError(
      `the file is not an ActivityWatch export: it holds ${containers} objects and arrays in ${bytes.length} bytes, more than one per ${MIN_BYTES_PER_CONTAINER} bytes (an export holds about one per 75)`,
    );
  }
}

export interface ExportConversion {
  /** Activity events with the location of the export event they come from (for rejections). */
  events: Array<{ event: ActivityEventInput; location: string }>;
  rejections: ImportRejection[];
  /** Events read from the export, in all buckets. */
  rows: number;
}

interface ExportWindow extends ActivitySpan {
  hostname: string;
  source: string;
  /** The export event's id (or timestamp): with the piece's start, a stable event id. */
  key: string;
  location: string;
}

interface HostSpan extends Span {
  hostname: string;
}

/**
 * An aw-server export (`GET /api/0/export`) as activity events of `userId`. Spans of AFK and web
 * buckets apply to window buckets of the same hostname; one whose hostname has no window bucket
 * (older aw-watcher-web reports "unknown") applies to all of them. Events of other bucket types
 * are read and ignored.
 */
export function convertActivityWatchExport(input: unknown, userId: string, nowMs = Date.now()): ExportConversion {
  if (!isObject(input) || !isObject(input.buckets)) {
    throw new ExportFormatError('not an ActivityWatch export: expected {"buckets": {...}} as aw-server\'s GET /api/0/export answers');
  }
  const windows: ExportWindow[] = [];
  const afk: HostSpan[] = [];
  const tabs: Array<TabSpan & HostSpan> = [];
  const rejections: ImportRejection[] = [];
  let rows = 0;
  for (const [key, bucket] of Object.entries(input.buckets)) {
    const where = `buckets[${JSON.stringify(key)}]`;
    if (!isObject(bucket) || !Array.isArray(bucket.events)) {
      rejections.push({ field: `${where}.events`, reason: 'must be an array' });
      continue;
    }
    const bucketId = typeof bucket.id === 'string' ? bucket.id : key;
    const hostname = typeof bucket.hostname === 'string' ? bucket.hostname : 'unknown';
    const client = typeof bucket.client === 'string' ? bucket.client : 'activitywatch';
    const type = bucket.type;
    bucket.events.forEach((raw: unknown, i: number) => {
      rows++;
      if (type !== BUCKET_TYPES.window && type !== BUCKET_TYPES.afk && type !== BUCKET_TYPES.web) return;
      const location = `${where}.events[${i}]`;
      const parsed = parseAwEvent(raw, nowMs);
      const problem = parsed.ok ? dataProblem(type, parsed.record.data) : parsed;
      if (!parsed.ok || problem) {
        rejections.push({ field: `${location}.${problem!.field}`, reason: problem!.reason });
        return;
      }
      const { startMs, endMs, data } = parsed.record;
      if (endMs <= startMs) return;
      if (type === BUCKET_TYPES.window) {
        const id = (raw as Record<string, unknown>).id;
        windows.push({ startMs, endMs, bucketId, hostname, source: client, key: id === undefined || id === null ? String((raw as Record<string, unknown>).timestamp) : String(id), location, ...windowLabels(data) });
      } else if (type === BUCKET_TYPES.afk) {
        if (data.status === 'afk') afk.push({ startMs, endMs, hostname });
      } else if (data.incognito !== true) {
        tabs.push({ startMs, endMs, hostname, family: tabFamily(bucketId, client), ...tabLabels(data) });
      }
    });
  }
  const hosts = new Set(windows.map((w) => w.hostname));
  const appliesTo = (host: string) => (span: HostSpan) => span.hostname === host || !hosts.has(span.hostname);
  const events: ExportConversion['events'] = [];
  for (const host of hosts) {
    const active = subtractSpans(clipOverlaps(windows.filter((w) => w.hostname === host)), afk.filter(appliesTo(host)));
    for (const piece of splitLongSpans(overlayTabs(active, tabs.filter(appliesTo(host))))) {
      const eventId = activityWatchEventId('export', userId, piece.bucketId, piece.key, piece.startMs);
      events.push({ event: toActivityEvent(piece, userId, eventId, piece.source), location: piece.location });
    }
  }
  return { events, rejections, rows };
}

/** Sorted keys at every level: equal data gives equal text (aw-server compares data for equality). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Without undefined fields: Mongo would store them as null, and ingestion reads absent, not null. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
