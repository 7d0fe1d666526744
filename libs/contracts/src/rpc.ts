/** Reply of a NATS request/reply handler: either a result or an error a caller can map to HTTP. */
export type RpcReply<T> = { ok: true; result: T } | { ok: false; error: RpcErrorBody };

export interface RpcErrorBody {
  status: number;
  message: string;
  details?: unknown;
}

export class RpcError extends Error {
  constructor(readonly status: number, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'RpcError';
  }
}

export interface LeaderboardQuery {
  board: string;
  period: string;
  date?: string;
  limit?: number;
  offset?: number;
}

export interface LeaderboardPage {
  board: string;
  period: string;
  periodKey: string;
  entries: Array<{ rank: number; userId: string; score: number }>;
}

export interface UserRankQuery extends Omit<LeaderboardQuery, 'limit' | 'offset'> {
  userId: string;
}

export interface UserRank {
  rank: number | null;
  score: number;
}

export interface StoredEvent {
  eventId: string;
  userId: string;
  app: string;
  title?: string;
  url?: string;
  startedAt: string;
  durationSec: number;
  source?: string;
  categoryId: string;
  classification: { source: string; confidence: number; ruleId?: string; rulesetVersion: number };
  status: 'stored';
  storedAt: string;
}
