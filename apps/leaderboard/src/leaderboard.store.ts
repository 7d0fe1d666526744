import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@lib/config';
import { BoardIncrement, boardKey, PeriodType, rankPage, RankedEntry } from '@lib/leaderboard-core';
import { PipelineMetrics } from '@lib/observability';
import { REDIS } from '@lib/persistence';

/**
 * Applies each envelope's increments at most once: the script sets the envelope's marker with
 * NX and increments only if it was absent, atomically (step 3 of DESIGN.md's protocol).
 * Keys travel in ARGV because they are computed per batch: fine for one primary with replicas,
 * not for Redis Cluster.
 */
const APPLY_ONCE = `
local ttl = ARGV[1]
local i = 3
local applied = 0
for e = 1, tonumber(ARGV[2]) do
  local marker = ARGV[i]
  local n = tonumber(ARGV[i + 1])
  i = i + 2
  if redis.call('SET', marker, '1', 'NX', 'EX', ttl) then
    for j = 0, n - 1 do
      local at = i + 3 * j
      redis.call('ZINCRBY', ARGV[at], ARGV[at + 1], ARGV[at + 2])
    end
    applied = applied + 1
  end
  i = i + 3 * n
end
return applied`;

/** Long enough to cover the gap between the Redis update and the applied_envelopes insert. */
const MARKER_TTL_SEC = 86400;

export interface EnvelopeIncrements {
  envelopeId: string;
  increments: BoardIncrement[];
}

@Injectable()
export class LeaderboardStore {
  constructor(@Inject(REDIS) private readonly redis: Redis, private readonly config: AppConfig, private readonly metrics: PipelineMetrics) {
    this.redis.defineCommand('apApplyOnce', { numberOfKeys: 0, lua: APPLY_ONCE });
  }

  key(board: string, period: PeriodType, periodKey: string): string {
    return boardKey(this.config.REDIS_PREFIX, board, period, periodKey);
  }

  /** One round trip for the whole batch; returns how many envelopes were applied now (not before). */
  async applyOnce(envelopes: EnvelopeIncrements[]): Promise<number> {
    if (envelopes.length === 0) return 0;
    const args: (string | number)[] = [MARKER_TTL_SEC, envelopes.length];
    for (const { envelopeId, increments } of envelopes) {
      args.push(`${this.config.REDIS_PREFIX}applied:${envelopeId}`, increments.length);
      for (const inc of increments) args.push(this.key(inc.board, inc.period, inc.periodKey), inc.seconds, inc.userId);
    }
    const run = (this.redis as unknown as { apApplyOnce(...a: (string | number)[]): Promise<number> }).apApplyOnce;
    return this.metrics.timeStore('redis', 'applyOnce', () => run.apply(this.redis, args));
  }

  /** A page of the board with competition ranks (ties share a rank: 1, 2, 2, 4). */
  async page(key: string, offset: number, limit: number): Promise<RankedEntry[]> {
    const flat = await this.metrics.timeStore('redis', 'zrevrange', () => this.redis.zrevrange(key, offset, offset + limit - 1, 'WITHSCORES'));
    if (flat.length === 0) return [];
    const entries = [];
    for (let i = 0; i < flat.length; i += 2) entries.push({ userId: flat[i], score: Number(flat[i + 1]) });
    const above = await this.redis.zcount(key, `(${entries[0].score}`, '+inf');
    return rankPage(entries, above + 1, offset);
  }

  async rankOf(key: string, userId: string): Promise<{ rank: number | null; score: number }> {
    const score = await this.redis.zscore(key, userId);
    if (score === null) return { rank: null, score: 0 };
    const above = await this.redis.zcount(key, `(${score}`, '+inf');
    return { rank: above + 1, score: Number(score) };
  }
}
