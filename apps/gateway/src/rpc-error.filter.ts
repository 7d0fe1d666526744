import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import { Response } from 'express';
import { RpcError } from '@lib/contracts';
import { GraphQLError } from 'graphql';
import { DEPENDENCY_RETRY_AFTER_SEC, ErrorBody, errorBody, sendErrorBody } from './error-body';
import { retryLaterGraphQLError, statusGraphQLError } from './graphql/status-graphql-error';

/**
 * Errors from other apps keep their status and message on the way out (HTTP or GraphQL). A 503
 * (an app not running, NATS or its database away) says when to try again, as the gateway's own do.
 */
@Catch(RpcError)
export class RpcErrorFilter implements ExceptionFilter {
  catch(error: RpcError, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() === 'graphql') {
      if (error.status === 503) return retryLaterGraphQLError(host, error.message, error.status, DEPENDENCY_RETRY_AFTER_SEC, rpcErrorExtensions(error));
      return rpcGraphQLError(error);
    }
    sendErrorBody(host.switchToHttp().getResponse<Response>(), rpcErrorBody(error), error.status === 503 ? { 'Retry-After': String(DEPENDENCY_RETRY_AFTER_SEC) } : {});
  }
}

/** The REST error body of another app's refusal (also the `error` event that ends an SSE stream). */
export function rpcErrorBody(error: RpcError): ErrorBody {
  const field = fieldOf(error);
  return errorBody(error.status, error.message, { ...(field ? { field } : {}), ...(error.details !== undefined ? { details: error.details } : {}) });
}

/** Another app's refusal as a GraphQL error (also the one that ends a subscription). */
export function rpcGraphQLError(error: RpcError): GraphQLError {
  return statusGraphQLError(error.message, error.status, rpcErrorExtensions(error));
}

/** `field` where the gateway's own refusals and validation errors put it (it was in `details` only). */
function rpcErrorExtensions(error: RpcError): Record<string, unknown> {
  const field = fieldOf(error);
  return { ...(field ? { field } : {}), details: error.details };
}

function fieldOf(error: RpcError): string | undefined {
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' ? field : undefined;
}
