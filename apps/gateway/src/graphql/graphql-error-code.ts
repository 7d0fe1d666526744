/**
 * The GraphQL error code for an HTTP status, one mapping for the gateway's own errors
 * (HttpExceptionFilter) and those of the apps behind it (RpcErrorFilter): a client tells a
 * mistake of its own from a failure of ours by the code alone.
 */
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
