import { UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CategoriesList,
  CategoryChange,
  ClassifyReport,
  CorrectionResult,
  CorrectionsPage,
  Deletion,
  ImportReport,
  RpcError,
  RuleChange,
  RuleRecord,
  RulesetDocument,
  RulesPage,
} from '@lib/contracts';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { namingTheArgument } from '../graphql/argument-naming';
import { ClassificationClient } from './classification.client';
import {
  CategoriesListModel,
  CategoryChangeModel,
  CategoryInput,
  CategoryPatchInput,
  ClassifyItemInput,
  ClassifyResponseModel,
  CorrectionInput,
  CorrectionResultModel,
  CorrectionsPageModel,
  DeletionModel,
  ImportReportModel,
  RuleChangeModel,
  RuleInput,
  RuleModel,
  RulePatchInput,
  RulesetDocumentModel,
  RulesPageModel,
} from './rules.models';

type GqlContext = { req: AuthenticatedRequest & { id?: string } };

/** GraphQL mirror of /v1/rules, /v1/categories, /v1/classify and /v1/classifications. */
@Resolver()
@UseGuards(ApiKeyGuard)
export class RulesResolver {
  constructor(private readonly classification: ClassificationClient) {}

  @Query(() => RulesPageModel, { nullable: true })
  @RequireScope('admin')
  rules(
    @Context() { req }: GqlContext,
    @Args('kind', { nullable: true }) kind?: string,
    @Args('categoryId', { nullable: true }) categoryId?: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
    @Args('offset', { type: () => Int, nullable: true }) offset?: number,
  ): Promise<RulesPage> {
    return this.classification.call('listRules', { kind, categoryId, limit, offset }, req.id);
  }

  @Query(() => CorrectionsPageModel, { nullable: true, description: 'Corrections sorted by key, a page at a time (REST: GET /v1/classifications)' })
  @RequireScope('admin')
  corrections(
    @Context() { req }: GqlContext,
    @Args('categoryId', { nullable: true }) categoryId?: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
    @Args('offset', { type: () => Int, nullable: true }) offset?: number,
  ): Promise<CorrectionsPage> {
    return this.classification.call('listCorrections', { categoryId, limit, offset }, req.id);
  }

  @Query(() => RuleModel, { nullable: true })
  @RequireScope('admin')
  rule(@Args('id') id: string, @Context() { req }: GqlContext): Promise<RuleRecord> {
    return this.classification.call('getRule', { id }, req.id);
  }

  @Query(() => CategoriesListModel, { nullable: true, description: 'Every category (each is a leaderboard), with the ruleset version' })
  @RequireScope('read')
  categories(@Context() { req }: GqlContext): Promise<CategoriesList> {
    return this.classification.call('listCategories', {}, req.id);
  }

  @Query(() => RulesetDocumentModel, { nullable: true, description: 'The whole ruleset in the import format' })
  @RequireScope('admin')
  exportRuleset(@Context() { req }: GqlContext): Promise<RulesetDocument> {
    return this.classification.exportRuleset(req.id);
  }

  @Query(() => ClassifyResponseModel, { nullable: true, description: 'Dry run of 1..1000 items; no inference' })
  @RequireScope('read')
  classify(@Args('items', { type: () => [ClassifyItemInput] }) items: ClassifyItemInput[], @Context() { req }: GqlContext): Promise<ClassifyReport> {
    return this.classification.classify(items.map(plain), req.id);
  }

  @Mutation(() => RuleChangeModel, { nullable: true })
  @RequireScope('admin')
  createRule(@Args('input') input: RuleInput, @Context() { req }: GqlContext): Promise<RuleChange> {
    return this.classification.call('createRule', plain(input), req.id);
  }

  @Mutation(() => RuleChangeModel, { nullable: true })
  @RequireScope('admin')
  updateRule(@Args('id') id: string, @Args('patch') patch: RulePatchInput, @Context() { req }: GqlContext): Promise<RuleChange> {
    return this.classification.call('updateRule', { id, patch }, req.id);
  }

  @Mutation(() => DeletionModel, { nullable: true })
  @RequireScope('admin')
  deleteRule(@Args('id') id: string, @Context() { req }: GqlContext): Promise<Deletion> {
    return this.classification.call('deleteRule', { id }, req.id);
  }

  @Mutation(() => CategoryChangeModel, { nullable: true })
  @RequireScope('admin')
  createCategory(@Args('input') input: CategoryInput, @Context() { req }: GqlContext): Promise<CategoryChange> {
    return this.classification.call('createCategory', plain(input), req.id);
  }

  @Mutation(() => CategoryChangeModel, { nullable: true })
  @RequireScope('admin')
  updateCategory(@Args('id') id: string, @Args('patch') patch: CategoryPatchInput, @Context() { req }: GqlContext): Promise<CategoryChange> {
    return this.classification.call('updateCategory', { id, patch }, req.id);
  }

  @Mutation(() => DeletionModel, {
    nullable: true,
    description: "Deletes an unused category. Time already counted under it stays on total, productive and its parents' boards; its own board is gone, and userSummary answers that time as unlistedSeconds.",
  })
  @RequireScope('admin')
  deleteCategory(@Args('id') id: string, @Context() { req }: GqlContext): Promise<Deletion> {
    return this.classification.call('deleteCategory', { id }, req.id);
  }

  @Mutation(() => ImportReportModel, { nullable: true, description: 'document: the JSON text of { version, categories, rules, corrections? } (what exportRuleset answers)' })
  @RequireScope('admin')
  importRuleset(
    @Args('document') document: string,
    @Context() { req }: GqlContext,
    @Args('onConflict', { nullable: true, description: 'reject (default) | skip' }) onConflict?: string,
    @Args('mode', { nullable: true, description: 'merge (default) | replace' }) mode?: string,
  ): Promise<ImportReport> {
    // Classification names the REST body when the document is no object: here it is this argument.
    return this.classification.importDocument('importRuleset', parseJson(document), { onConflict, mode }, req.id).catch((error: unknown) => {
      throw namingTheArgument(error, 'body', 'document');
    });
  }

  @Mutation(() => ImportReportModel, { nullable: true, description: 'document: the JSON text of an aw-webui category export' })
  @RequireScope('admin')
  importActivityWatchCategories(
    @Args('document') document: string,
    @Context() { req }: GqlContext,
    @Args('onConflict', { nullable: true, description: 'reject (default) | skip' }) onConflict?: string,
  ): Promise<ImportReport> {
    return this.classification.importDocument('importActivityWatch', parseJson(document), { onConflict }, req.id);
  }

  @Mutation(() => CorrectionResultModel, { nullable: true })
  @RequireScope('admin')
  correctClassification(@Args('input') input: CorrectionInput, @Context() { req }: GqlContext): Promise<CorrectionResult> {
    return this.classification.correct(plain(input), req.id);
  }

  @Mutation(() => DeletionModel, { nullable: true, description: 'undo a correction by the key correctClassification answered' })
  @RequireScope('admin')
  deleteCorrection(@Args('key') key: string, @Context() { req }: GqlContext): Promise<Deletion> {
    return this.classification.call('deleteCorrection', { key }, req.id);
  }
}

/** An explicit null in a new rule, category or question means "not set" (null only removes in patches). */
function plain<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined)) as Partial<T>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RpcError(400, `document is not valid JSON: ${(error as Error).message}`, { field: 'document' });
  }
}
