import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';
import { Response } from 'express';
import { unreachableDependency } from '@lib/contracts';
import { errorBody } from './error-body';
import { statusGraphQLError } from './graphql/status-graphql-error';

/** Retry-After of a 503 for a server the gateway could not reach. */
const RETRY_AFTER_SEC = 5;

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
    const message = `${unreachable}: retry in ${RETRY_AFTER_SEC} s`;
    if (graphql) return statusGraphQLError(message, HttpStatus.SERVICE_UNAVAILABLE, {});
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return void res.end();
    res.setHeader('Retry-After', String(RETRY_AFTER_SEC));
    res.status(HttpStatus.SERVICE_UNAVAILABLE).json(errorBody(HttpStatus.SERVICE_UNAVAILABLE, message));
  }
}
