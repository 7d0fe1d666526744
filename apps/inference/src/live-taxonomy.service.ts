import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CategoryDef, ClassifierEngine, DEFAULT_RULESET, DEFAULT_TAXONOMY, sameCategory } from '@lib/classifier-engine';
import { NatsConnectionService, RulesetBroadcast, RulesetFollower, RulesetPass } from '@lib/messaging';
import { CategoryRepository, RulesetMetaRepository, storedOrDefault } from '@lib/persistence';
import { LlmChoice } from './llm/llm-classifier.service';

/** The categories inference may answer, as of one ruleset version. */
export class TaxonomySnapshot {
  /** Without rules: only its taxonomy view (ancestors, productive) is used, for boardsForCategory. */
  readonly view: ClassifierEngine;
  readonly choices: readonly LlmChoice[];

  /** `taxonomyVersion`: the version of the last change to the categories (answersItsQuestion). */
  constructor(readonly version: number, readonly taxonomyVersion: number, readonly categories: readonly CategoryDef[]) {
    this.view = new ClassifierEngine({ version, categories: [...categories], rules: [] });
    this.choices = categories.map((c) => ({ id: c.id, path: this.view.ancestors(c.id).map((id) => this.view.category(id)!.name).join(' / ') }));
  }

  knows(categoryId: string): boolean {
    return this.view.category(categoryId) !== undefined;
  }

  sameCategories(categories: readonly CategoryDef[]): boolean {
    return categories.length === this.categories.length && categories.every((category, i) => sameCategory(category, this.categories[i]));
  }
}

/**
 * The live taxonomy (`categories` + `ruleset_meta`, written by the classification app). Read at
 * start, then again when the ruleset announcement (RulesetBroadcast) names a newer version than
 * the one loaded, and every 30 s as a safety net, fully every 5 minutes (RulesetFollower; a
 * category edited in Mongo by hand takes no new version: before 2026-11-25 it reached inference
 * only at a restart); a batch waits for the reload of an announced version. The writer announces a change before the API answers it, so a change answered before an
 * event arrived counts for that event, without a query per batch. (Every batch read the version
 * from Mongo before: one query per batch, and a batch arriving during a check waited for a
 * second.) Until the store is seeded, or when it cannot be read or holds an invalid tree, the last
 * good snapshot stays (at first the built-in default taxonomy).
 */
@Injectable()
export class LiveTaxonomy implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LiveTaxonomy');
  private snapshot = new TaxonomySnapshot(DEFAULT_RULESET.version, DEFAULT_RULESET.version, DEFAULT_TAXONOMY);
  private loadedVersion: number | null = null;
  /** A version whose categories form no valid tree (edited by hand): not read again until the full reload. */
  private invalidVersion: number | null = null;
  private readonly follower: RulesetFollower<unknown>;

  constructor(
    private readonly categories: CategoryRepository,
    private readonly meta: RulesetMetaRepository,
    broadcast: RulesetBroadcast,
    private readonly nats: NatsConnectionService,
  ) {
    this.follower = new RulesetFollower(broadcast, { heldVersion: () => this.loadedVersion ?? -1, catchUp: (pass) => this.reloadIfMoved(pass) });
  }

  /** Runs before startMessaging starts the consumers: no batch sees the built-in default unless the store is empty. */
  async onApplicationBootstrap(): Promise<void> {
    await this.follower.refresh();
    // The watch needs NATS now; connect() is idempotent, so startMessaging reuses this connection.
    await this.nats.connect('inference');
    await this.follower.start();
  }

  onModuleDestroy(): void {
    this.follower.stop();
  }

  /**
   * The taxonomy with every version announced so far: waits for the reload of one that is not
   * loaded yet (not for the safety-net check, which finds nothing new almost always).
   */
  async latest(): Promise<TaxonomySnapshot> {
    await this.follower.caughtUpWithAnnounced();
    return this.snapshot;
  }

  /** One pass of the follower (`full`: reloads even if the version stayed): answers the version Mongo had, null when it has none or the read failed. */
  private async reloadIfMoved({ full }: Pick<RulesetPass<unknown>, 'full'>): Promise<number | null> {
    try {
      const current = await this.meta.current();
      if (current === null) return null;
      if ((current.version === this.loadedVersion || current.version === this.invalidVersion) && !full) return current.version;
      const categories = storedOrDefault(await this.categories.list(), DEFAULT_TAXONOMY);
      const moved = current.version !== this.loadedVersion;
      if (!moved && this.snapshot.sameCategories(categories)) return current.version;
      let snapshot: TaxonomySnapshot;
      try {
        snapshot = new TaxonomySnapshot(current.version, current.taxonomyVersion, categories);
      } catch (error) {
        // Read, not failed: tried again at the next version or full reload, not at every check.
        if (current.version !== this.invalidVersion) this.logger.error({ msg: 'stored categories are invalid; keeping the previous taxonomy', version: current.version, loaded: this.snapshot.version, reason: String((error as Error).message) });
        this.invalidVersion = current.version;
        return current.version;
      }
      this.snapshot = snapshot;
      this.loadedVersion = current.version;
      this.logger.log({ msg: 'taxonomy loaded', reason: moved ? 'version' : 'reload', version: current.version, taxonomyVersion: current.taxonomyVersion });
      return current.version;
    } catch (error) {
      this.logger.warn({ msg: 'taxonomy reload failed; keeping the previous one', version: this.snapshot.version, err: String(error) });
      return null;
    }
  }
}
