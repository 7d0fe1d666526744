import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DEFAULT_RULESET } from '@lib/classifier-engine';
import { announcedAfterRead, NatsConnectionService, RULESET_POLL_INTERVAL_MS, RulesetBroadcast } from '@lib/messaging';
import { ActiveRuleset, applyChange, RulesetChange, StoredRuleset } from './active-ruleset';
import { ClassificationMetrics } from './classification.metrics';
import { RulesetStore } from './ruleset.store';

/**
 * Applying announced changes can drift from Mongo when two admins change the same rule within
 * milliseconds (writes and version bumps may interleave): a periodic full reload converges.
 */
const FULL_RELOAD_EVERY_POLLS = 10;

/**
 * The ruleset this instance classifies with. Loaded before the consumers start, then rebuilt
 * whenever the announced version is newer: from the announced changes when they lead from the
 * active version to Mongo's (no database read), else from a full reload. The rebuild runs beside
 * classification (batches wait for it only when it is toward an announced version: forBatch)
 * and the new one replaces it in a single assignment. Rules the engine refuses are left out of every version, the first one
 * included, and logged (ActiveRuleset.compile); a version whose categories are invalid is
 * logged and the previous one stays (at start: the built-in defaults).
 */
@Injectable()
export class LiveRuleset implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LiveRuleset');
  private active?: ActiveRuleset;
  private rebuilding?: Promise<void>;
  private rebuildAgain = false;
  private failedVersion = -1;
  /** The newest version announced: batches wait while a rebuild toward it runs (forBatch). */
  private announcedVersion = -1;
  /** Announced changes by the version they produced, until that version is active. */
  private readonly announced = new Map<number, RulesetChange>();
  private polls = 0;
  private stopWatch?: () => void;
  private poll?: NodeJS.Timeout;

  constructor(
    private readonly store: RulesetStore,
    private readonly broadcast: RulesetBroadcast,
    private readonly nats: NatsConnectionService,
    private readonly metrics: ClassificationMetrics,
  ) {}

  get current(): ActiveRuleset {
    if (!this.active) throw new Error('the ruleset is not loaded yet');
    return this.active;
  }

  /**
   * The ruleset a batch of events is classified with: every version announced so far, waiting
   * for the rebuild in flight toward one (no query). The writer's API answers a change after its
   * announcement reached NATS, so an event sent after that answer is classified with it, as
   * inference answers it with the taxonomy (LiveTaxonomy.latest).
   * (Before 2026-11-25 a batch used the ruleset active at the time: during a rebuild, a Mongo
   * query and tens of ms, a full reload hundreds, events were classified without the change.)
   */
  async forBatch(): Promise<ActiveRuleset> {
    if (this.current.version < this.announcedVersion) await this.rebuilding;
    return this.current;
  }

  /** The active ruleset as of now (read-your-writes for the API), see latest(). */
  async latestActive(): Promise<ActiveRuleset> {
    await this.refresh();
    return this.current;
  }

  /** Runs during app init, before startMessaging starts the consumers: no event sees a default ruleset. */
  async onApplicationBootstrap(): Promise<void> {
    await this.store.seedDefaults();
    this.activate(this.startupRuleset(await this.store.load()), 'startup');
    // The watch needs NATS now; connect() is idempotent, so startMessaging reuses this connection.
    await this.nats.connect('classification');
    this.stopWatch = await this.broadcast.watch<RulesetChange>(
      (version, change) => {
        if (version <= this.current.version) return;
        this.announcedVersion = Math.max(this.announcedVersion, version);
        if (change) this.announced.set(version, change);
        void this.refresh();
      },
      () => void this.refresh(),
    );
    this.poll = setInterval(() => void (++this.polls % FULL_RELOAD_EVERY_POLLS === 0 ? this.refresh({ full: true }) : this.refresh()), RULESET_POLL_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    this.stopWatch?.();
    clearInterval(this.poll);
  }

  /**
   * The ruleset as of now (read-your-writes for the API): catches up first if Mongo holds a
   * newer version, which costs one small query when nothing changed.
   */
  async latest(): Promise<StoredRuleset> {
    return (await this.latestActive()).stored;
  }

  /**
   * Rebuilds if Mongo holds a newer version (`full`: reloads even if not). Calls during a
   * rebuild queue one more pass.
   */
  refresh(options: { full?: boolean } = {}): Promise<void> {
    if (this.rebuilding) {
      this.rebuildAgain = true;
      return this.rebuilding;
    }
    this.rebuilding = (async () => {
      try {
        let full = options.full === true;
        do {
          this.rebuildAgain = false;
          await this.rebuildIfStale(full).catch((error: unknown) => this.logger.error({ msg: 'ruleset reload failed; keeping the active ruleset', err: String(error) }));
          full = false;
        } while (this.rebuildAgain);
      } finally {
        this.rebuilding = undefined;
      }
    })();
    return this.rebuilding;
  }

  private async rebuildIfStale(full: boolean): Promise<void> {
    const announced = this.announcedVersion;
    const version = await this.store.version();
    this.announcedVersion = announcedAfterRead(version, announced, this.announcedVersion);
    const active = this.current;
    if (!full && (version <= active.version || version === this.failedVersion)) return;
    const stopTimer = this.metrics.rebuildSeconds.startTimer();
    const started = performance.now();
    const changes = full ? undefined : this.changesUpTo(active.version, version);
    const stored = changes ? changes.reduce((ruleset, change, i) => applyChange(ruleset, change, active.version + i + 1), active.stored) : await this.store.load();
    for (const announced of this.announced.keys()) if (announced <= stored.version) this.announced.delete(announced);
    const loaded = performance.now();
    let next: ActiveRuleset;
    try {
      next = ActiveRuleset.compile(stored);
    } catch (error) {
      this.failedVersion = stored.version;
      this.metrics.rebuildFailures.inc();
      this.logger.error({ msg: 'ruleset version does not compile; keeping the active one', version: stored.version, active: this.current.version, reason: String((error as Error).message) });
      return;
    }
    stopTimer();
    if (next.version === active.version && next.leftOut.length === active.leftOut.length) {
      this.active = next; // a periodic full reload that found nothing new
      return;
    }
    this.activate(next, changes ? 'change' : 'reload', { loadMs: Math.round(loaded - started), compileMs: Math.round(performance.now() - loaded) });
  }

  /** The announced changes from `from` (exclusive) to `to`, or undefined if one is missing. */
  private changesUpTo(from: number, to: number): RulesetChange[] | undefined {
    const changes: RulesetChange[] = [];
    for (let version = from + 1; version <= to; version++) {
      const change = this.announced.get(version);
      if (!change) return undefined;
      changes.push(change);
    }
    return changes;
  }

  private startupRuleset(stored: StoredRuleset): ActiveRuleset {
    try {
      return ActiveRuleset.compile(stored);
    } catch (error) {
      // The taxonomy itself is broken: classify with the built-in defaults until it is fixed.
      this.logger.error({ msg: 'stored categories are invalid; using the built-in default ruleset', version: stored.version, reason: String((error as Error).message) });
      return new ActiveRuleset({ ...DEFAULT_RULESET, version: stored.version, taxonomyVersion: stored.version, manual: [] });
    }
  }

  private activate(next: ActiveRuleset, reason: 'startup' | 'change' | 'reload', timings?: { loadMs: number; compileMs: number }): void {
    this.active = next;
    this.metrics.rulesetVersion.set(next.version);
    this.metrics.rulesLeftOut.set({ stage: 'classification' }, next.leftOut.length);
    this.logger.log({ msg: 'ruleset active', reason, version: next.version, rules: next.ruleCount, ...timings, ignoredCorrections: next.ignoredCorrections || undefined });
    if (next.leftOut.length > 0) this.logger.warn({ msg: 'stored rules left out until fixed or deleted through the API', version: next.version, leftOut: next.leftOut });
  }
}
