import { BadRequestException } from '@nestjs/common';
import { IngestResult, pipelineNames, RpcError } from '@lib/contracts';
import { RpcClient } from '@lib/messaging';
import { IngestClient } from './ingest.client';

const names = pipelineNames('t');
const ok = (accepted: number): IngestResult => ({ batchId: 'b-1', accepted, duplicates: 0, rejected: [], eventIds: Array.from({ length: accepted }, (_, i) => `e-${i}`) });
const bodyOf = (events: unknown[]) => Buffer.from(JSON.stringify({ events }));
const options = { keyId: 'key-1', idempotencyKey: 'client-key', boundUserId: 'alice', correlationId: 'c-1' };

function fakeRpc(overrides: { request?: jest.Mock; requestBytes?: jest.Mock }) {
  const rpc = { names, request: jest.fn(), requestBytes: jest.fn(), ...overrides };
  return { rpc, client: new IngestClient(rpc as unknown as RpcClient) };
}

describe('IngestClient.submitBody', () => {
  it('sends a body that fits one message as it is, with the scoped key and the binding in headers', async () => {
    const { rpc, client } = fakeRpc({ requestBytes: jest.fn().mockResolvedValue(ok(2)) });
    const body = bodyOf([{ userId: 'alice' }, { userId: 'alice' }]);
    await expect(client.submitBody(body, options)).resolves.toEqual(ok(2));
    expect(rpc.requestBytes).toHaveBeenCalledWith(names.rpc.ingestBody, body, {
      correlationId: 'c-1',
      headers: { 'ap-idempotency-key': expect.stringMatching(/^[0-9a-f]{64}:0$/), 'ap-bound-user-id': 'alice' },
    });
    expect(rpc.request).not.toHaveBeenCalled();
  });

  it("answers an older ingestion's chunks, which give no event ids, with nulls for them (a rolling upgrade)", async () => {
    const { batchId, accepted, duplicates, rejected } = ok(1);
    const { client } = fakeRpc({ request: jest.fn().mockResolvedValue({ batchId, accepted, duplicates, rejected }) });
    // Reading the missing list failed the request with a 500.
    await expect(client.submit([{ userId: 'alice' }], options)).resolves.toEqual({ ...ok(1), eventIds: [null] });
  });

  it('falls back to parsed chunks when no ingestion serves bodies (503), with the same scoped key', async () => {
    const { rpc, client } = fakeRpc({
      requestBytes: jest.fn().mockRejectedValue(new RpcError(503, 'service unavailable (ingestion is not running)')),
      request: jest.fn().mockResolvedValue(ok(1)),
    });
    await expect(client.submitBody(bodyOf([{ userId: 'alice' }]), options)).resolves.toEqual(ok(1));
    const sentKey = rpc.requestBytes.mock.calls[0][2].headers['ap-idempotency-key'];
    expect(rpc.request).toHaveBeenCalledWith(names.rpc.ingest, { events: [{ userId: 'alice' }], idempotencyKey: sentKey, boundUserId: 'alice' }, { correlationId: 'c-1' });
  });

  it('passes on any other error, a 504 saying that sending again is safe, and a 400 when no event was valid', async () => {
    const failed = new RpcError(502, 'upstream request failed');
    await expect(fakeRpc({ requestBytes: jest.fn().mockRejectedValue(failed) }).client.submitBody(bodyOf([{}]), options)).rejects.toBe(failed);
    const timeout = new RpcError(504, 'upstream service timed out');
    await expect(fakeRpc({ requestBytes: jest.fn().mockRejectedValue(timeout) }).client.submitBody(bodyOf([{}]), options)).rejects.toThrow(
      'upstream service timed out: the events may have been accepted; sending the same request again is safe (each event counts once, by its eventId)',
    );
    const rejected: IngestResult = { batchId: 'b-2', accepted: 0, duplicates: 0, rejected: [{ index: 0, field: 'app', reason: 'is required' }], eventIds: [null] };
    const refusal = fakeRpc({ requestBytes: jest.fn().mockResolvedValue(rejected) }).client.submitBody(bodyOf([{}]), options);
    await expect(refusal).rejects.toThrow(new BadRequestException('no valid event: events[0].app is required'));
    // No batch was made: no batchId (an empty batch's id is the same for every such request), no event ids.
    expect(((await refusal.catch((e: BadRequestException) => e)) as BadRequestException).getResponse()).toEqual({
      statusCode: 400,
      message: 'no valid event: events[0].app is required',
      field: 'events[0].app',
      accepted: 0,
      duplicates: 0,
      rejected: [{ index: 0, field: 'app', reason: 'is required' }],
    });
  });

  it('names an event that is no object as events[i] in the 400, not events[i].(event)', async () => {
    const rejected: IngestResult = { batchId: 'b-3', accepted: 0, duplicates: 0, rejected: [{ index: 1, field: '(event)', reason: 'must be an object' }], eventIds: [null, null] };
    const refusal = fakeRpc({ requestBytes: jest.fn().mockResolvedValue(rejected) }).client.submitBody(bodyOf([{}, 'x']), options);
    // It read "no valid event: events[1].(event) must be an object", field "events[1].(event)": a path no body has.
    expect(((await refusal.catch((e: BadRequestException) => e)) as BadRequestException).getResponse()).toMatchObject({
      message: 'no valid event: events[1] must be an object',
      field: 'events[1]',
      rejected: [{ index: 1, field: '(event)', reason: 'must be an object' }],
    });
  });
});
