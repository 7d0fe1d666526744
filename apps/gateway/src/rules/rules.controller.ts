import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Deletion, ImportReport, RuleChange, RuleRecord, RulesetDocument, RulesPage } from '@lib/contracts';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { ClassificationClient } from './classification.client';
import { DeletionModel, ImportReportModel, RuleChangeModel, RuleModel, RulesetDocumentModel, RulesPageModel } from './rules.models';

const RULE_EXAMPLE = { kind: 'domain', pattern: 'linear.app', categoryId: 'work:project-management', priority: 0 };
const onConflictQuery = {
  name: 'onConflict',
  required: false,
  enum: ['reject', 'skip'],
  description: 'A rule with the same kind and pattern as another but a different category: reject the whole import (409, default) or skip the imported rules involved',
};

const RULE_NOT_FOUND = 'no rule has this id; `field` is id';
const RULE_CONFLICT = 'a rule of the same kind and pattern maps to another category (details.conflicts; give this one override or a higher priority), or (POST) a rule has this id already; `field` names pattern or id';

/** Validation, conflicts and storage happen in the classification app, which owns the rules. */
@ApiTags('rules')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
@Controller('v1/rules')
export class RulesController {
  constructor(private readonly classification: ClassificationClient) {}

  @Get()
  @ApiOperation({ summary: 'Rules sorted by id, a page at a time, with the current ruleset version and leftOut: every stored rule classification runs without because the engine refuses it, with the reason' })
  @ApiQuery({ name: 'kind', required: false, enum: ['app', 'domain', 'title-keyword', 'title-regex'] })
  @ApiQuery({ name: 'categoryId', required: false })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', minimum: 1, maximum: 500, description: '1..500, default 100' })
  @ApiQuery({ name: 'offset', required: false, type: 'integer', minimum: 0, maximum: 10_000_000, description: 'rules to skip, default 0' })
  @ApiResponse({ status: 200, type: RulesPageModel })
  list(
    @Req() req: { id?: string },
    @Query('kind') kind?: string,
    @Query('categoryId') categoryId?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<RulesPage> {
    return this.classification.call('listRules', { kind, categoryId, limit, offset }, req.id);
  }

  @Get('export')
  @ApiOperation({ summary: 'The whole ruleset in our import format: { version, categories, rules }' })
  @ApiResponse({ status: 200, type: RulesetDocumentModel })
  export(@Req() req: { id?: string }): Promise<RulesetDocument> {
    return this.classification.exportRuleset(req.id);
  }

  @Post('import')
  @ApiOperation({ summary: 'Import { version, categories, rules, corrections? } (our export format). Reports created/updated categories, imported and skipped rules, corrections, conflicts.' })
  @ApiQuery(onConflictQuery)
  @ApiQuery({ name: 'mode', required: false, enum: ['merge', 'replace'], description: 'merge (default): upsert by id, keep the rest; replace: remove rules and categories the document lacks' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['categories', 'rules'],
      properties: {
        version: { type: 'integer' },
        categories: { type: 'array', items: { type: 'object' } },
        rules: { type: 'array', items: { type: 'object' } },
        corrections: { type: 'array', items: { type: 'object' }, description: '{ app, title?, url?, categoryId } each; absent: the stored corrections stay as they are, whatever the mode' },
      },
    },
  })
  @ApiResponse({ status: 201, type: ImportReportModel, description: 'The import report: categories created, updated, kept and removed; rules imported, skipped and removed; conflicts; warnings' })
  @ApiResponse({ status: 409, description: 'Unresolved conflicts with onConflict=reject; details.conflicts lists them, nothing was written' })
  importRuleset(@Body() document: unknown, @Req() req: { id?: string }, @Query('onConflict') onConflict?: string, @Query('mode') mode?: string): Promise<ImportReport> {
    return this.classification.importDocument('importRuleset', document, { onConflict, mode }, req.id);
  }

  @Post('import/activitywatch')
  @ApiOperation({ summary: 'Import an ActivityWatch (aw-webui) category export: its hierarchy and regex rules. Categories that exist keep their settings.' })
  @ApiResponse({ status: 201, type: ImportReportModel })
  @ApiResponse({ status: 409, description: 'Unresolved conflicts with onConflict=reject; details.conflicts lists them, nothing was written' })
  @ApiQuery(onConflictQuery)
  @ApiBody({ schema: { description: 'aw-webui\'s export: its categories array, or { categories: [...] }', oneOf: [{ type: 'array', items: { type: 'object' } }, { type: 'object', required: ['categories'], properties: { categories: { type: 'array', items: { type: 'object' } } } }] } })
  importActivityWatch(@Body() document: unknown, @Req() req: { id?: string }, @Query('onConflict') onConflict?: string): Promise<ImportReport> {
    return this.classification.importDocument('importActivityWatch', document, { onConflict }, req.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One rule (URL-encode ids: they may hold "/" and spaces)' })
  @ApiResponse({ status: 200, type: RuleModel })
  @ApiResponse({ status: 404, description: RULE_NOT_FOUND })
  get(@Param('id') id: string, @Req() req: { id?: string }): Promise<RuleRecord> {
    return this.classification.call('getRule', { id }, req.id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a rule; takes effect on every classification instance within a second. 409 if it conflicts with a rule of another category.' })
  @ApiBody({ schema: { type: 'object', example: RULE_EXAMPLE } })
  @ApiResponse({ status: 201, type: RuleChangeModel, headers: { Location: { description: 'the new rule: /v1/rules/{id}', schema: { type: 'string' } } } })
  @ApiResponse({ status: 409, description: RULE_CONFLICT })
  async create(@Body() body: unknown, @Req() req: { id?: string }, @Res({ passthrough: true }) res: Response): Promise<RuleChange> {
    const change = await this.classification.call<RuleChange>('createRule', body, req.id);
    res.location(`/v1/rules/${encodeURIComponent(change.rule.id)}`);
    return change;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a rule (null removes an optional field)' })
  @ApiBody({ schema: { type: 'object', example: { priority: 10 } } })
  @ApiResponse({ status: 200, type: RuleChangeModel, description: 'the rule and the ruleset version; a patch that changes nothing answers the rule as it is and the current version' })
  @ApiResponse({ status: 404, description: RULE_NOT_FOUND })
  @ApiResponse({ status: 409, description: RULE_CONFLICT })
  update(@Param('id') id: string, @Body() patch: unknown, @Req() req: { id?: string }): Promise<RuleChange> {
    return this.classification.call('updateRule', { id, patch }, req.id);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: DeletionModel })
  @ApiResponse({ status: 404, description: RULE_NOT_FOUND })
  delete(@Param('id') id: string, @Req() req: { id?: string }): Promise<Deletion> {
    return this.classification.call('deleteRule', { id }, req.id);
  }
}
