import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { WatcherHostView } from './watcher-host.model';
import { WatcherHostsService } from './watcher-hosts.service';

/** GraphQL mirror of /v1/watchers (admin scope). */
@Resolver()
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
export class WatchersResolver {
  constructor(private readonly hosts: WatcherHostsService) {}

  @Query(() => [WatcherHostView], { nullable: true, description: 'Every hostname mapped to a user (REST: GET /v1/watchers)' })
  watchers(): Promise<WatcherHostView[]> {
    return this.hosts.list();
  }

  @Mutation(() => WatcherHostView, { nullable: true, description: 'Map a watcher machine (its hostname, case-insensitive) to a user (REST: PUT /v1/watchers/:hostname)' })
  mapWatcher(@Args('hostname') hostname: string, @Args('userId') userId: string): Promise<WatcherHostView> {
    return this.hosts.map(hostname, userId);
  }

  @Mutation(() => Boolean, { nullable: true, description: 'Remove a mapping: keyless watchers of that host are refused from then on (REST: DELETE /v1/watchers/:hostname)' })
  async unmapWatcher(@Args('hostname') hostname: string): Promise<boolean> {
    await this.hosts.unmap(hostname);
    return true;
  }
}
