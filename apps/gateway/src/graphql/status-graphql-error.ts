import { ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { HeaderSink } from '../auth/rate-limiter';

/**
 * A refusal with an HTTP status as a GraphQL error: the status and a code made from it, one
 * mapping for the gateway's own errors (HttpExceptionFilter) and those of the apps behind it
 * (RpcErrorFilter), so a client tells a mistake of its own from a failure of ours by the code.
 */
export function statusGraphQLError(message: string, status: number, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: graphqlErrorCode(status), status } });
}

/**
 * A refusal that says when to try again (429 past a rate limit, 503 while a server is away), over
 * GraphQL: the seconds in `extensions.retryAfter`, since a subscription's WebSocket has no headers,
 * and over HTTP the Retry-After header REST sends as well (GraphQL answered without either for a 503).
 */
export function retryLaterGraphQLError(host: ArgumentsHost, message: string, status: number, retryAfterSec: number, extensions: Record<string, unknown> = {}): GraphQLError {
  GqlArgumentsHost.create(host).getContext<{ res?: HeaderSink }>().res?.setHeader?.('Retry-After', String(retryAfterSec));
  return statusGraphQLError(message, status, { ...extensions, retryAfter: retryAfterSec });
}

/** The GraphQL error code of a refusal with this HTTP status. */
export function graphqlErrorCode(status: number): string {
  switch (status) {
    case 400:
    case 422:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'TOO_MANY_REQUESTS';
  }
  return status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST';
}
