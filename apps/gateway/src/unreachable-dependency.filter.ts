import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';
import { Response } from 'express';
import { unreachableDependency } from '@lib/contracts';
import { DEPENDENCY_RETRY_AFTER_SEC, errorBody, sendErrorBody } from './error-body';
import { retryLaterGraphQLError } from './graphql/status-graphql-error';

/**
 * The last resort for errors no other filter takes (registered first, so Nest tries it last): a
 * database or Redis the gateway could not reach is a 503 naming it, with Retry-After, not a
 * bare 500 "Internal server error" logged with a stack. Anything else keeps Nest's handling.
 */
@Catch()
export class UnreachableDependencyFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    const unreachable = unreachableDependency(exception);
    const graphql = host.getType<GqlContextType>() === 'graphql';
    if (!unreachable) return graphql ? exception : super.catch(exception, host);
    const message = `${unreachable}: retry in ${DEPENDENCY_RETRY_AFTER_SEC} s`;
    if (graphql) return retryLaterGraphQLError(host, message, HttpStatus.SERVICE_UNAVAILABLE, DEPENDENCY_RETRY_AFTER_SEC);
    sendErrorBody(host.switchToHttp().getResponse<Response>(), errorBody(HttpStatus.SERVICE_UNAVAILABLE, message), { 'Retry-After': String(DEPENDENCY_RETRY_AFTER_SEC) });
  }
}
