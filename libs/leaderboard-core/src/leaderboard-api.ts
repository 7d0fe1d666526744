import { addScores, toScore } from './board-score';
import { BoardRef } from './board-key';
import { RankedEntry } from './ranking';

// Messages between the leaderboard app and the gateway for the reads and live updates beyond
// the core ones in @lib/contracts. Subjects: `names.rpcSubject(LEADERBOARD_OPERATIONS.x)`.

export const LEADERBOARD_OPERATIONS = {
  around: 'leaderboard.around',
  group: 'leaderboard.group',
  summary: 'leaderboard.summary',
  count: 'leaderboard.count',
} as const;

export const MAX_GROUP_USERS = 1000;
export const MAX_AROUND_K = 100;

/** Core NATS (not JetStream) subject on which the leaderboard app announces boards it changed. */
export function boardChangedSubject(pipelinePrefix: string): string {
  return `${pipelinePrefix}.live.board-changed`;
}

export interface BoardChangedNotice {
  boards: BoardRef[];
}

export interface BoardSelector {
  board: string;
  period?: string;
  /** YYYY-MM-DD inside the wanted period; default: now. */
  date?: string;
}

/** How many users have a score on the board (its pages, of at most 500, only say whether more follow). */
/**
 * A board as a read answers it: with the IANA zone its periods are reckoned in (the leaderboard
 * app's TIME_ZONE), since a periodKey such as "2026-11-25" names a different 24 hours in each zone.
 */
export interface AnsweredBoardRef extends BoardRef {
  timeZone: string;
}

export interface BoardCount extends AnsweredBoardRef {
  users: number;
  /** As LeaderboardPage.incomplete: present while Redis' loss of the boards is not repaired. */
  incomplete?: string;
}

export interface AroundQuery extends BoardSelector {
  userId: string;
  k?: number | string;
}

export interface AroundPage extends AnsweredBoardRef {
  userId: string;
  /** null when the user has no score on this board (entries is then empty). */
  rank: number | null;
  score: number;
  entries: RankedEntry[];
  /** As LeaderboardPage.incomplete: present while Redis' loss of the boards is not repaired. */
  incomplete?: string;
}

export interface GroupQuery extends BoardSelector {
  /** A list, or a comma-separated string (REST query parameter). */
  users: string[] | string;
}

export interface GroupEntry {
  /** Competition rank among the group. */
  rank: number;
  userId: string;
  score: number;
  /** Competition rank on the whole board; null when the user has no score on it. */
  globalRank: number | null;
}

export interface GroupBoard extends AnsweredBoardRef {
  entries: GroupEntry[];
  /** As LeaderboardPage.incomplete: present while Redis' loss of the boards is not repaired. */
  incomplete?: string;
}

export interface SummaryQuery {
  userId: string;
  period?: string;
  date?: string;
}

export interface CategoryTime {
  categoryId: string;
  name: string;
  /** Names from the root category down to this one. */
  path: string[];
  color: string;
  productive: boolean;
  seconds: number;
}

export interface UserSummary {
  userId: string;
  period: string;
  periodKey: string;
  /** The IANA zone of the period (the leaderboard app's TIME_ZONE). */
  timeZone: string;
  total: number;
  productive: number;
  /**
   * Seconds of `total` that no listed root category holds: time counted under a category deleted
   * since (total, productive and its parents keep it: the time happened) or under a root moved below
   * another since. The roots' seconds plus this make `total`, except after a category was made a
   * root: its time counted before stays on its former root too, so the roots hold more than
   * `total` and this is 0 (boards are not rewritten).
   */
  unlistedSeconds: number;
  /** Every category (each level of the hierarchy) with time in the period, most time first. */
  categories: CategoryTime[];
  /** As LeaderboardPage.incomplete: present while Redis' loss of the boards is not repaired. */
  incomplete?: string;
}

/**
 * `total` less the time of the listed root categories. Every event counts on its category's root
 * board and on total once each, so only categories gone from the list leave a difference.
 */
export function unlistedSeconds(total: number, categories: readonly CategoryTime[]): number {
  const listed = categories.filter((c) => c.path.length === 1).reduce((sum, c) => addScores(sum, c.seconds), 0);
  return Math.max(0, toScore(total - listed));
}
