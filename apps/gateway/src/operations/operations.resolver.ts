import { UseGuards } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { namingTheArgument } from '../graphql/argument-naming';
import { ApiKeyInfo, CreateApiKeyInput, CreatedApiKey } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';
import { DeadLettersService } from './dead-letters.service';
import { DeadLetterBulkReplay, DeadLetterBulkResult, DeadLetterDetail, DeadLetterFilterInput, DeadLetterPage, DeadLetterReplay } from './operations.models';

/** GraphQL mirror of /v1/dead-letters and /v1/api-keys (admin scope). */
@Resolver()
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
export class OperationsResolver {
  constructor(private readonly letters: DeadLettersService, private readonly keys: ApiKeysService) {}

  @Query(() => DeadLetterPage, { nullable: true })
  deadLetters(
    @Args('filter', { type: () => DeadLetterFilterInput, nullable: true }) filter?: DeadLetterFilterInput,
    @Args('after', { type: () => Int, nullable: true }) after?: number,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ): Promise<DeadLetterPage> {
    return this.letters.list({ ...filter, after: after ?? undefined, limit: limit ?? undefined });
  }

  @Query(() => DeadLetterDetail, { nullable: true })
  async deadLetter(@Args('id', { type: () => Int }) id: number): Promise<DeadLetterDetail> {
    const letter = await this.letters.inspect(id);
    const { payload, headers, ...summary } = letter;
    return {
      ...summary,
      payloadEncoding: payload.encoding,
      payload: payload.encoding === 'json' ? JSON.stringify(payload.value, null, 2) : String(payload.value),
      headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
    };
  }

  @Mutation(() => DeadLetterReplay, { nullable: true })
  replayDeadLetter(@Args('id', { type: () => Int }) id: number): Promise<DeadLetterReplay> {
    return this.letters.replayOne(id);
  }

  @Mutation(() => DeadLetterBulkReplay, { nullable: true })
  replayDeadLetters(@Args('filter', { type: () => DeadLetterFilterInput }) filter: DeadLetterFilterInput): Promise<DeadLetterBulkReplay> {
    return this.letters.replayMatching(filter).catch(namingTheFilter);
  }

  @Mutation(() => Boolean, { nullable: true })
  async discardDeadLetter(@Args('id', { type: () => Int }) id: number): Promise<boolean> {
    await this.letters.discardOne(id);
    return true;
  }

  @Mutation(() => DeadLetterBulkResult, { nullable: true })
  discardDeadLetters(@Args('filter', { type: () => DeadLetterFilterInput }) filter: DeadLetterFilterInput): Promise<DeadLetterBulkResult> {
    return this.letters.discardMatching(filter).catch(namingTheFilter);
  }

  @Query(() => [ApiKeyInfo], { nullable: true })
  apiKeys(): Promise<ApiKeyInfo[]> {
    return this.keys.list();
  }

  @Mutation(() => CreatedApiKey, { nullable: true })
  createApiKey(@Args('input', { type: () => CreateApiKeyInput }) input: CreateApiKeyInput): Promise<CreatedApiKey> {
    return this.keys.create({ ...input });
  }

  @Mutation(() => Boolean, { nullable: true })
  async revokeApiKey(@Args('id') id: string): Promise<boolean> {
    await this.keys.revoke(id);
    return true;
  }
}

/** A bulk refusal naming the REST body names the `filter` argument here. */
function namingTheFilter(error: unknown): never {
  throw namingTheArgument(error, 'body', 'filter');
}
