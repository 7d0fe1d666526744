import { Injectable, Logger } from '@nestjs/common';
import {
  ActivityEventInput,
  AwBucketView,
  AwEventView,
  CreateBucketRequest,
  HeartbeatRequest,
  InsertEventsRequest,
  invalidInput,
  MAX_EVENTS_PER_BATCH,
  RpcError,
  WatcherBucketRequest,
  WatcherPrincipal,
} from '@lib/contracts';
import { WatcherBucket, WatcherBucketRepository, WatcherHostRepository, WatcherStateRepository } from '@lib/persistence';
import { KeyedMutex } from '@lib/platform';
import { IngestionService } from '../ingestion.service';
import { AwRecord, dataProblem, isObject, parseAwEvent } from './activitywatch-export';
import { applyWatcherEvents, emptyWatcherState } from './activitywatch-heartbeats';

/** Compare-and-set attempts before answering 503 (aw-client retries 5xx; a replayed heartbeat is a no-op). */
const MAX_ATTEMPTS = 8;
const BUCKET_ID = /^[^\u0000-\u001f/]{1,256}$/;

/**
 * aw-server's watcher API on top of the pipeline: buckets per user, heartbeats merged by
 * aw-server's rule with the merge state in Mongo (every instance sees the same state), and the
 * time that counts sent as live events with fixed ids through the outbox of the state document.
 */
@Injectable()
export class WatcherService {
  private readonly logger = new Logger(WatcherService.name);
  /**
   * Each user's state is read, changed and written by one request at a time in this instance:
   * FerretDB (the local Mongo endpoint) does not apply the compare-and-set below atomically (it
   * reads, updates and writes back the document unchecked, `$pullAll` too), so concurrent
   * requests lost or double-counted time. The compare-and-set still guards several instances on
   * MongoDB.
   */
  private readonly userStates = new KeyedMutex();

  constructor(
    private readonly buckets: WatcherBucketRepository,
    private readonly hosts: WatcherHostRepository,
    private readonly states: WatcherStateRepository,
    private readonly ingestion: IngestionService,
  ) {}

  async createBucket({ principal, bucketId, body }: CreateBucketRequest): Promise<{ created: boolean }> {
    assertBucketId(bucketId);
    const spec = bucketSpec(body, bucketId);
    const userId = 'userId' in principal ? principal.userId : await this.mappedUser(spec.hostname);
    return { created: await this.buckets.create({ userId, bucketId, ...spec, keyless: !('userId' in principal) }) };
  }

  async listBuckets({ principal }: { principal: WatcherPrincipal }): Promise<Record<string, AwBucketView>> {
    const buckets = 'userId' in principal ? await this.buckets.listForUser(principal.userId) : await this.mappedKeyless(await this.buckets.listKeyless());
    return Object.fromEntries(buckets.map((b) => [b.bucketId, bucketView(b)]));
  }

  async getBucket(request: WatcherBucketRequest): Promise<AwBucketView> {
    return bucketView(await this.resolveBucket(request));
  }

  async heartbeat(request: HeartbeatRequest): Promise<AwEventView> {
    const pulsetime = typeof request.pulsetime === 'string' && request.pulsetime.trim() !== '' ? Number(request.pulsetime) : NaN;
    if (!Number.isFinite(pulsetime) || pulsetime < 0) throw invalidInput('pulsetime', 'must be given as a number of seconds >= 0 (query parameter)');
    const bucket = await this.resolveBucket(request);
    const [result] = await this.apply(bucket, [eventOf(request.event, bucket.type, 'event')], pulsetime * 1000);
    return result;
  }

  /**
   * Inserted events count like heartbeats with pulsetime 0 (the watchers served here send heartbeats).
   * A bad event does not cost the valid ones beside it: they are stored, and the answer is a 400
   * naming the first bad event, with every rejection in `details.rejected` (aw-client drops a 4xx
   * request; sending the batch again after a fix counts the stored ones nothing more).
   */
  async insertEvents(request: InsertEventsRequest): Promise<AwEventView[]> {
    const list = Array.isArray(request.events) ? request.events : [request.events];
    if (list.length === 0 || list.length > MAX_EVENTS_PER_BATCH) throw invalidInput('events', `must be one event or a list of 1 to ${MAX_EVENTS_PER_BATCH} events`);
    const bucket = await this.resolveBucket(request);
    const checked = list.map((raw, i) => checkEvent(raw, bucket.type, `events[${i}]`));
    const records = checked.flatMap((c) => ('record' in c ? [c.record] : []));
    const rejected = checked.flatMap((c, index) => ('record' in c ? [] : [{ index, field: c.field, reason: c.reason }]));
    const results = records.length > 0 ? await this.apply(bucket, records, 0) : [];
    if (rejected.length === 0) return results;
    const [first] = rejected;
    const stored = records.length > 0 ? `; the other ${records.length} of ${list.length} events ${records.length === 1 ? 'was' : 'were'} stored` : '';
    throw new RpcError(400, `${first.field} ${first.reason}${stored}`, { field: first.field, rejected, stored: records.length });
  }

  private apply(bucket: WatcherBucket, records: AwRecord[], pulsetimeMs: number): Promise<AwEventView[]> {
    return this.userStates.runExclusive(bucket.userId, () => this.applyExclusive(bucket, records, pulsetimeMs));
  }

