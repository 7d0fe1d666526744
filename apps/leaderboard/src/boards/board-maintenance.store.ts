import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { BoardRef, PeriodType, ScoredEntry } from '@lib/leaderboard-core';
import { REDIS } from '@lib/persistence';
import { BoardKeys } from './board-keys';
import { toEntries } from './leaderboard.store';

/**
 * Step 1 of archiving (KEYS live, archiving, archived hash): move the live set out of the
 * writers' way, atomically. Increments that arrive later start a new live set, which the next
 * run archives again. A copy left by a crashed run absorbs the live set instead.
 */
const BEGIN_ARCHIVE = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  if redis.call('EXISTS', KEYS[2]) == 1 then
    redis.call('ZUNIONSTORE', KEYS[2], 2, KEYS[2], KEYS[1])
    redis.call('DEL', KEYS[1])
  else
    redis.call('RENAME', KEYS[1], KEYS[2])
  end
end
return {redis.call('HGET', KEYS[3], KEYS[1]), redis.call('EXISTS', KEYS[2])}`;

/**
 * The commit of an archive run (KEYS live, archiving, archived hash, index; ARGV generation):
 * the new generation (which contains the archiving copy) becomes current and the copy goes,
 * in one step, so no reader or crash ever counts the copy twice or not at all.
 */
const COMMIT_ARCHIVE = `
redis.call('HSET', KEYS[3], KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[4], KEYS[1]) end
return 1`;

/** Drops an index entry whose board no longer exists (KEYS live, index), atomically with writers. */
const FORGET_IF_ABSENT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.call('SREM', KEYS[2], KEYS[1]) end
return 0`;

/**
 * Rebuild (KEYS live, archiving, archived hash, index, staging): the recomputed board replaces
 * the live set, any archiving copy and the archive reference at once; returns the archive
 * generation it replaced (its Mongo documents are the caller's to delete).
 */
const REPLACE = `
local generation = redis.call('HGET', KEYS[3], KEYS[1])
redis.call('DEL', KEYS[2])
redis.call('HDEL', KEYS[3], KEYS[1])
if redis.call('EXISTS', KEYS[5]) == 1 then
  redis.call('RENAME', KEYS[5], KEYS[1])
  redis.call('SADD', KEYS[4], KEYS[1])
else
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[4], KEYS[1])
end
return generation`;

const READ_CHUNK = 100_000;
const WRITE_CHUNK = 10_000;

type ScriptRunner = (args: (string | number)[]) => Promise<unknown>;

/** Redis side of archive, rebuild and verify: board discovery and the atomic hand-overs. */
@Injectable()
export class BoardMaintenanceStore {
  private readonly run: (name: string, ...args: (string | number)[]) => Promise<unknown>;

  constructor(@Inject(REDIS) private readonly redis: Redis, private readonly keys: BoardKeys) {
    redis.defineCommand('apBeginArchive', { numberOfKeys: 3, lua: BEGIN_ARCHIVE });
    redis.defineCommand('apCommitArchive', { numberOfKeys: 4, lua: COMMIT_ARCHIVE });
    redis.defineCommand('apForgetIfAbsent', { numberOfKeys: 2, lua: FORGET_IF_ABSENT });
    redis.defineCommand('apReplaceBoard', { numberOfKeys: 5, lua: REPLACE });
    const commands = redis as unknown as Record<string, ScriptRunner>;
    this.run = (name, ...args) => commands[name].call(redis, args);
  }

  /** Live boards of a period type, from the index the writer maintains. */
  async indexed(period: PeriodType): Promise<BoardRef[]> {
    const members = await this.redis.smembers(this.keys.index(period));
    return members.map((key) => this.keys.parse(key)).filter((ref): ref is BoardRef => ref !== undefined);
  }

  /** Boards with a Mongo archive, and the generation each one reads. */
  async archived(): Promise<Array<BoardRef & { generation: number }>> {
    const all = await this.redis.hgetall(this.keys.archivedGenerations);
    const refs: Array<BoardRef & { generation: number }> = [];
    for (const [key, generation] of Object.entries(all)) {
      const ref = this.keys.parse(key);
      if (ref) refs.push({ ...ref, generation: Number(generation) });
    }
    return refs;
  }

  /** Moves the live set aside; returns the current archive generation and whether there is anything to archive. */
  async beginArchive(ref: BoardRef): Promise<{ generation: number | undefined; pending: boolean }> {
    const [generation, pending] = (await this.run('apBeginArchive', this.keys.live(ref), this.keys.archiving(ref), this.keys.archivedGenerations)) as [
      string | null,
      number,
    ];
    return { generation: generation === null ? undefined : Number(generation), pending: pending === 1 };
  }

  /** The archiving copy, read in chunks (nothing writes it: it is out of the writers' way). */
  async readArchiving(ref: BoardRef): Promise<ScoredEntry[]> {
    const key = this.keys.archiving(ref);
    const entries: ScoredEntry[] = [];
    for (let start = 0; ; start += READ_CHUNK) {
      const chunk = toEntries(await this.redis.zrange(key, start, start + READ_CHUNK - 1, 'WITHSCORES'));
      entries.push(...chunk);
      if (chunk.length < READ_CHUNK) return entries;
    }
  }

  async commitArchive(ref: BoardRef, generation: number): Promise<void> {
    await this.run('apCommitArchive', this.keys.live(ref), this.keys.archiving(ref), this.keys.archivedGenerations, this.keys.index(ref.period), generation);
  }

  async forgetIfAbsent(ref: BoardRef): Promise<void> {
    await this.run('apForgetIfAbsent', this.keys.live(ref), this.keys.index(ref.period));
  }

  /** When a leaderboard app found that Redis had lost the boards (RedisDataLossMonitor), if no full rebuild ran since. */
  lostSince(): Promise<string | null> {
    return this.redis.get(this.keys.lost);
  }

  /** After a full rebuild: the boards Redis had lost (RedisDataLossMonitor) are whole again. */
  async clearLost(): Promise<void> {
    await this.redis.del(this.keys.lost);
  }

  /** Rebuild: stages the recomputed scores, then swaps them in; returns the archive generation it superseded. */
  async replaceBoard(ref: BoardRef, scores: ReadonlyMap<string, number>): Promise<number | undefined> {
    const staging = `${this.keys.live(ref)}:staging`;
    await this.redis.del(staging);
    const members: (string | number)[] = [];
    for (const [userId, score] of scores) {
      if (score !== 0) members.push(score, userId);
      if (members.length >= 2 * WRITE_CHUNK) await this.redis.zadd(staging, ...members.splice(0));
    }
    if (members.length > 0) await this.redis.zadd(staging, ...members);
    const generation = await this.run('apReplaceBoard', this.keys.live(ref), this.keys.archiving(ref), this.keys.archivedGenerations, this.keys.index(ref.period), staging);
    return generation === null ? undefined : Number(generation);
  }
}
