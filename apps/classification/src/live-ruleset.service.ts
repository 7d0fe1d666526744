import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DEFAULT_RULESET } from '@lib/classifier-engine';
import { NatsConnectionService, RulesetBroadcast, RulesetFollower, RulesetPass } from '@lib/messaging';
import { ActiveRuleset, applyChange, RulesetChange, StoredRuleset } from './active-ruleset';
import { ClassificationMetrics } from './classification.metrics';
import { RulesetStore } from './ruleset.store';

/**
 * The ruleset this instance classifies with. Loaded before the consumers start, then rebuilt
 * whenever the announced version is newer (RulesetFollower: also on a resumed watch and every
 * 30 s, fully every 5 minutes): from the announced changes when they lead from the
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
  private failedVersion = -1;
  private readonly follower: RulesetFollower<RulesetChange>;

  constructor(
    private readonly store: RulesetStore,
    broadcast: RulesetBroadcast,
    private readonly nats: NatsConnectionService,
    private readonly metrics: ClassificationMetrics,
  ) {
    this.follower = new RulesetFollower<RulesetChange>(broadcast, { heldVersion: () => this.active?.version ?? -1, catchUp: (pass) => this.rebuildIfStale(pass) });
  }

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
    await this.follower.caughtUpWithAnnounced();
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
    await this.store.moveLegacyCorrections();
    this.activate(this.startupRuleset(await this.store.load()), 'startup');
    // The watch needs NATS now; connect() is idempotent, so startMessaging reuses this connection.
    await this.nats.connect('classification');
    await this.follower.start();
  }

  onModuleDestroy(): void {
    this.follower.stop();
  }

  /**
   * The ruleset as of now (read-your-writes for the API): catches up first if Mongo holds a
   * newer version, which costs one small query when nothing changed.
   */
  async latest(): Promise<StoredRuleset> {
    return (await this.latestActive()).stored;
  }

  /** Rebuilds if Mongo holds another version (`full`: reloads even if not), with a read begun after this call. */
  refresh(options: { full?: boolean } = {}): Promise<void> {
    return this.follower.refresh(options);
  }

  /** One pass of the follower: answers the version Mongo had, null when the reload failed. */
  private async rebuildIfStale({ full, changesBetween }: RulesetPass<RulesetChange>): Promise<number | null> {
    try {
      const version = await this.store.version();
      const active = this.current;
      // A lower version than the active one is Mongo restored or replaced: the store is the truth.
      if (!full && (version === active.version || version === this.failedVersion)) return version;
      const stopTimer = this.metrics.rebuildSeconds.startTimer();
      const started = performance.now();
      const changes = full ? undefined : changesBetween(active.version, version);
      const stored = changes ? changes.reduce((ruleset, change, i) => applyChange(ruleset, change, active.version + i + 1), active.stored) : await this.store.load();
      const loaded = performance.now();
      let next: ActiveRuleset;
      try {
        next = ActiveRuleset.compile(stored);
      } catch (error) {
        this.failedVersion = stored.version;
        this.metrics.rebuildFailures.inc();
        this.logger.error({ msg: 'ruleset version does not compile; keeping the active one', version: stored.version, active: this.current.version, reason: String((error as Error).message) });
        return stored.version;
      }
      stopTimer();
      if (next.version === active.version && next.leftOut.length === active.leftOut.length) {
        this.active = next; // a periodic full reload that found nothing new
        return stored.version;
      }
      this.activate(next, changes ? 'change' : 'reload', { loadMs: Math.round(loaded - started), compileMs: Math.round(performance.now() - loaded) });
      return stored.version;
    } catch (error) {
      this.logger.error({ msg: 'ruleset reload failed; keeping the active ruleset', err: String(error) });
      return null;
    }
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
