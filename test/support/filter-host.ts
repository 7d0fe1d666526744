import { ArgumentsHost } from '@nestjs/common';

/** An HTTP or GraphQL host for an exception filter, whose response records what the filter sent. */
export function filterHost(type: 'http' | 'graphql') {
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
  const host = { getType: () => type, switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  return { host, sent };
}
