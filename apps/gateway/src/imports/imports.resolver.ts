import { UseGuards } from '@nestjs/common';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { ImportJobView } from '@lib/contracts';
import { ImportJobRepository } from '@lib/persistence';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { ImportJobModel, ImportJobPageModel } from './import-job.model';
import { findVisibleJob, importJobView, listVisibleJobs } from './import-job.view';

@Resolver()
@UseGuards(ApiKeyGuard)
export class ImportsResolver {
  constructor(private readonly jobs: ImportJobRepository) {}

  @Query(() => ImportJobModel, { nullable: true, description: 'An import job with its status, progress, counts and rejected rows' })
  @RequireScope('read')
  async importJob(@Args('id') id: string, @Context() { req }: { req: AuthenticatedRequest }): Promise<ImportJobView> {
    return importJobView(await findVisibleJob(this.jobs, id, req.apiKey!.userId), true);
  }

  @Query(() => ImportJobPageModel, { nullable: true, description: 'Import jobs, newest first, without their rejected rows (REST: GET /v1/imports)' })
  @RequireScope('read')
  importJobs(
    @Context() { req }: { req: AuthenticatedRequest },
    @Args('userId', { nullable: true }) userId?: string,
    @Args('limit', { type: () => Int, nullable: true, description: '1..200, default 50' }) limit?: number,
    @Args('offset', { type: () => Int, nullable: true, description: 'jobs to skip, default 0' }) offset?: number,
  ): Promise<{ jobs: ImportJobView[]; hasMore: boolean }> {
    return listVisibleJobs(this.jobs, { userId, limit, offset }, req.apiKey!.userId);
  }
}
