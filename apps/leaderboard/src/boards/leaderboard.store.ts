import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { BoardIncrements, BoardRef, compareAsZrevrange, PeriodType, rankPage, RankedEntry, SCORE_UNITS_PER_SECOND, ScoredEntry } from '@lib/leaderboard-core';
import { PipelineMetrics } from '@lib/observability';
import { explainedRedisError, REDIS } from '@lib/persistence';
import { AppConfig } from '@lib/config';
import { BoardKeys } from './board-keys';

/** Members per ZMSCORE/ZADD call: 2 × 2,000 values stay below Lua's unpack() limit (~8,000). */
const INCREMENT_CHUNK = 2000;

// Keys travel in ARGV because they are computed per batch: fine for one primary with replicas,
// not for Redis Cluster. Increments travel as lists, each one JSON argument [[userId…],
// [seconds…]] (one member per user: the aggregator sums per user) with the keys it applies to (a
// one-day batch's day, week, month and all-time boards share one list, so it is encoded and
// decoded once). Each key gets ZMSCORE + ZADD per chunk of members: two calls per chunk instead
// of one ZINCRBY per member, about a third less Redis CPU and wall time per batch
// (docs/leaderboards.md). The sum is ZINCRBY's rounded to the millisecond, as addScores rounds
// (scores round-trip exactly through their decimal form). One board's updates in a row keep its
// skiplist in the CPU cache.
// Both write scripts end by adding every key of the batch to its period's index (SADD of a member
// already there costs next to nothing), so archive and verify find live boards without scanning Redis.
const SCRIPT_HELPERS = `
local CHUNK = ${INCREMENT_CHUNK}
local function addAll(key, userIds, seconds)
  for from = 1, #userIds, CHUNK do
    local to = math.min(from + CHUNK - 1, #userIds)
    local scores = redis.call('ZMSCORE', key, unpack(userIds, from, to))
    local zadd = {}
    for k = 1, to - from + 1 do
      local score = scores[k]
      -- To the millisecond, as addScores (leaderboard-core) sums: 0.1 + 0.2 is 0.3, whatever the order.
      zadd[2 * k - 1] = math.floor(((score and tonumber(score) or 0) + seconds[from + k - 1]) * ${SCORE_UNITS_PER_SECOND} + 0.5) / ${SCORE_UNITS_PER_SECOND}
      zadd[2 * k] = userIds[from + k - 1]
    end
    redis.call('ZADD', key, unpack(zadd))
  end
end
local function incrementGroups(i)
  local lists = tonumber(ARGV[i])
  i = i + 1
  for l = 1, lists do
    local keys = tonumber(ARGV[i])
    local increments = cjson.decode(ARGV[i + keys + 1])
    for k = i + 1, i + keys do addAll(ARGV[k], increments[1], increments[2]) end
    i = i + keys + 2
  end
  return i
end
local function indexKeys(i)
  local groups = tonumber(ARGV[i])
  i = i + 1
  for g = 1, groups do
    local n = tonumber(ARGV[i + 1])
    redis.call('SADD', ARGV[i], unpack(ARGV, i + 2, i + 1 + n))
    i = i + 2 + n
  end
end`;

/**
 * Step 3 of DESIGN.md's protocol, per envelope: sets the envelope's marker with NX and applies
 * its increments only if the marker was absent, atomically. Markers are set without expiry
 * (expireMarkers gives them one after step 4). ARGV: envelopes, then per envelope marker, span
 * (ARGV entries of its groups), its increment groups; then the index groups.
 */
const APPLY_EACH_ONCE = `${SCRIPT_HELPERS}
local i = 2
local applied = 0
for e = 1, tonumber(ARGV[1]) do
  local marker, span = ARGV[i], tonumber(ARGV[i + 1])
  if redis.call('SET', marker, '1', 'NX') then
    incrementGroups(i + 2)
    applied = applied + 1
  end
  i = i + 2 + span
end
indexKeys(i)
return applied`;

