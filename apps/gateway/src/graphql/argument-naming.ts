import { RpcError } from '@lib/contracts';

/**
 * The apps name the REST input at fault (the `Idempotency-Key` header, the request's `body`);
 * over GraphQL the same value is an argument, so a refusal naming the REST input names the
 * argument instead, in its message and its field. Other errors pass as they are.
 */
export function namingTheArgument(error: unknown, restInput: string, argument: string): unknown {
  const details = error instanceof RpcError ? (error.details as { field?: string } | undefined) : undefined;
  if (!(error instanceof RpcError) || details?.field !== restInput) return error;
  const message = error.message.startsWith(restInput) ? argument + error.message.slice(restInput.length) : error.message;
  return new RpcError(error.status, message, { ...details, field: argument });
}
