/**
 * The ruleset versions announced to one reader (RulesetBroadcast), and the changes that came with
 * them, until the reader holds them: what decides whether a batch waits for a catch-up, and
 * whether a catch-up that ended must run again. No I/O: RulesetFollower drives it.
 */
export class AnnouncedVersions<Change> {
  private newestVersion = -1;
  /** Announcements that call for a catch-up, counted: one during a catch-up takes another pass. */
  private newsCount = 0;
  /**
   * A version below the one held was announced: stale (a put that failed, then a newer one), or
   * Mongo went back (restored from a backup) and that is its newest. Only a read of the store tells.
   */
  private belowHeld = false;
  /** Announced changes by the version they produced, until that version is held. */
  private readonly changes = new Map<number, Change>();

  get newest(): number {
    return this.newestVersion;
  }

  get news(): number {
    return this.newsCount;
  }

  /** What afterRead() needs to know of the moment a read of the store began. */
  atRead(): AnnouncedAtRead {
    return { newest: this.newestVersion, news: this.newsCount };
  }

  /** Whether a reader holding `held` may lack a version announced so far: a batch then waits for the catch-up. */
  isAhead(held: number): boolean {
    return held < this.newestVersion || this.belowHeld;
  }

  /**
   * An announcement, for a reader holding `held`: keeps its change while the version is not held,
   * and answers whether it is news (calls for a catch-up): newer than what is held and than every
   * announcement before, or below what is held.
   */
  record(version: number, change: Change | undefined, held: number): boolean {
    if (version === held) return false;
    if (version < held) {
      this.belowHeld = true;
    } else {
      if (change !== undefined) this.changes.set(version, change);
      if (version <= this.newestVersion) return false;
      this.newestVersion = version;
    }
    this.newsCount++;
    return true;
  }

  /** After the store answered `stored` to a read begun at `atRead` (announcedAfterRead). */
  afterRead(stored: number, atRead: AnnouncedAtRead): void {
    this.newestVersion = announcedAfterRead(stored, atRead.newest, this.newestVersion);
    if (this.newsCount === atRead.news) this.belowHeld = false;
    for (const version of this.changes.keys()) if (version <= stored) this.changes.delete(version);
  }

  /** The announced changes from `from` (exclusive) to `to`, or undefined if one is missing or `to` is older (no change leads back). */
  changesBetween(from: number, to: number): Change[] | undefined {
    if (to < from) return undefined;
    const changes: Change[] = [];
    for (let version = from + 1; version <= to; version++) {
      const change = this.changes.get(version);
      if (change === undefined) return undefined;
      changes.push(change);
    }
    return changes;
  }
}

export interface AnnouncedAtRead {
  newest: number;
  news: number;
}

/**
 * The newest announced version still worth waiting for, after the store answered `stored` to a
 * read begun when `announcedAtRead` was the newest. The writer stores a version before announcing
 * it, so an announcement older than the read that the store lacks comes from another database
 * (Mongo restored or replaced under the same NATS, whose KV keeps the last value): the store is
 * the truth. Kept, announcements up to that number were ignored as old, and batches waited on rebuilds.
 */
export function announcedAfterRead(stored: number, announcedAtRead: number, announcedNow: number): number {
  return stored < announcedAtRead && announcedNow === announcedAtRead ? stored : announcedNow;
}
