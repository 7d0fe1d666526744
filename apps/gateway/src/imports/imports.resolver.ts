import { UseGuards } from '@nestjs/common';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { ImportJobView } from '@lib/contracts';
import { ImportJobRepository } from '@lib/persistence';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { ImportJobModel } from './import-job.model';
import { findVisibleJob, importJobView } from './import-job.view';

@Resolver()
@UseGuards(ApiKeyGuard)
export class ImportsResolver {
  constructor(private readonly jobs: ImportJobRepository) {}

  @Query(() => ImportJobModel, { nullable: true, description: 'An import job with its status, progress, counts and rejected rows' })
  @RequireScope('read')
  async importJob(@Args('id') id: string, @Context() { req }: { req: AuthenticatedRequest }): Promise<ImportJobView> {
    return importJobView(await findVisibleJob(this.jobs, id, req.apiKey!.userId), true);
  }
}
