import { parseJsonBody, RpcError } from './rpc';

describe('parseJsonBody', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('reads UTF-8 JSON, with or without a byte-order mark', () => {
    expect(parseJsonBody(bytes('{"events":[{"title":"日本語 🦄"}]}'))).toEqual({ events: [{ title: '日本語 🦄' }] });
    expect(parseJsonBody(bytes('\uFEFF{"events":[]}'))).toEqual({ events: [] });
  });

  it('reads a view into a larger buffer, not the whole buffer', () => {
    const pool = Buffer.from('xx{"a":1}yy');
    expect(parseJsonBody(pool.subarray(2, 9))).toEqual({ a: 1 });
  });

  it('answers text that is not JSON with a 400 naming the body and the reason', () => {
    const thrown = (() => {
      try {
        parseJsonBody(bytes('{"events": [1,'));
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(RpcError);
    expect(thrown).toMatchObject({ status: 400, message: expect.stringMatching(/^body is not valid JSON: .+/) });
  });
});
