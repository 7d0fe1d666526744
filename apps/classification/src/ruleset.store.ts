import { Injectable, Logger } from '@nestjs/common';
import { CategoryDef, DEFAULT_RULES, DEFAULT_RULESET, DEFAULT_TAXONOMY, RuleDef } from '@lib/classifier-engine';
import { RULESET_POLL_INTERVAL_MS, RulesetBroadcast } from '@lib/messaging';
import { ClassificationAnswerRepository, ClassificationCorrectionRepository, CategoryRepository, RuleRepository, RulesetMetaRepository, toCategoryDef, toRuleDef } from '@lib/persistence';
import { RulesetCommit } from '@lib/contracts';
import { changesCategories, RulesetChange, StoredRuleset } from './active-ruleset';

/** The `ruleset_meta` marker of moveLegacyCorrections. */
const CORRECTIONS_MOVED = 'corrections-moved';

/**
 * The ruleset in Mongo (`categories`, `rules`, `ruleset_meta`, `classification_corrections`) and the one way
 * a change is published: store it, then commit() bumps the version and announces it.
 */
@Injectable()
export class RulesetStore {
  private readonly logger = new Logger('RulesetStore');

  constructor(
    private readonly rules: RuleRepository,
    private readonly categories: CategoryRepository,
    private readonly meta: RulesetMetaRepository,
    private readonly answers: ClassificationAnswerRepository,
    private readonly corrections: ClassificationCorrectionRepository,
    private readonly broadcast: RulesetBroadcast,
  ) {}

  /**
   * Stores the default taxonomy and rules once, on the first start against a database. The
   * version document marks it done, so deleting every rule later does not bring them back.
   * Instances starting together insert the same documents; duplicates are ignored.
   */
  async seedDefaults(): Promise<void> {
    if ((await this.meta.version()) !== null) return;
    await this.categories.insertMissing(DEFAULT_TAXONOMY);
    await this.rules.insertMissing(DEFAULT_RULES);
    if (await this.meta.initialize(DEFAULT_RULESET.version)) {
      this.logger.log({ msg: 'seeded the default ruleset', categories: DEFAULT_TAXONOMY.length, rules: DEFAULT_RULES.length });
    }
  }

  /**
   * Moves the corrections a database from before 2026-11-25 holds among the cached answers
   * (`source: 'manual'`) to their own collection, once: the marker spares later starts the scan of
   * every answer. Insert-if-absent, then delete, then mark: instances doing it at once, or one
   * stopped halfway, leave every correction in place (a correction made since stays as made).
   */
  async moveLegacyCorrections(): Promise<void> {
    if (await this.meta.isDone(CORRECTIONS_MOVED)) return;
    const legacy = await this.answers.legacyCorrections();
    await this.corrections.insertMissing(legacy.map(({ source: _source, confidence: _confidence, ...correction }) => correction));
    await this.answers.removeLegacyCorrections(legacy.map((a) => a._id));
    await this.meta.markDone(CORRECTIONS_MOVED);
    if (legacy.length > 0) this.logger.log({ msg: 'moved corrections from classification_answers to classification_corrections', corrections: legacy.length });
  }

  async version(): Promise<number> {
    return (await this.meta.version()) ?? 0;
  }

  /** The version is read first: if a change lands meanwhile, the content is at least that new. */
  async load(): Promise<StoredRuleset> {
    const { version, taxonomyVersion } = (await this.meta.current()) ?? { version: 0, taxonomyVersion: 0 };
    const [categories, rules, manual] = await Promise.all([this.categoryDefs(), this.ruleDefs(), this.corrections.all()]);
    return { version, taxonomyVersion, categories, rules, manual: manual.map((a) => ({ key: a._id, app: a.app, categoryId: a.categoryId })) };
  }

  async categoryDefs(): Promise<CategoryDef[]> {
    return (await this.categories.list()).map(toCategoryDef);
  }

  async ruleDefs(): Promise<RuleDef[]> {
    return (await this.rules.all()).map(toRuleDef);
  }

  /**
   * Call after every stored change: a new version, announced to every instance with the change
   * (omitted for bulk changes: instances reload). If the announcement fails (RulesetBroadcast
   * retries it for a while), the change is still stored and instances find it by polling: the
   * answer says so in `warnings`, since events sent right after it may be classified without it.
   * (Before 2026-11-25 only the log did, and the API answered as if all went well.)
   */
  async commit(change?: RulesetChange): Promise<RulesetCommit> {
    const version = await this.meta.bump(changesCategories(change));
    try {
      await this.broadcast.announce(version, change);
      return { rulesetVersion: version };
    } catch (error) {
      this.logger.warn({ msg: 'ruleset change stored but not announced; instances will find it by polling', version, err: String(error) });
      return {
        rulesetVersion: version,
        warnings: [
          `stored as ruleset version ${version}, but the running instances could not be told (NATS: ${String(error)}): ` +
            `each takes it when it next compares with the database, as it reconnects to NATS or at its ${RULESET_POLL_INTERVAL_MS / 1000} s check, whichever comes first; ` +
            'events sent before then may be classified without it',
        ],
      };
    }
  }
}
