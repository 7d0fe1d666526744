import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import { WWW_AUTHENTICATE } from '../error-body';

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/** Statuses that refuse the request for who sends it, not for what it asks: by precedence. */
const REQUEST_REFUSALS = [401, 403, 429];

interface SingleResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
}

/**
 * The HTTP status of a result whose every field was refused for the key (missing, unknown, without
 * the scope, over its rate limit): nothing was answered, so the request as a whole was not
 * permitted. Undefined when some field has data (a partial answer, always 2xx) or any error is of
 * another kind.
 */
export function refusedRequestStatus(result: SingleResult): number | undefined {
  if (!result.errors?.length) return undefined;
  if (result.data && Object.values(result.data).some((value) => value !== null)) return undefined;
  const statuses = result.errors.map((error) => error.extensions?.status);
  if (!statuses.every((status) => REQUEST_REFUSALS.includes(status as number))) return undefined;
  return REQUEST_REFUSALS.find((status) => statuses.includes(status));
}

/**
 * GraphQL over HTTP: a client that takes application/graphql-response+json gets a request refused
 * for its key as 401, 403 or 429 without `data` ("If the client is not permitted to issue the GraphQL
 * request then the server SHOULD reply with 403, 401 or similar"), where it got a 200 with the code
 * in the body only. application/json (the default without Accept, what clients took until now) keeps
 * the 200 that spec asks for that type, since a non-200 application/json body may come from any proxy.
 */
export const refusedRequestStatusPlugin: ApolloServerPlugin<{ req?: Request }> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const status = refusedRequestStatus(response.body.singleResult);
        // Apollo's own choice between the two (content negotiation on the same list, in the same order).
        if (status === undefined || contextValue.req?.accepts(['application/json', GRAPHQL_RESPONSE_JSON]) !== GRAPHQL_RESPONSE_JSON) return;
        const { data: _none, ...refusal } = response.body.singleResult;
        response.body.singleResult = refusal;
        response.http.status = status;
        if (status === 401) response.http.headers.set('www-authenticate', WWW_AUTHENTICATE);
      },
    };
  },
};
