import { Body, Controller, Delete, HttpCode, Param, Post, Put, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ClassifyReport, CorrectionResult, Deletion, propertyOfRequest } from '@lib/contracts';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { ClassificationClient } from './classification.client';
import { ClassifyResponseModel, ClassifyResultModel, CorrectionResultModel, DeletionModel } from './rules.models';

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
  correct(@Body() body: unknown, @Req() req: { id?: string }): Promise<CorrectionResult> {
    return this.classification.correct(body, req.id);
  }

  @Delete('classifications/:key')
  @HttpCode(200)
  @RequireScope('admin')
  @ApiResponse({ status: 200, type: DeletionModel })
  @ApiOperation({ summary: 'Undo a correction by the key PUT /v1/classifications answered: the question goes back to rules and known answers from the next event on.' })
  deleteCorrection(@Param('key') key: string, @Req() req: { id?: string }): Promise<Deletion> {
    return this.classification.call('deleteCorrection', { key }, req.id);
  }
}
