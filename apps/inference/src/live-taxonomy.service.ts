import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CategoryDef, ClassifierEngine, DEFAULT_RULESET, DEFAULT_TAXONOMY } from '@lib/classifier-engine';
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
 * The live taxonomy (`categories` + `ruleset_meta`, written by the classification app). Every
 * batch asks for it (latest): one small version query, categories reload only when the version
 * moved, so a change the API answered before an event arrived counts for that event. (It was
 * re-read every 5 s: an event answered meanwhile was counted on the boards of the taxonomy before
 * the change, e.g. not on `productive` for a category just made productive.) Until the store is
 * seeded, or when it cannot be read or holds an invalid tree, the last good snapshot stays (at
 * first the built-in default taxonomy).
 */
@Injectable()
export class LiveTaxonomy implements OnApplicationBootstrap {
  private readonly logger = new Logger('LiveTaxonomy');
  private snapshot = new TaxonomySnapshot(DEFAULT_RULESET.version, DEFAULT_RULESET.version, DEFAULT_TAXONOMY);
  private loadedVersion: number | null = null;
  private refreshing?: Promise<void>;
  /** A check queued behind the one in flight, which may have read the version before a caller's change. */
  private refreshingAgain?: Promise<void>;

  constructor(private readonly categories: CategoryRepository, private readonly meta: RulesetMetaRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
  }

  /** The taxonomy as of this call: a version committed before it is loaded. */
  async latest(): Promise<TaxonomySnapshot> {
    await this.refresh();
    return this.snapshot;
  }

  /** Checks the version (reloading if it moved) in a pass that starts after this call. */
  private refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.reloadIfMoved().finally(() => (this.refreshing = undefined));
      return this.refreshing;
    }
    this.refreshingAgain ??= this.refreshing.then(() => {
      this.refreshingAgain = undefined;
      return this.refresh();
    });
    return this.refreshingAgain;
  }

  private async reloadIfMoved(): Promise<void> {
    try {
      const current = await this.meta.current();
      if (current === null || current.version === this.loadedVersion) return;
      this.snapshot = new TaxonomySnapshot(current.version, current.taxonomyVersion, storedOrDefault(await this.categories.list(), DEFAULT_TAXONOMY));
      this.loadedVersion = current.version;
    } catch (error) {
      this.logger.warn({ msg: 'taxonomy reload failed; keeping the previous one', version: this.snapshot.version, err: String(error) });
    }
  }
}