  private async applyExclusive(bucket: WatcherBucket, records: AwRecord[], pulsetimeMs: number): Promise<AwEventView[]> {
    const { userId } = bucket;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [buckets, stored] = await Promise.all([this.buckets.listForUser(userId), this.states.load(userId)]);
      const step = applyWatcherEvents(stored ?? emptyWatcherState(), buckets, bucket.bucketId, records, pulsetimeMs, userId);
      if (await this.states.commit(userId, stored?.version ?? 0, step.state, step.counted)) {
        await this.publish(userId, [...(stored?.outbox ?? []), ...step.counted]);
        return step.results.map(eventView);
      }
    }
    throw new RpcError(503, 'the watcher state of this user changed concurrently too often; retry');
  }

  /** Publishes counted time (live lane), then drops it from the outbox; a failure leaves it for the next request. */
  private async publish(userId: string, outbox: ActivityEventInput[]): Promise<void> {
    for (let i = 0; i < outbox.length; i += MAX_EVENTS_PER_BATCH) {
      const events = outbox.slice(i, i + MAX_EVENTS_PER_BATCH);
      const result = await this.ingestion.ingest({ events, lane: 'live' }, `watcher:${userId}`);
      // Validated as watcher input already; a rejection here is a bug worth seeing, not a retry.
      if (result.rejected.length > 0) this.logger.error({ msg: 'watcher events rejected', userId, rejected: result.rejected });
      await this.states.removeFromOutbox(userId, events);
    }
  }

  private async resolveBucket({ principal, bucketId }: WatcherBucketRequest): Promise<WatcherBucket> {
    assertBucketId(bucketId);
    const missing = new RpcError(404, `bucket "${bucketId}" does not exist (watchers create it with POST /api/0/buckets/${bucketId})`, { field: 'bucketId' });
    if ('userId' in principal) {
      const bucket = await this.buckets.find(principal.userId, bucketId);
      if (!bucket) throw missing;
      return bucket;
    }
    const candidates = await this.buckets.listKeyless(bucketId);
    if (candidates.length === 0) throw missing;
    const [bucket] = await this.mappedKeyless(candidates);
    if (!bucket) throw unmapped(candidates[0].hostname);
    return bucket;
  }

  /** Keyless buckets whose host is (still) mapped to the bucket's user. */
  private async mappedKeyless(buckets: WatcherBucket[]): Promise<WatcherBucket[]> {
    const users = await Promise.all(buckets.map((b) => this.hosts.userOf(b.hostname)));
    return buckets.filter((b, i) => users[i] === b.userId);
  }

  private async mappedUser(hostname: string): Promise<string> {
    const userId = await this.hosts.userOf(hostname);
    if (!userId) throw unmapped(hostname);
    return userId;
  }
}

function unmapped(hostname: string): RpcError {
  return new RpcError(401, `no API key was sent and host "${hostname}" is not mapped to a user (send Authorization: Bearer <key bound to a user>, or an admin maps the host with PUT /v1/watchers/${hostname})`);
}

function assertBucketId(bucketId: string): void {
  if (typeof bucketId !== 'string' || !BUCKET_ID.test(bucketId)) throw invalidInput('bucketId', 'must be 1 to 256 characters without "/" or control characters');
}

/** aw-server's bucket body: `{ client, type, hostname, name? }`. */
function bucketSpec(body: unknown, bucketId: string): Pick<WatcherBucket, 'type' | 'client' | 'hostname' | 'name'> {
  if (!isObject(body)) throw invalidInput('body', 'must be a JSON object { client, type, hostname }');
  const text = (field: string, max: number, fallback?: string): string => {
    const value = body[field] ?? fallback;
    if (typeof value !== 'string' || value.trim() === '' || value.length > max) throw invalidInput(field, `must be a non-empty string of at most ${max} characters`);
    return value;
  };
  return { type: text('type', 128), client: text('client', 128, 'unknown'), hostname: text('hostname', 255), name: text('name', 256, bucketId) };
}

/** One watcher event as a record, or what is wrong with it (`field` prefixed with `where`). */
function checkEvent(raw: unknown, bucketType: string, where: string): { record: AwRecord } | { field: string; reason: string } {
  const parsed = parseAwEvent(raw);
  const problem = parsed.ok ? dataProblem(bucketType, parsed.record.data) : parsed;
  if (!parsed.ok || problem) return { field: `${where}.${problem!.field}`, reason: problem!.reason };
  return { record: parsed.record };
}

function eventOf(raw: unknown, bucketType: string, where: string): AwRecord {
  const checked = checkEvent(raw, bucketType, where);
  if (!('record' in checked)) throw invalidInput(checked.field, checked.reason);
  return checked.record;
}

function bucketView(bucket: WatcherBucket): AwBucketView {
  return { id: bucket.bucketId, name: bucket.name, type: bucket.type, client: bucket.client, hostname: bucket.hostname, created: new Date(bucket.createdAt).toISOString() };
}

function eventView(record: AwRecord): AwEventView {
  return { timestamp: new Date(record.startMs).toISOString(), duration: (record.endMs - record.startMs) / 1000, data: record.data };
}
