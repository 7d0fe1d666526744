import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { DeadLetterDetail } from './dead-letter.view';
import { BulkFilter, BulkReplayResult, BulkResult, DeadLetterPage, DeadLettersService, ReplayResult } from './dead-letters.service';
import * as models from './operations.models';

const bulkBody = {
  description: 'Which letters: stage (exact), subject and reason (substrings); or { "all": true }',
  schema: {
    type: 'object',
    properties: { stage: { type: 'string' }, subject: { type: 'string' }, reason: { type: 'string' }, all: { type: 'boolean' } },
    additionalProperties: false,
  },
  examples: { stage: { value: { stage: 'leaderboard' } }, everything: { value: { all: true } } },
};

@ApiTags('dead letters')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
@Controller('v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @ApiOperation({ summary: 'Dead letters in stream order, filtered and paged (pass `next` as `after`)' })
  @ApiQuery({ name: 'stage', required: false, description: 'classification, inference, leaderboard…' })
  @ApiQuery({ name: 'subject', required: false, description: 'substring of the original subject' })
  @ApiQuery({ name: 'reason', required: false, description: 'case-insensitive substring of the reason' })
  @ApiQuery({ name: 'after', required: false, type: 'integer', minimum: 0, description: 'dead letter id to continue after' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', minimum: 1, maximum: 500, description: '1..500, default 50' })
  @ApiResponse({ status: 200, type: models.DeadLetterPage })
  list(
    @Query('stage') stage?: string,
    @Query('subject') subject?: string,
    @Query('reason') reason?: string,
    @Query('after') after?: string,
    @Query('limit') limit?: string,
  ): Promise<DeadLetterPage> {
    return this.deadLetters.list({ stage, subject, reason, after, limit });
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay every matching dead letter to its original subject' })
  @ApiBody(bulkBody)
  @ApiResponse({ status: 200, type: models.DeadLetterBulkReplay })
  @ApiResponse({ status: 422, description: 'stopped at a letter without an ap-dlq-subject header (nowhere to replay it): `field` id, its `id`, and `count`, `ids` and `duplicateIds` of the letters replayed before it' })
  replayMatching(@Body() filter: BulkFilter): Promise<BulkReplayResult> {
    return this.deadLetters.replayMatching(filter);
  }

  @Post('discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete every matching dead letter' })
  @ApiBody(bulkBody)
  @ApiResponse({ status: 200, type: models.DeadLetterBulkResult })
  discardMatching(@Body() filter: BulkFilter): Promise<BulkResult> {
    return this.deadLetters.discardMatching(filter);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dead letter: payload (JSON, text or base64), headers, reason, origin, failure times' })
  @ApiResponse({ status: 200, type: models.DeadLetterRecord })
  inspect(@Param('id') id: string): Promise<DeadLetterDetail> {
    return this.deadLetters.inspect(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Republish the original message (msg id replay:<id>:<digest of the payload>) and delete the dead letter' })
  @ApiResponse({ status: 200, type: models.DeadLetterReplay })
  @ApiResponse({ status: 404, description: 'no such dead letter (replayed or discarded already?); `field` id' })
  @ApiResponse({ status: 422, description: 'the letter has no ap-dlq-subject header: nowhere to replay it (discard it instead); `field` id' })
  replay(@Param('id') id: string): Promise<ReplayResult> {
    return this.deadLetters.replayOne(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Discard a dead letter' })
  @ApiResponse({ status: 204, description: 'discarded' })
  discard(@Param('id') id: string): Promise<void> {
    return this.deadLetters.discardOne(id);
  }
}
