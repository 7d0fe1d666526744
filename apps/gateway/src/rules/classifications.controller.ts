import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ClassifyReport, CorrectionResult, CorrectionsPage, Deletion, propertyOfRequest } from '@lib/contracts';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { ClassificationClient } from './classification.client';
import { ClassifyResponseModel, ClassifyResultModel, CorrectionResultModel, CorrectionsPageModel, DeletionModel } from './rules.models';

@ApiTags('classification')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class ClassificationsController {
  constructor(private readonly classification: ClassificationClient) {}

  @Post('classify')
  @HttpCode(200)
  @RequireScope('read')
  @ApiExtraModels(ClassifyResultModel)
  @ApiOperation({
    summary:
      'Dry run: how 1..1000 items would be classified now (corrections, rules, known answers; no inference). Unknown items answer source "none". A refused item answers null, listed in rejected with its index, field and reason; 400 when no item is valid.',
  })
  @ApiBody({ schema: { type: 'object', example: { items: [{ app: 'firefox', title: 'Pull requests', url: 'https://github.com/pulls' }] } } })
  @ApiResponse({ status: 200, type: ClassifyResponseModel })
  classify(@Body() body: unknown, @Req() req: { id?: string }): Promise<ClassifyReport> {
    return this.classification.classify(propertyOfRequest(body, 'items'), req.id);
  }

  @Put('classifications')
  @RequireScope('admin')
  @ApiOperation({
    summary: 'Correct a classification: { app, title?, url?, categoryId } or { eventId, categoryId }. The answer beats rules for that exact app/title/url from now on and becomes training data.',
  })
  @ApiBody({ schema: { type: 'object', example: { app: 'slack', title: 'design-review | Acme', categoryId: 'communication:meetings' } } })
  @ApiResponse({ status: 200, type: CorrectionResultModel })
  @ApiResponse({ status: 404, description: 'with eventId: the event is not stored, and the answer says why as GET /v1/events/{eventId} does (not yet, or its message dead-lettered or discarded: `details.status`); `field` is eventId' })
  correct(@Body() body: unknown, @Req() req: { id?: string }): Promise<CorrectionResult> {
    return this.classification.correct(body, req.id);
  }

  @Get('classifications')
  @RequireScope('admin')
  @ApiOperation({ summary: 'Corrections sorted by key, a page at a time: each question as first given, its category, and the key DELETE takes' })
  @ApiQuery({ name: 'categoryId', required: false })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', minimum: 1, maximum: 500, description: '1..500, default 100' })
  @ApiQuery({ name: 'offset', required: false, type: 'integer', minimum: 0, maximum: 10_000_000, description: 'corrections to skip, default 0' })
  @ApiResponse({ status: 200, type: CorrectionsPageModel })
  listCorrections(@Req() req: { id?: string }, @Query('categoryId') categoryId?: string, @Query('limit') limit?: string, @Query('offset') offset?: string): Promise<CorrectionsPage> {
    return this.classification.call('listCorrections', { categoryId, limit, offset }, req.id);
  }

  @Delete('classifications/:key')
  @HttpCode(200)
  @RequireScope('admin')
  @ApiResponse({ status: 200, type: DeletionModel })
  @ApiResponse({ status: 404, description: 'no correction has this key; `field` is key' })
  @ApiOperation({ summary: 'Undo a correction by the key PUT /v1/classifications answered: the question goes back to rules and known answers from the next event on.' })
  deleteCorrection(@Param('key') key: string, @Req() req: { id?: string }): Promise<Deletion> {
    return this.classification.call('deleteCorrection', { key }, req.id);
  }
}
