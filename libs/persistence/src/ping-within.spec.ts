import { PING_TIMEOUT_MS, pingWithin } from './ping-within';

describe('pingWithin', () => {
  it('resolves with the ping and rejects naming the bound when no answer comes', async () => {
    await expect(pingWithin(Promise.resolve('PONG'))).resolves.toBeUndefined();
    await expect(pingWithin(Promise.reject(new Error('connect ECONNREFUSED')))).rejects.toThrow('connect ECONNREFUSED');
    const started = Date.now();
    await expect(pingWithin(new Promise(() => undefined))).rejects.toThrow(`no answer to ping within ${PING_TIMEOUT_MS} ms`);
    expect(Date.now() - started).toBeLessThan(PING_TIMEOUT_MS + 500);
  });
});
