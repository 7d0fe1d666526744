import { NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { filterHost } from '../../../test/support/filter-host';
import { Request } from 'express';
import { HttpExceptionFilter, routesOf } from './http-exception.filter';

describe('HttpExceptionFilter', () => {
  it("keeps a failed readiness check's answer, whose error names the server that is down", () => {
    const result = {
      status: 'error',
      info: { mongo: { status: 'up' } },
      error: { nats: { status: 'down', message: 'disconnected from NATS (NATS_URL), reconnecting' } },
      details: { mongo: { status: 'up' }, nats: { status: 'down', message: 'disconnected from NATS (NATS_URL), reconnecting' } },
    };
    const { host, sent } = filterHost('http');
    new HttpExceptionFilter().catch(new ServiceUnavailableException(result), host);
    expect(sent).toEqual({ status: 503, headers: {}, body: result });
  });

  it('answers any other exception in the one error shape', () => {
    const { host, sent } = filterHost('http');
    new HttpExceptionFilter().catch(new NotFoundException('dead letter 2 does not exist'), host);
    expect(sent).toEqual({ status: 404, headers: {}, body: { statusCode: 404, error: 'Not Found', message: 'dead letter 2 does not exist' } });
  });
});

describe('HttpExceptionFilter, for a request no route took', () => {
  const request = (method: string, path: string) => ({ method, path, app: { router: { stack: [{ route: { path: '/v1/events', methods: { post: true } } }, { route: { path: '/v1/leaderboards/:board', methods: { get: true } } }] } } });

  it('answers a path asked with a method it does not take 405, with Allow, instead of "Cannot GET /v1/events"', () => {
    const { host, sent } = filterHost('http', request('GET', '/v1/events'));
    new HttpExceptionFilter().catch(new NotFoundException('Cannot GET /v1/events'), host);
    expect(sent).toEqual({
      status: 405,
      headers: { Allow: 'POST' },
      body: { statusCode: 405, error: 'Method Not Allowed', message: 'GET /v1/events is not a route: /v1/events takes POST (every route is listed at /docs)' },
    });
  });

  it('answers a misspelt path 404 naming the route it nearly is', () => {
    const { host, sent } = filterHost('http', request('GET', '/v1/leaderboard/total'));
    new HttpExceptionFilter().catch(new NotFoundException('Cannot GET /v1/leaderboard/total'), host);
    expect(sent.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'no route GET /v1/leaderboard/total: did you mean GET /v1/leaderboards/:board? Every route is listed at /docs' });
  });
});

describe('routesOf', () => {
  it("reads a router's routes once, and again when one was added", () => {
    const router = { stack: [{ route: { path: '/v1/events', methods: { post: true } } }, {}, { route: { path: '/{*path}', methods: { get: true } } }] };
    const request = { app: { router } } as unknown as Request;
    const first = routesOf(request);
    expect(first).toEqual([{ method: 'post', path: '/v1/events' }]);
    // Before: a new list walked from the whole stack for every request no route took.
    expect(routesOf(request)).toBe(first);
    router.stack.push({ route: { path: '/v1/rules', methods: { get: true } } });
    expect(routesOf(request)).toEqual([{ method: 'post', path: '/v1/events' }, { method: 'get', path: '/v1/rules' }]);
  });
});
