import { RouteTemplate, undecodableSegment, unknownRouteAnswer } from './unknown-route';

const ROUTES: RouteTemplate[] = [
  { method: 'post', path: '/v1/events' },
  { method: 'get', path: '/v1/events/:eventId' },
  { method: 'get', path: '/v1/leaderboards/:board' },
  { method: 'get', path: '/v1/leaderboards/:board/users/:userId' },
  { method: 'get', path: '/v1/rules/:id' },
  { method: 'patch', path: '/v1/rules/:id' },
  { method: 'delete', path: '/v1/rules/:id' },
];

describe('unknownRouteAnswer', () => {
  it('answers a path that is a route, asked with another method, 405 naming the methods it takes', () => {
    expect(unknownRouteAnswer('GET', '/v1/events', ROUTES)).toEqual({
      status: 405,
      allow: ['POST'],
      message: 'GET /v1/events is not a route: /v1/events takes POST (every route is listed at /docs)',
    });
    expect(unknownRouteAnswer('PUT', '/V1/rules/app:code/', ROUTES)).toMatchObject({ status: 405, allow: ['GET', 'PATCH', 'DELETE'] });
  });

  it('answers a path nearly a route 404 naming that route: a misspelt segment, the /v1 prefix left out', () => {
    expect(unknownRouteAnswer('GET', '/v1/leaderboard/total', ROUTES)).toEqual({
      status: 404,
      message: 'no route GET /v1/leaderboard/total: did you mean GET /v1/leaderboards/:board? Every route is listed at /docs',
    });
    expect(unknownRouteAnswer('POST', '/v1/evnts', ROUTES).message).toContain('did you mean POST /v1/events?');
    expect(unknownRouteAnswer('GET', '/leaderboards/total/users/alice', ROUTES).message).toContain('did you mean GET /v1/leaderboards/:board/users/:userId?');
  });

  it('answers any other path 404 saying where the routes are listed', () => {
    expect(unknownRouteAnswer('GET', '/v1/statistics', ROUTES)).toEqual({ status: 404, message: 'no route GET /v1/statistics: every route is listed at /docs' });
    expect(unknownRouteAnswer('GET', '/v1/leaderboards/total/around', ROUTES).status).toBe(404);
  });
});

describe('undecodableSegment', () => {
  it("names the route parameter a segment that is not percent-encoding stands for, or the path where no route has one", () => {
    expect(undecodableSegment('/v1/leaderboards/total/users/a%ZZ', ROUTES)).toEqual({ field: 'userId', segment: 'a%ZZ' });
    expect(undecodableSegment('/v1/events/%E9', ROUTES)).toEqual({ field: 'eventId', segment: '%E9' });
    expect(undecodableSegment('/v1/%ZZ/x', ROUTES)).toEqual({ field: 'path', segment: '%ZZ' });
    expect(undecodableSegment('/v1/events/caf%C3%A9', ROUTES)).toBeUndefined();
  });
});