/**
 * The same step for a whole batch at once, when none of its envelopes was applied before (every
 * first delivery): all markers and the batch's summed increments — one ZINCRBY per user, board
 * and period however many envelopes carry them — or nothing, atomically. Returns -1 when some
 * marker exists (a redelivery after a crash), and the caller falls back to APPLY_EACH_ONCE.
 * ARGV: m, m × marker, the increment groups, then the index groups.
 */
const APPLY_ALL_ONCE = `${SCRIPT_HELPERS}
local m = tonumber(ARGV[1])
for at = 2, 1 + m do
  if redis.call('EXISTS', ARGV[at]) == 1 then return -1 end
end
for at = 2, 1 + m do redis.call('SET', ARGV[at], '1') end
indexKeys(incrementGroups(2 + m))
return m`;

// Read scripts: KEYS = live key, archiving key, archived-generations hash. A board that is being
// archived or has an archive answers ARCHIVED (-1) and is read from its merged snapshot instead.
const ARCHIVED_CHECK = `
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('HEXISTS', KEYS[3], KEYS[1]) == 1 then return -1 end`;

/** ARGV offset, limit → {countAbove(first), flat entries} */
const PAGE = `${ARCHIVED_CHECK}
local flat = redis.call('ZREVRANGE', KEYS[1], ARGV[1], ARGV[1] + ARGV[2] - 1, 'WITHSCORES')
if #flat == 0 then return {} end
return {redis.call('ZCOUNT', KEYS[1], '(' .. flat[2], '+inf'), flat}`;

/** The number of users on the live set. */
const COUNT = `${ARCHIVED_CHECK}
return redis.call('ZCARD', KEYS[1])`;

/**
 * ARGV score, userId, limit: the page after that entry (a cursor's) → {start, countAbove(first),
 * flat entries}, or, when the user no longer has that score, {-2, count above the score, members
 * at the score (descending)}: the caller orders the ties as Redis does (byte order; Lua's string
 * comparison follows the server's locale) and reads the page at the offset found.
 */
const PAGE_AFTER = `${ARCHIVED_CHECK}
local current = redis.call('ZSCORE', KEYS[1], ARGV[2])
if not current or tonumber(current) ~= tonumber(ARGV[1]) then
  return {-2, redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf'), redis.call('ZREVRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1])}
end
local start = redis.call('ZREVRANK', KEYS[1], ARGV[2]) + 1
local flat = redis.call('ZREVRANGE', KEYS[1], start, start + ARGV[3] - 1, 'WITHSCORES')
if #flat == 0 then return {start} end
return {start, redis.call('ZCOUNT', KEYS[1], '(' .. flat[2], '+inf'), flat}`;

/** ARGV userId, k → {start, countAbove(first), flat entries} or {} when the user has no score */
const AROUND = `${ARCHIVED_CHECK}
local pos = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if not pos then return {} end
local start = math.max(0, pos - tonumber(ARGV[2]))
local flat = redis.call('ZREVRANGE', KEYS[1], start, pos + tonumber(ARGV[2]), 'WITHSCORES')
return {start, redis.call('ZCOUNT', KEYS[1], '(' .. flat[2], '+inf'), flat}`;

/** ARGV userIds → per user {score, countAbove} or false (no score) */
const GROUP = `${ARCHIVED_CHECK}
local scores = redis.call('ZMSCORE', KEYS[1], unpack(ARGV))
local out = {}
for i = 1, #ARGV do
  local s = scores[i]
  if s then out[i] = {s, redis.call('ZCOUNT', KEYS[1], '(' .. s, '+inf')} else out[i] = false end
end
return out`;

/** KEYS = archived hash, then (live, archiving) per board; ARGV userId → per board score, false or -1 */
const SCORES_OF_USER = `
local out = {}
for b = 1, (#KEYS - 1) / 2 do
  local live, archiving = KEYS[2 * b], KEYS[2 * b + 1]
  if redis.call('EXISTS', archiving) == 1 or redis.call('HEXISTS', KEYS[1], live) == 1 then out[b] = -1
  else out[b] = redis.call('ZSCORE', live, ARGV[1]) end
end
return out`;

