import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CategoryDef, ClassifierEngine, DEFAULT_RULESET, DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { CategoryRepository, RulesetMetaRepository, storedOrDefault } from '@lib/persistence';
import { LlmChoice } from './llm/llm-classifier.service';

/** How often the stored ruleset version is checked (one tiny query); categories reload only when it moved. */
export const TAXONOMY_REFRESH_MS = 5_000;

/** The categories inference may answer, as of one ruleset version. */
export class TaxonomySnapshot {
  /** Without rules: only its taxonomy view (ancestors, productive) is used, for boardsForCategory. */
  readonly view: ClassifierEngine;
  readonly choices: readonly LlmChoice[];

  constructor(readonly version: number, categories: CategoryDef[]) {
    this.view = new ClassifierEngine({ version, categories, rules: [] });
    this.choices = categories.map((c) => ({ id: c.id, path: this.view.ancestors(c.id).map((id) => this.view.category(id)!.name).join(' / ') }));
  }

  knows(categoryId: string): boolean {
    return this.view.category(categoryId) !== undefined;
  }
}

/**
 * The live taxonomy (`categories` + `ruleset_meta`, written by the classification app), cached
 * and refreshed every few seconds. Until the store is seeded, or when it cannot be read or holds
 * an invalid tree, the last good snapshot stays (at first the built-in default taxonomy).
 */
@Injectable()
export class LiveTaxonomy implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LiveTaxonomy');
  private snapshot = new TaxonomySnapshot(DEFAULT_RULESET.version, DEFAULT_TAXONOMY);
  private loadedVersion: number | null = null;
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;

  constructor(private readonly categories: CategoryRepository, private readonly meta: RulesetMetaRepository) {}

  get current(): TaxonomySnapshot {
    return this.snapshot;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), TAXONOMY_REFRESH_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.reloadIfMoved().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async reloadIfMoved(): Promise<void> {
    try {
      const version = await this.meta.version();
      if (version === null || version === this.loadedVersion) return;
      this.snapshot = new TaxonomySnapshot(version, storedOrDefault(await this.categories.list(), DEFAULT_TAXONOMY));
      this.loadedVersion = version;
    } catch (error) {
      this.logger.warn({ msg: 'taxonomy reload failed; keeping the previous one', version: this.snapshot.version, err: String(error) });
    }
  }
}
