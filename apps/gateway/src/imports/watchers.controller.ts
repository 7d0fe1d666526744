import { Body, Controller, Delete, Get, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { propertyOfRequest, USER_ID } from '@lib/contracts';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { WatcherHostView } from './watcher-host.model';
import { WatcherHostsService } from './watcher-hosts.service';

/** Hostname → user mappings for ActivityWatch watchers that send no API key (admin scope); GraphQL: WatchersResolver. */
@ApiTags('activitywatch')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
@Controller('v1/watchers')
export class WatchersController {
  constructor(private readonly hosts: WatcherHostsService) {}

  @Get()
  @ApiOperation({ summary: 'Every hostname mapped to a user' })
  async list(): Promise<{ watchers: WatcherHostView[] }> {
    return { watchers: await this.hosts.list() };
  }

  @Put(':hostname')
  @ApiOperation({ summary: 'Map a watcher machine (its hostname, case-insensitive) to a user: body { userId }' })
  @ApiBody({ schema: { type: 'object', required: ['userId'], properties: { userId: { type: 'string', pattern: USER_ID.source } } } })
  @ApiResponse({ status: 200, type: WatcherHostView })
  put(@Param('hostname') hostname: string, @Body() body: unknown): Promise<WatcherHostView> {
    return this.hosts.map(hostname, propertyOfRequest(body, 'userId'));
  }

  @Delete(':hostname')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a mapping: keyless watchers of that host are refused from then on' })
  remove(@Param('hostname') hostname: string): Promise<void> {
    return this.hosts.unmap(hostname);
  }
}
