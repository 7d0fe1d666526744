import { INestApplication } from '@nestjs/common';
import { usePipeline } from '../support/pipeline';
import { http } from '../support/http';
import { testConfig } from '../support/test-config';

interface Route {
  method: string;
  path: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The gateway's routes as its Express router holds them: a route added later is fuzzed without editing this test. */
function gatewayRoutes(app: INestApplication): Route[] {
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router;
  return router.stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })).filter((r) => METHODS.includes(r.method)) : [],
  );
}

const PATH_VALUES = ['x', '-1', '1e309', 'a.b', '$where', '%00', encodeURIComponent('é😀'), 'x'.repeat(3000)];
const QUERIES = ['', '?limit=-1&limit=2&period=__proto__', '?at=x&from=99999-01-01&cursor=%00', '?stage[a]=1&status[]=x&offset=1e400'];
const BODIES: Array<string | undefined> = [
  undefined,
  'null',
  '"text"',
  '[]',
  '{}',
  '{"$set":{"a":1},"a.b":1}',
  '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
  '{"events":[null],"items":"x","name":1,"scopes":"admin","userId":{},"users":[{}]}',
  `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
];

/**
 * Every route of the gateway with hostile path values, query strings and JSON bodies: each
 * answer is a success or a 4xx naming the problem, never a 5xx. An ad-hoc run of this kind found
 * two 500s that the route-by-route suites missed: a missing body on routes that forward it to
 * classification, and a body nested 5,000 deep (bad-input.int-spec.ts now covers both).
 */
describe('every gateway route under malformed input', () => {
  const fixture = usePipeline(() => testConfig({ RATE_LIMIT_PER_MIN: '1000000', KEYLESS_RATE_LIMIT_PER_MIN: '1000000' }));

  it('answers each request with a status below 500', async () => {
    // GraphQL is middleware, not a route of the router.
    const routes = [...gatewayRoutes(fixture.pipeline.apps.gateway!), { method: 'POST', path: '/graphql' }];
    // The router really was read: the REST API has more than 40 routes.
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    let requests = 0;
    for (const { method, path } of routes) {
      // `:id` and Express 5's `{*path}` take each hostile value.
      const paths = new Set(PATH_VALUES.map((value) => path.replace(/\{?[:*]\w+\}?/g, value)));
      for (const url of paths) {
        for (const query of QUERIES) {
          for (const body of method === 'GET' ? [undefined] : BODIES) {
            const response = await http(method, `${fixture.pipeline.url}${url}${query}`, { key: fixture.admin, body });
            requests++;
            if (response.status >= 500) failures.push(`${response.status} ${method} ${url.slice(0, 60)}${query} ${String(body).slice(0, 40)}: ${JSON.stringify(response.body).slice(0, 160)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(5000);
  }, 240_000);
});