/**
 * How long a marker stays once applied_envelopes records its envelope (step 4): that record
 * then answers a redelivery, and the marker covers an attempt of the same batch still running
 * (redelivered while its first attempt was frozen). Until step 4 a marker has no expiry: it is
 * all that says the increments are in, and a redelivery may come days later (a stage down for up
 * to STREAM_MAX_AGE_HOURS, a dead letter replayed). Until 2026-11-24 markers expired a day after
 * step 3, and a redelivery after that counted the envelope twice.
 */
const MARKER_TTL_SEC = 86400;

/** What a read script answers for a board that has (or is getting) a Mongo archive. */
export const ARCHIVED = Symbol('archived');
export type Archived = typeof ARCHIVED;

export interface EnvelopeIncrements {
  envelopeId: string;
  increments: BoardIncrements[];
}

export interface GroupScore {
  userId: string;
  score: number;
  globalRank: number | null;
}

/** Everything Redis holds of one board: archiving copy, archive generation, live set. */
export interface BoardSnapshot {
  generation: number | undefined;
  archiving: ScoredEntry[];
  live: ScoredEntry[];
}

/** Arguments go as one array: ioredis flattens it, while spreading 100k+ arguments overflows the stack. */
type ScriptRunner = (args: (string | number)[]) => Promise<unknown>;

