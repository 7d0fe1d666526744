import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';
import { statusGraphQLError } from './status-graphql-error';

/**
 * The gateway's own HttpExceptions (a dead letter or an import job not found, a key refused, …)
 * in GraphQL: a code by their status and nothing logged, as REST answers them. Nest's default
 * codes every status but 400, 401, 403 and 422 INTERNAL_SERVER_ERROR and logs each one as a
 * server error with its stack. REST keeps Nest's own handling.
 */
@Catch(HttpException)
export class HttpExceptionFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    const status = exception.getStatus();
    const response = exception.getResponse();
    const field = typeof response === 'object' && typeof (response as { field?: unknown }).field === 'string' ? (response as { field: string }).field : undefined;
    return statusGraphQLError(exception.message, status, field ? { field } : {});
  }
}
