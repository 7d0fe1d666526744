import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CategoriesList, CategoryChange, Deletion } from '@lib/contracts';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { ClassificationClient } from './classification.client';
import { CategoriesListModel, CategoryChangeModel, DeletionModel } from './rules.models';

const CATEGORY_NOT_FOUND = 'no category has this id; `field` is id';

@ApiTags('categories')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
@Controller('v1/categories')
export class CategoriesController {
  constructor(private readonly classification: ClassificationClient) {}

  @Get()
  // The categories are the boards: readers need them to know which boards exist (the dashboard's list, names and colors).
  @RequireScope('read')
  @ApiResponse({ status: 200, type: CategoriesListModel })
  @ApiOperation({ summary: 'Every category (id = slug path, e.g. work:programming; each is a leaderboard) with the current ruleset version' })
  list(@Req() req: { id?: string }): Promise<CategoriesList> {
    return this.classification.call('listCategories', {}, req.id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a category. Without id it is <parentId>:<slug of name>; color and productive default to the parent\'s.' })
  @ApiBody({ schema: { type: 'object', example: { name: 'Deep Work', parentId: 'work', color: '#1565C0', productive: true } } })
  @ApiResponse({ status: 201, type: CategoryChangeModel })
  @ApiResponse({ status: 409, description: 'a category has this id already; `field` is id' })
  create(@Body() body: unknown, @Req() req: { id?: string }): Promise<CategoryChange> {
    return this.classification.call('createCategory', body, req.id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, parentId (null: make it a root), color or productive; the id stays' })
  @ApiBody({ schema: { type: 'object', example: { name: 'Deep Work', parentId: null, color: '#1565C0', productive: true } } })
  @ApiResponse({ status: 200, type: CategoryChangeModel, description: 'the category and the ruleset version; a patch that changes nothing answers the category as it is and the current version' })
  @ApiResponse({ status: 404, description: CATEGORY_NOT_FOUND })
  update(@Param('id') id: string, @Body() patch: unknown, @Req() req: { id?: string }): Promise<CategoryChange> {
    return this.classification.call('updateCategory', { id, patch }, req.id);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: DeletionModel })
  @ApiResponse({ status: 404, description: CATEGORY_NOT_FOUND })
  @ApiResponse({ status: 409, description: 'child categories, rules or corrections still use it (details: children, rules, corrections, correctionKeys), or it is uncategorized, the fallback; `field` is id' })
  @ApiOperation({
    summary:
      "Delete an unused category (409 while child categories, rules or corrections use it). Time already counted under it stays on total, productive and its parents' boards; its own board is gone, and user summaries answer that time as unlistedSeconds.",
  })
  delete(@Param('id') id: string, @Req() req: { id?: string }): Promise<Deletion> {
    return this.classification.call('deleteCategory', { id }, req.id);
  }
}
