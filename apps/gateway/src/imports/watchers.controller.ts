import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { invalidInput, parseUserId, propertyOfRequest, USER_ID } from '@lib/contracts';
import { WatcherHostRepository } from '@lib/persistence';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';

const HOSTNAME = /^[^\s/]{1,255}$/;

interface WatcherHostView {
  hostname: string;
  userId: string;
  updatedAt: string;
}

/** Hostname → user mappings for ActivityWatch watchers that send no API key (admin scope). */
@ApiTags('activitywatch')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
@Controller('v1/watchers')
export class WatchersController {
  constructor(private readonly hosts: WatcherHostRepository) {}

  @Get()
  @ApiOperation({ summary: 'Every hostname mapped to a user' })
  async list(): Promise<{ watchers: WatcherHostView[] }> {
    return { watchers: (await this.hosts.list()).map((h) => ({ hostname: h._id, userId: h.userId, updatedAt: h.updatedAt.toISOString() })) };
  }

  @Put(':hostname')
  @ApiOperation({ summary: 'Map a watcher machine (its hostname, case-insensitive) to a user: body { userId }' })
  @ApiBody({ schema: { type: 'object', required: ['userId'], properties: { userId: { type: 'string', pattern: USER_ID.source } } } })
  async put(@Param('hostname') hostname: string, @Body() body: unknown): Promise<WatcherHostView> {
    if (!HOSTNAME.test(hostname)) throw invalidInput('hostname', 'must be 1 to 255 characters without spaces or "/"');
    const requested = propertyOfRequest(body, 'userId');
    if (requested === undefined || requested === null) throw invalidInput('userId', 'is required: the user whose events this hostname sends');
    const userId = parseUserId(requested);
    const host = await this.hosts.put(hostname, userId);
    return { hostname: host._id, userId: host.userId, updatedAt: host.updatedAt.toISOString() };
  }

  @Delete(':hostname')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a mapping: keyless watchers of that host are refused from then on' })
  async remove(@Param('hostname') hostname: string): Promise<void> {
    if (!(await this.hosts.remove(hostname))) throw new NotFoundException({ message: `hostname "${hostname}" is not mapped`, field: 'hostname' });
  }
}
