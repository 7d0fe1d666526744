import { OpenAPIObject } from '@nestjs/swagger';

/** The name of the REST error shape (error-body.ts) among the document's schemas. */
export const ERROR_BODY_SCHEMA = 'ErrorBody';

/** error-body.ts' ErrorBody as JSON Schema: what every REST error of the gateway answers. */
const ERROR_BODY = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', description: 'the name of the status', example: 'Bad Request' },
    message: { type: 'string', description: 'what is wrong and why', example: 'limit must be an integer from 1 to 500' },
    field: { type: 'string', description: 'the input at fault, when one is: a query or path parameter, a body property (items[2].title), body, content-type', example: 'limit' },
    details: { description: 'more from the app that refused (rejected events, conflicts, …)' },
  },
  additionalProperties: true,
};

const RETRY_AFTER = { description: 'seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } };

/** Answers every route with an API key can give, whatever it does (ApiKeyGuard). */
const KEY_REFUSALS: Record<string, { description: string; headers?: Record<string, unknown> }> = {
  '401': { description: 'missing, unknown or revoked API key' },
  '403': { description: 'the API key lacks the scope of the route' },
  '429': { description: "past the API key's rate limit (RATE_LIMIT_PER_MIN)", headers: { 'Retry-After': RETRY_AFTER } },
};

/** Every /v1 route refuses a query parameter it does not take (KnownQueryParametersGuard) or a body it cannot read. */
const BAD_REQUEST = { description: 'bad input: a query parameter the route does not take, a value out of range, a body that is not JSON; `field` names it' };

/** What the gateway answers before any route reads a body (gateway.setup.ts), whatever the route. */
const BODY_REFUSALS: Record<string, { description: string }> = {
  '413': { description: 'the body is larger than BODY_LIMIT_BYTES (a rule import: larger than one NATS message); `field` is body' },
  '415': { description: 'a Content-Type the route does not read (JSON, except where another is listed) or a Content-Encoding other than gzip, deflate and br; `field` names content-type or body' },
};

type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> };

/**
 * Adds the error answers Nest's OpenAPI document leaves out to each operation: it described
 * successes only (and not always those), so a client generated from it knew neither the 401, 403
 * and 429 every keyed route answers, nor the 413 and 415 of every route that reads a body, nor the
 * one shape of every error, nor that a 429 says when to retry. Responses a route documents itself keep their words and get the shape.
 */
export function documentErrorAnswers(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [ERROR_BODY_SCHEMA]: ERROR_BODY } };
  const errorContent = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_BODY_SCHEMA}` } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as Array<{ responses?: Record<string, Response>; security?: Array<Record<string, unknown>>; requestBody?: unknown }>) {
      if (typeof operation !== 'object' || operation === null || !operation.responses) continue;
      const responses = operation.responses;
      const keyed = operation.security?.some((requirement) => 'api-key' in requirement) ?? false;
      if (path.startsWith('/v1/')) responses['400'] ??= { ...BAD_REQUEST };
      if (keyed) for (const [status, answer] of Object.entries(KEY_REFUSALS)) responses[status] ??= { ...answer };
      if (operation.requestBody) for (const [status, answer] of Object.entries(BODY_REFUSALS)) responses[status] ??= { ...answer };
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && !response.content) response.content = errorContent;
      }
    }
  }
  return document;
}
