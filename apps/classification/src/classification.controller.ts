import { Injectable } from '@nestjs/common';
import {
  CategoriesList,
  CategoryChange,
  CLASSIFICATION_RPC,
  ClassifyRequest,
  ClassifyResponse,
  CorrectionListQuery,
  CorrectionResult,
  CorrectionsPage,
  Deletion,
  ImportReport,
  ImportRequest,
  invalidInput,
  questionProblem,
  RuleChange,
  RuleListQuery,
  RuleRecord,
  RulesPage,
} from '@lib/contracts';
import { RpcHandler } from '@lib/messaging';
import { CategoriesService } from './categories.service';
import { ClassificationService } from './classification.service';
import { CorrectionsService } from './corrections.service';
import { RulesetImportService } from './ruleset-import.service';
import { RulesService } from './rules.service';

type WithId = { id?: unknown };
/** A read: while Mongo hangs or is gone, the caller is told so before it gives up on this app. */
const READ = { waitsOn: 'the database' };
type Patch = WithId & { patch?: unknown };

/** Classification owns rules, categories and known answers: the gateway reaches them here. */
@Injectable()
export class ClassificationController {
  constructor(
    private readonly rules: RulesService,
    private readonly categories: CategoriesService,
    private readonly imports: RulesetImportService,
    private readonly corrections: CorrectionsService,
    private readonly classification: ClassificationService,
  ) {}

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.listRules), READ)
  listRules(query: RuleListQuery): Promise<RulesPage> {
    return this.rules.list(query ?? {});
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.getRule), READ)
  getRule(request: WithId): Promise<RuleRecord> {
    return this.rules.get(request?.id);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.createRule))
  createRule(body: unknown): Promise<RuleChange> {
    return this.rules.create(body);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.updateRule))
  updateRule(request: Patch): Promise<RuleChange> {
    return this.rules.update(request?.id, request?.patch);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.deleteRule))
  deleteRule(request: WithId): Promise<Deletion> {
    return this.rules.remove(request?.id);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.listCategories), READ)
  listCategories(): Promise<CategoriesList> {
    return this.categories.list();
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.createCategory))
  createCategory(body: unknown): Promise<CategoryChange> {
    return this.categories.create(body);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.updateCategory))
  updateCategory(request: Patch): Promise<CategoryChange> {
    return this.categories.update(request?.id, request?.patch);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.deleteCategory))
  deleteCategory(request: WithId): Promise<Deletion> {
    return this.categories.remove(request?.id);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.importRuleset))
  importRuleset(request: ImportRequest): Promise<ImportReport> {
    return this.imports.importRuleset(request);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.importActivityWatch))
  importActivityWatch(request: ImportRequest): Promise<ImportReport> {
    return this.imports.importActivityWatch(request);
  }

  /** The gateway validates and splits requests; this re-checks what it is handed. */
  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.classify))
  classify(request: ClassifyRequest): Promise<ClassifyResponse> {
    const items = request?.items;
    if (!Array.isArray(items)) throw invalidInput('items', 'must be an array');
    items.forEach((item, i) => {
      const problem = questionProblem(item);
      if (problem) throw invalidInput(`items[${i}]${problem.field ? `.${problem.field}` : ''}`, problem.reason);
    });
    return this.classification.classifyItems(items);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.correct))
  correct(body: unknown): Promise<CorrectionResult> {
    return this.corrections.correct(body);
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.listCorrections), READ)
  listCorrections(query: CorrectionListQuery): Promise<CorrectionsPage> {
    return this.corrections.list(query ?? {});
  }

  @RpcHandler((n) => n.rpcSubject(CLASSIFICATION_RPC.deleteCorrection))
  deleteCorrection(request: { key?: unknown }): Promise<Deletion> {
    return this.corrections.remove(request?.key);
  }
}
