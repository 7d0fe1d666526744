import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import { Response } from 'express';
import { RpcError } from '@lib/contracts';
import { DEPENDENCY_RETRY_AFTER_SEC, errorBody, sendErrorBody } from './error-body';
import { retryLaterGraphQLError, statusGraphQLError } from './graphql/status-graphql-error';

/**
 * Errors from other apps keep their status and message on the way out (HTTP or GraphQL). A 503
 * (an app not running, NATS or its database away) says when to try again, as the gateway's own do.
 */
@Catch(RpcError)
export class RpcErrorFilter implements ExceptionFilter {
  catch(error: RpcError, host: ArgumentsHost) {
    const field = (error.details as { field?: unknown } | undefined)?.field;
    if (host.getType<GqlContextType>() === 'graphql') {
      // `field` where the gateway's own refusals and validation errors put it (it was in `details` only).
      const extensions = { ...(typeof field === 'string' ? { field } : {}), details: error.details };
      if (error.status === 503) return retryLaterGraphQLError(host, error.message, error.status, DEPENDENCY_RETRY_AFTER_SEC, extensions);
      return statusGraphQLError(error.message, error.status, extensions);
    }
    sendErrorBody(
      host.switchToHttp().getResponse<Response>(),
      errorBody(error.status, error.message, { ...(typeof field === 'string' ? { field } : {}), ...(error.details !== undefined ? { details: error.details } : {}) }),
      error.status === 503 ? { 'Retry-After': String(DEPENDENCY_RETRY_AFTER_SEC) } : {},
    );
  }
}

