import { maskedUrl } from './masked-url';
import { StackVariable } from './running-stack';
import { STACK_SERVERS } from './stack-env';

/**
 * Provided to the command-line tools only (ConfigModule.forCommandLine): a server that does not
 * answer within `timeoutMs` when they connect fails the command with `cannotReach`'s one line. An
 * app keeps waiting for its servers instead (Nest retries Mongo 9 times, NATS reconnects for ever):
 * a stack or an orchestrator starts servers and apps together.
 */
export class FailFastConnect {
  readonly timeoutMs = 5_000;
}

/** "cannot reach MongoDB at MONGO_URL=mongodb://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1", any password in the URL masked. */
export function cannotReach(variable: Exclude<StackVariable, 'GATEWAY_URL'>, url: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`cannot reach ${STACK_SERVERS[variable]} at ${variable}=${maskedUrl(url)}: ${reason}`);
}
