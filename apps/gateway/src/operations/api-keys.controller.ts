import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOperation, ApiResponse, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { ApiKeyInfo, CreateApiKeyInput, CreatedApiKey } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api keys')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
@ApiExtraModels(ApiKeyInfo)
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create a key; the response is the only time the secret is shown' })
  @ApiBody({ type: CreateApiKeyInput })
  @ApiResponse({ status: 201, type: CreatedApiKey })
  create(@Body() body: unknown): Promise<CreatedApiKey> {
    return this.apiKeys.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Every key with its scopes and state (never the secret or its hash)' })
  // `{ items }`, not the bare array the document said.
  @ApiResponse({ status: 200, schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(ApiKeyInfo) } } } } })
  async list(): Promise<{ items: ApiKeyInfo[] }> {
    return { items: await this.apiKeys.list() };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key: 401 for it from then on (other gateway instances: within 10 s)' })
  @ApiResponse({ status: 204, description: 'revoked' })
  revoke(@Param('id') id: string): Promise<void> {
    return this.apiKeys.revoke(id);
  }
}
