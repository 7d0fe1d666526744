import { ArgumentsHost } from '@nestjs/common';

/**
 * An HTTP or GraphQL host for an exception filter, whose response records what the filter sent.
 * The request is one a route took (Express sets its `route`) unless the test gives another.
 */
export function filterHost(type: 'http' | 'graphql', request: object = { method: 'GET', path: '/', route: { path: '/' } }) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: unknown) => (sent.body = body),
  };
  // A GraphQL resolver's arguments: root, args, context (the HTTP request and response, as gateway.module gives them), info.
  const host = { getType: () => type, switchToHttp: () => ({ getResponse: () => res, getRequest: () => request }), getArgs: () => [undefined, {}, { req: {}, res }, undefined] } as unknown as ArgumentsHost;
  return { host, sent };
}
