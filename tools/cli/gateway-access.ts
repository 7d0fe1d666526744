import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineEnv, localDataDir, maskedUrl } from '@lib/config';
import { UsageError } from '@lib/command-line';

const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:3000';

/** The --url and --key lines of a tool's usage. */
export const GATEWAY_OPTIONS_USAGE = `  --url     the gateway (default $GATEWAY_URL, else the stack npm start runs, else ${DEFAULT_GATEWAY_URL})
  --key     the API key (default $AP_API_KEY, else .data/dev-api-key, the admin key npm start writes)`;

/** The gateway a tool talks to and the key it sends, with where the key came from: its errors name both. */
export interface GatewayAccess {
  url: string;
  key: string;
  keySource: string;
  /** What the key needs, for the error when it is refused: "the ingest scope". */
  needs: string;
}

/** --url and --key, else the environment and the local stack (`commandLineEnv` says on stderr when the gateway is the stack's). */
export function gatewayAccess(flags: { url?: string; key?: string }, needs: string): GatewayAccess {
  const env = flags.url === undefined ? commandLineEnv(['GATEWAY_URL']) : process.env;
  const url = (flags.url ?? env.GATEWAY_URL ?? DEFAULT_GATEWAY_URL).replace(/\/$/, '');
  // Named where it came from: a bad $GATEWAY_URL was reported as a bad --url, a flag never given.
  const source = flags.url !== undefined ? '--url' : process.env.GATEWAY_URL ? 'GATEWAY_URL' : "the running stack's GATEWAY_URL (.data/stack.json)";
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`${source} must be an http:// or https:// address (got "${maskedUrl(url)}")`);
  return { url, needs, ...apiKey(flags.key, env) };
}

function apiKey(flag: string | undefined, env: NodeJS.ProcessEnv): { key: string; keySource: string } {
  // An empty one was sent, and refused as 'missing API key' by the gateway (a demo then failed every batch for its minutes).
  if (flag === '') throw new UsageError('--key must not be empty');
  if (flag !== undefined) return { key: flag, keySource: '--key' };
  if (env.AP_API_KEY) return { key: env.AP_API_KEY, keySource: '$AP_API_KEY' };
  const devKeyFile = join(localDataDir(), 'dev-api-key');
  if (existsSync(devKeyFile)) return { key: readFileSync(devKeyFile, 'utf8').trim(), keySource: '.data/dev-api-key' };
  throw new UsageError('no API key: pass --key KEY, set AP_API_KEY, or start the stack once (npm start writes .data/dev-api-key)');
}

/** A refused key (401/403), naming the gateway and the key's source: a key of another stack is then plain to see. */
export function keyRefused(access: GatewayAccess, status: number, message: string | undefined): Error {
  return new Error(`the gateway at ${maskedUrl(access.url)} refused the key: ${message ?? `HTTP ${status}`} (the key from ${access.keySource}; it needs ${access.needs})`);
}

/** A gateway that did not answer; fetch hides the reason (ECONNREFUSED…) in its error's cause. */
export function gatewayUnreachable(access: GatewayAccess, error: unknown): Error {
  const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  return new Error(`cannot reach the gateway at ${maskedUrl(access.url)}: ${reason} (is the stack running? npm start)`);
}
