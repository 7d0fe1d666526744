import { Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** The challenge of a 401 (RFC 9110 requires one): the key as a bearer token; x-api-key works as well. */
export const WWW_AUTHENTICATE = 'Bearer realm="activity-pipeline"';

/** Retry-After of a 503 for a database or Redis the gateway could not reach. */
export const DEPENDENCY_RETRY_AFTER_SEC = 5;

/**
 * The one shape of every REST error the gateway answers: the status, its name, what is wrong,
 * and the field at fault when one is (more detail from the app that refused it in `details`).
 */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
  [detail: string]: unknown;
}

export function errorBody(status: number, message: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...extra };
}

/**
 * Answers a REST request with `body`, a 401 with its challenge whichever layer refused the key;
 * once a stream has begun (SSE) its status cannot change, so it only ends.
 */
export function sendErrorBody(res: Response, body: ErrorBody, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  if (body.statusCode === 401) res.setHeader('WWW-Authenticate', WWW_AUTHENTICATE);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(body.statusCode).json(body);
}
