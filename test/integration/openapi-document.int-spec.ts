import { startPipeline, RunningPipeline } from '../support/pipeline';
import { http } from '../support/http';
import { testConfig } from '../support/test-config';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
type Operation = { parameters?: Parameter[]; responses: Record<string, unknown>; security?: Array<Record<string, string[]>> };
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/** The OpenAPI document at /docs-json against what the routes take: what a client generated from it would send. */
describe('the OpenAPI document', () => {
  let pipeline: RunningPipeline;
  let document: OpenApiDocument;

  beforeAll(async () => {
    pipeline = await startPipeline(testConfig(), ['gateway']);
    document = (await http('GET', `${pipeline.url}/docs-json`)).body;
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const operations = () => Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));

  it('lists each parameter once (header names are case-insensitive), and the Idempotency-Key of POST /v1/events as optional', () => {
    const repeated = operations().flatMap(({ name, operation }) => {
      const keys = (operation.parameters ?? []).map((p) => `${p.in} ${p.in === 'header' ? p.name.toLowerCase() : p.name}`);
      return keys.filter((key, i) => keys.indexOf(key) !== i).map((key) => `${name}: ${key}`);
    });
    expect(repeated).toEqual([]);
    const headers = document.paths['/v1/events'].post.parameters!.filter((p) => p.in === 'header');
    expect(headers).toEqual([expect.objectContaining({ name: 'Idempotency-Key', required: false })]);
  });
});