@Injectable()
export class LeaderboardStore {
  private readonly scripts: Record<'apApplyEachOnce' | 'apApplyAllOnce' | 'apPage' | 'apCount' | 'apPageAfter' | 'apAround' | 'apGroup' | 'apScoresOfUser', ScriptRunner>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: BoardKeys,
    private readonly config: AppConfig,
    private readonly metrics: PipelineMetrics,
  ) {
    redis.defineCommand('apApplyEachOnce', { numberOfKeys: 0, lua: APPLY_EACH_ONCE });
    redis.defineCommand('apApplyAllOnce', { numberOfKeys: 0, lua: APPLY_ALL_ONCE });
    redis.defineCommand('apPage', { numberOfKeys: 3, lua: PAGE });
    redis.defineCommand('apCount', { numberOfKeys: 3, lua: COUNT });
    redis.defineCommand('apPageAfter', { numberOfKeys: 3, lua: PAGE_AFTER });
    redis.defineCommand('apAround', { numberOfKeys: 3, lua: AROUND });
    redis.defineCommand('apGroup', { numberOfKeys: 3, lua: GROUP });
    redis.defineCommand('apScoresOfUser', { lua: SCORES_OF_USER });
    const commands = redis as unknown as Record<string, ScriptRunner>;
    const bind = (name: string): ScriptRunner => (args) => commands[name].call(redis, args);
    this.scripts = {
      apApplyEachOnce: bind('apApplyEachOnce'),
      apApplyAllOnce: bind('apApplyAllOnce'),
      apPage: bind('apPage'),
      apCount: bind('apCount'),
      apPageAfter: bind('apPageAfter'),
      apAround: bind('apAround'),
      apGroup: bind('apGroup'),
      apScoresOfUser: bind('apScoresOfUser'),
    };
  }

  /**
   * All envelopes' markers and their summed increments in one script call; false (nothing
   * changed) when one of them was applied before.
   */
  async applyAllOnce(envelopeIds: string[], increments: BoardIncrements[]): Promise<boolean> {
    if (envelopeIds.length === 0) return true;
    const args: (string | number)[] = [envelopeIds.length, ...envelopeIds.map((id) => this.marker(id))];
    this.pushIncrementGroups(args, increments);
    this.pushIndexGroups(args, increments);
    const applied = await this.timed('applyAllOnce', () => this.scripts.apApplyAllOnce(args));
    return applied !== -1;
  }

  /** Envelope by envelope, skipping those applied before; returns how many were applied now. */
  async applyEachOnce(envelopes: EnvelopeIncrements[]): Promise<number> {
    if (envelopes.length === 0) return 0;
    const args: (string | number)[] = [envelopes.length];
    for (const { envelopeId, increments } of envelopes) {
      args.push(this.marker(envelopeId), 0);
      const spanAt = args.length - 1;
      this.pushIncrementGroups(args, increments);
      args[spanAt] = args.length - spanAt - 1;
    }
    this.pushIndexGroups(args, envelopes.flatMap((e) => e.increments));
    return this.timed('applyEachOnce', () => this.scripts.apApplyEachOnce(args) as Promise<number>);
  }

  /** After step 4: the envelopes' markers expire in MARKER_TTL_SEC (those of absent markers: nothing). */
  async expireMarkers(envelopeIds: string[]): Promise<void> {
    if (envelopeIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of envelopeIds) pipeline.expire(this.marker(id), MARKER_TTL_SEC);
    const results = await this.timed('expireMarkers', () => pipeline.exec());
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }

  /** Which of these envelopes have their marker: their increments are in Redis (step 3). */
  async markedAmong(envelopeIds: string[]): Promise<Set<string>> {
    if (envelopeIds.length === 0) return new Set();
    const pipeline = this.redis.pipeline();
    for (const id of envelopeIds) pipeline.exists(this.marker(id));
    const results = (await this.timed('markedAmong', () => pipeline.exec())) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    return new Set(envelopeIds.filter((_, i) => results[i][1] === 1));
  }

  /** A page of the board with competition ranks (ties share a rank: 1, 2, 2, 4), in one round trip. */
  async page(ref: BoardRef, offset: number, limit: number): Promise<RankedEntry[] | Archived> {
    const reply = await this.timed('page', () => this.scripts.apPage([...this.readKeys(ref), offset, limit]));
    if (reply === -1) return ARCHIVED;
    const [above, flat] = reply as [number?, string[]?];
    return flat ? rankPage(toEntries(flat), above! + 1, offset) : [];
  }

  async count(ref: BoardRef): Promise<number | Archived> {
    const reply = await this.timed('count', () => this.scripts.apCount(this.readKeys(ref)));
    return reply === -1 ? ARCHIVED : (reply as number);
  }

  /** The page after `after` (a cursor's last entry), in one round trip, or two when that user's score changed since. */
  async pageAfter(ref: BoardRef, after: ScoredEntry, limit: number): Promise<RankedEntry[] | Archived> {
    const reply = await this.timed('pageAfter', () => this.scripts.apPageAfter([...this.readKeys(ref), after.score, after.userId, limit]));
    if (reply === -1) return ARCHIVED;
    const [start, above, listed] = reply as [number, number?, string[]?];
    if (start !== -2) return listed ? rankPage(toEntries(listed), above! + 1, start) : [];
    // listed: the members at the cursor's score; those ordered before the cursor's user precede its place.
    const tiedBefore = listed!.filter((userId) => compareAsZrevrange({ userId, score: after.score }, after) < 0).length;
    return this.page(ref, above! + tiedBefore, limit);
  }

  async rankOf(ref: BoardRef, userId: string): Promise<{ rank: number | null; score: number } | Archived> {
    const group = await this.group(ref, [userId]);
    if (group === ARCHIVED) return ARCHIVED;
    return { rank: group[0].globalRank, score: group[0].score };
  }

  /** The user's entry with up to k entries above and below; empty when the user has no score. */
  async around(ref: BoardRef, userId: string, k: number): Promise<RankedEntry[] | Archived> {
    const reply = await this.timed('around', () => this.scripts.apAround([...this.readKeys(ref), userId, k]));
    if (reply === -1) return ARCHIVED;
    const [start, above, flat] = reply as [number?, number?, string[]?];
    return flat ? rankPage(toEntries(flat), above! + 1, start) : [];
  }

  /** Scores and global ranks of the given users, in one round trip (ZMSCORE + ZCOUNT in a script). */
  async group(ref: BoardRef, userIds: string[]): Promise<GroupScore[] | Archived> {
    const reply = await this.timed('group', () => this.scripts.apGroup([...this.readKeys(ref), ...userIds]));
    if (reply === -1) return ARCHIVED;
    return (reply as Array<[string, number] | null>).map((found, i) =>
      found ? { userId: userIds[i], score: Number(found[0]), globalRank: found[1] + 1 } : { userId: userIds[i], score: 0, globalRank: null },
    );
  }

  /** One user's score on each board (0 when absent), in one round trip. */
  async scoresOfUser(refs: BoardRef[], userId: string): Promise<Array<number | Archived>> {
    if (refs.length === 0) return [];
    const keys = refs.flatMap((ref) => [this.keys.live(ref), this.keys.archiving(ref)]);
    const reply = (await this.timed('scoresOfUser', () =>
      this.scripts.apScoresOfUser([keys.length + 1, this.keys.archivedGenerations, ...keys, userId]),
    )) as Array<string | number | null>;
    return reply.map((s) => (s === -1 ? ARCHIVED : s === null ? 0 : Number(s)));
  }

  /** Archive generation, archiving copy and live set of a board, read atomically (MULTI). */
  async snapshot(ref: BoardRef): Promise<BoardSnapshot> {
    const results = await this.redis
      .multi()
      .zrange(this.keys.archiving(ref), 0, -1, 'WITHSCORES')
      .hget(this.keys.archivedGenerations, this.keys.live(ref))
      .zrange(this.keys.live(ref), 0, -1, 'WITHSCORES')
      .exec();
    if (!results) throw new Error('Redis MULTI was aborted');
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    const [[, archiving], [, generation], [, live]] = results as Array<[null, unknown]>;
    return {
      generation: generation === null ? undefined : Number(generation),
      archiving: toEntries(archiving as string[]),
      live: toEntries(live as string[]),
    };
  }

  /** Timed (ap_store_operation_seconds), and failing with an error that says Redis failed, where and how. */
  private async timed<T>(operation: string, command: () => Promise<T>): Promise<T> {
    try {
      return await this.metrics.timeStore('redis', operation, command);
    } catch (error) {
      throw explainedRedisError(error, operation, this.config.REDIS_URL);
    }
  }

  private marker(envelopeId: string): string {
    return `${this.config.REDIS_PREFIX}applied:${envelopeId}`;
  }

  /**
   * Appends the increments: the number of distinct lists, then per list its key count, its keys
   * and JSON [[userId…], [seconds…]]. Groups holding the same arrays (the aggregator shares them
   * between the periods of a one-day batch) become one list.
   */
  private pushIncrementGroups(args: (string | number)[], groups: BoardIncrements[]): void {
    const keysByList = new Map<readonly string[], Map<readonly number[], string[]>>();
    for (const group of groups) {
      let bySeconds = keysByList.get(group.userIds);
      if (bySeconds === undefined) keysByList.set(group.userIds, (bySeconds = new Map()));
      const keys = bySeconds.get(group.seconds);
      if (keys === undefined) bySeconds.set(group.seconds, [this.keys.live(group)]);
      else keys.push(this.keys.live(group));
    }
    const lists = [...keysByList].flatMap(([userIds, bySeconds]) => [...bySeconds].map(([seconds, keys]) => ({ userIds, seconds, keys })));
    args.push(lists.length);
    for (const { userIds, seconds, keys } of lists) args.push(keys.length, ...keys, JSON.stringify([userIds, seconds]));
  }

  /** Appends the live keys touched, per period type: count, then per period index key, n, n × live key. */
  private pushIndexGroups(args: (string | number)[], groups: BoardIncrements[]): void {
    const keysByPeriod = new Map<PeriodType, Set<string>>();
    for (const group of groups) {
      let keys = keysByPeriod.get(group.period);
      if (keys === undefined) keysByPeriod.set(group.period, (keys = new Set()));
      keys.add(this.keys.live(group));
    }
    args.push(keysByPeriod.size);
    for (const [period, keys] of keysByPeriod) args.push(this.keys.index(period), keys.size, ...keys);
  }

  private readKeys(ref: BoardRef): string[] {
    return [this.keys.live(ref), this.keys.archiving(ref), this.keys.archivedGenerations];
  }
}

/** [member, score, member, score…] as Redis returns WITHSCORES. */
export function toEntries(flat: string[]): ScoredEntry[] {
  const entries: ScoredEntry[] = [];
  for (let i = 0; i < flat.length; i += 2) entries.push({ userId: flat[i], score: Number(flat[i + 1]) });
  return entries;
}
