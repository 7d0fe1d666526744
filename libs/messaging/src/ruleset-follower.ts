import { AnnouncedVersions } from './announced-versions';
import { RULESET_POLL_INTERVAL_MS, RulesetBroadcast } from './ruleset-broadcast';

/**
 * Every so many polls (5 minutes) a pass is `full`: a change made in Mongo by hand is not announced
 * and takes no new version; and, without transactions, two admins changing the same rule within
 * milliseconds may have their changes applied in another order than Mongo stored them.
 */
export const RULESET_FULL_RELOAD_EVERY_POLLS = 10;

/** A pass whose read of the store failed (Mongo away) is tried again after this, doubling up to RULESET_POLL_INTERVAL_MS. */
const FAILED_READ_RETRY_FIRST_MS = 500;

/** What one reader holds of the ruleset (classification: rules and categories; inference: the taxonomy). */
export interface RulesetHolder<Change> {
  /** The version held now; -1 before the first load. */
  heldVersion(): number;
  /**
   * One pass: reads the store's version and, when what is held is behind it (or `full`), brings it
   * there, from `changesBetween` when the announced changes lead there (no other read). Answers
   * the version the store had, or null when it could not be read; logs its own failures and keeps
   * what it held then.
   */
  catchUp(pass: RulesetPass<Change>): Promise<number | null>;
}

export interface RulesetPass<Change> {
  /** Reload even if the store's version is the one held (the periodic full reload). */
  full: boolean;
  /** The announced changes from `from` (exclusive) to `to`, or undefined if one is missing. */
  changesBetween(from: number, to: number): Change[] | undefined;
}

/**
 * Keeps a reader's ruleset up with Mongo: catches up when the ruleset announcement
 * (RulesetBroadcast) names a version newer than the one held, when the watch resumes (announcements
 * may have been missed), and every RULESET_POLL_INTERVAL_MS as a safety net (a change whose
 * announcement failed), fully every RULESET_FULL_RELOAD_EVERY_POLLS polls. One catch-up runs at a
 * time; it takes one more pass for an announcement that came during it, or for a refresh() asked
 * during it. Batches wait only for a catch-up toward an announced version (caughtUpWithAnnounced):
 * a comparison of two numbers otherwise, no query.
 * A pass whose read failed is tried again with backoff (0.5 s doubling to the poll interval),
 * beside the batches, which go on with what is held (before, it waited for the next 30 s poll).
 */
export class RulesetFollower<Change> {
  private readonly announced = new AnnouncedVersions<Change>();
  private catchingUp?: Promise<void>;
  /** A refresh() asked during the pass in flight: it needs a pass begun after it. */
  private passAsked = false;
  private fullAsked = false;
  private polls = 0;
  private stopWatch?: () => void;
  private poll?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private retryMs = FAILED_READ_RETRY_FIRST_MS;
  private stopped = false;

  constructor(private readonly broadcast: RulesetBroadcast, private readonly holder: RulesetHolder<Change>) {}

  /** After the first load, with NATS connected: follows announcements and polls until stop(). */
  async start(): Promise<void> {
    this.stopWatch = await this.broadcast.watch<Change>(
      (version, change) => {
        if (this.announced.record(version, change, this.holder.heldVersion())) void this.run();
      },
      () => void this.refresh(),
    );
    this.poll = setInterval(() => void this.refresh({ full: ++this.polls % RULESET_FULL_RELOAD_EVERY_POLLS === 0 }), RULESET_POLL_INTERVAL_MS).unref();
  }

  stop(): void {
    this.stopWatch?.();
    clearInterval(this.poll);
    clearTimeout(this.retry);
    this.stopped = true;
  }

  /**
   * Waits for the catch-up in flight when a version announced so far is not held yet (not for the
   * safety-net check, which finds nothing new almost always). The writer's API answers a change
   * after its announcement reached NATS, so a batch of events sent after that answer has it.
   */
  async caughtUpWithAnnounced(): Promise<void> {
    if (this.announced.isAhead(this.holder.heldVersion())) await this.catchingUp;
  }

  /** Catches up with a read of the store begun after this call (read-your-writes for the API); `full` reloads even if nothing moved. */
  refresh(options: { full?: boolean } = {}): Promise<void> {
    this.passAsked = true;
    this.fullAsked ||= options.full === true;
    return this.run();
  }

  private run(): Promise<void> {
    this.catchingUp ??= (async () => {
      for (;;) {
        const before = { held: this.holder.heldVersion(), news: this.announced.news };
        const full = this.fullAsked;
        this.passAsked = this.fullAsked = false;
        const atRead = this.announced.atRead();
        const stored = await this.holder.catchUp({ full, changesBetween: (from, to) => this.announced.changesBetween(from, to) });
        if (stored === null) return this.retryLater(full);
        this.retryMs = FAILED_READ_RETRY_FIRST_MS;
        this.announced.afterRead(stored, atRead);
        if (this.passAsked) continue;
        // Behind an announced version: one more pass only if this one moved or news came meanwhile
        // (its read may predate that version); else the store lacks it for now, and the poll tries again.
        const moved = this.holder.heldVersion() !== before.held || this.announced.news !== before.news;
        if (!this.announced.isAhead(this.holder.heldVersion()) || !moved) return;
      }
    })().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  /** After a failed read: one more pass (as full as the failed one) once the backoff has passed. */
  private retryLater(full: boolean): void {
    this.fullAsked ||= full;
    if (this.retry !== undefined || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.refresh();
    }, this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, RULESET_POLL_INTERVAL_MS);
  }
}
