import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CategoryDef, ClassifierEngine, DEFAULT_RULESET, DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { announcedAfterRead, NatsConnectionService, RULESET_POLL_INTERVAL_MS, RulesetBroadcast } from '@lib/messaging';
import { CategoryRepository, RulesetMetaRepository, storedOrDefault } from '@lib/persistence';
import { LlmChoice } from './llm/llm-classifier.service';

/** The categories inference may answer, as of one ruleset version. */
export class TaxonomySnapshot {
  /** Without rules: only its taxonomy view (ancestors, productive) is used, for boardsForCategory. */
  readonly view: ClassifierEngine;
  readonly choices: readonly LlmChoice[];

  /** `taxonomyVersion`: the version of the last change to the categories (answersItsQuestion). */
  constructor(readonly version: number, readonly taxonomyVersion: number, categories: CategoryDef[]) {
    this.view = new ClassifierEngine({ version, categories, rules: [] });
    this.choices = categories.map((c) => ({ id: c.id, path: this.view.ancestors(c.id).map((id) => this.view.category(id)!.name).join(' / ') }));
  }

  knows(categoryId: string): boolean {
    return this.view.category(categoryId) !== undefined;
  }
}

/**
 * The live taxonomy (`categories` + `ruleset_meta`, written by the classification app). Read at
 * start, then again when the ruleset announcement (RulesetBroadcast) names a newer version than
 * the one loaded, and every RULESET_POLL_INTERVAL_MS as a safety net; a batch waits for the reload of an
 * announced version. The writer announces a change before the API answers it, so a change answered before an
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
  /** The newest version announced: reloads go on while an earlier one is loaded. */
  private announcedVersion = -1;
  /** Announcements newer than what was loaded or announced before, counted. */
  private announcements = 0;
  private catchingUp?: Promise<void>;
  private stopWatch?: () => void;
  private poll?: NodeJS.Timeout;

  constructor(
    private readonly categories: CategoryRepository,
    private readonly meta: RulesetMetaRepository,
    private readonly broadcast: RulesetBroadcast,
    private readonly nats: NatsConnectionService,
  ) {}

  /** Runs before startMessaging starts the consumers: no batch sees the built-in default unless the store is empty. */
  async onApplicationBootstrap(): Promise<void> {
    await this.catchUp();
    // The watch needs NATS now; connect() is idempotent, so startMessaging reuses this connection.
    await this.nats.connect('inference');
    this.stopWatch = await this.broadcast.watch(
      (version) => this.announced(version),
      () => void this.catchUp(),
    );
    this.poll = setInterval(() => void this.catchUp(), RULESET_POLL_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    this.stopWatch?.();
    clearInterval(this.poll);
  }

  /**
   * The taxonomy with every version announced so far: waits for the reload of one that is not
   * loaded yet (not for the safety-net check, which finds nothing new almost always).
   */
  async latest(): Promise<TaxonomySnapshot> {
    if ((this.loadedVersion ?? -1) < this.announcedVersion) await this.catchingUp;
    return this.snapshot;
  }

  /** A version announced: reloads when it is newer than the one loaded, once for a burst of them. */
  private announced(version: number): void {
    if (version <= this.announcedVersion || (this.loadedVersion !== null && version <= this.loadedVersion)) return;
    this.announcedVersion = version;
    this.announcements++;
    void this.catchUp();
  }

  /**
   * Reloads until the newest announced version is loaded: an announcement during a reload (which
   * may have read the version before that change) takes one more. Stops when a reload found
   * nothing newer (or failed) and nothing was announced meanwhile: the poll tries again.
   */
  private catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      for (;;) {
        const before = { version: this.loadedVersion, announcements: this.announcements };
        await this.reloadIfMoved();
        const behind = (this.loadedVersion ?? -1) < this.announcedVersion;
        const stuck = this.loadedVersion === before.version && this.announcements === before.announcements;
        if (!behind || stuck) return;
      }
    })().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async reloadIfMoved(): Promise<void> {
    try {
      const announced = this.announcedVersion;
      const current = await this.meta.current();
      if (current === null) return;
      this.announcedVersion = announcedAfterRead(current.version, announced, this.announcedVersion);
      if (current.version === this.loadedVersion) return;
      this.snapshot = new TaxonomySnapshot(current.version, current.taxonomyVersion, storedOrDefault(await this.categories.list(), DEFAULT_TAXONOMY));
      this.loadedVersion = current.version;
      this.logger.log({ msg: 'taxonomy loaded', version: current.version, taxonomyVersion: current.taxonomyVersion });
    } catch (error) {
      this.logger.warn({ msg: 'taxonomy reload failed; keeping the previous one', version: this.snapshot.version, err: String(error) });
    }
  }
}
