import { ApiKey, ApiKeyRepository } from '@lib/persistence';
import { ApiKeyCache, ApiKeyVerifier, KeyStoreUnavailableException } from './api-key.guard';

describe('ApiKeyVerifier when the key store fails', () => {
  const key = { _id: 'k1', name: 'ingest', scopes: ['ingest'] } as unknown as ApiKey;
  const presented = 'ap_k1_secret';

  /** A verifier whose cache had `answer` for `presented`, expired now (as 10 s after the lookup). */
  const afterExpiry = async (answer: ApiKey | null) => {
    const findActiveByKey = jest.fn<Promise<ApiKey | null>, [string]>();
    const cache = new ApiKeyCache();
    cache.set(ApiKeyRepository.hash(presented), answer, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { findActiveByKey, cache, verifier: new ApiKeyVerifier({ findActiveByKey } as unknown as ApiKeyRepository, cache) };
  };

  it('answers with the last answer it had for the key, and asks again only after a cache period', async () => {
    const { findActiveByKey, verifier } = await afterExpiry(key);
    findActiveByKey.mockRejectedValue(new Error('connection <monitor> timed out'));
    expect(await verifier.verify(presented)).toBe(key);
    expect(await verifier.verify(presented)).toBe(key);
    expect(findActiveByKey).toHaveBeenCalledTimes(1);
  });

  it('never answers with a key revoked through this gateway, even from an expired entry', async () => {
    const { findActiveByKey, verifier, cache } = await afterExpiry(key);
    cache.forget('k1');
    findActiveByKey.mockRejectedValue(new Error('connection refused'));
    await expect(verifier.verify(presented)).rejects.toBeInstanceOf(KeyStoreUnavailableException);
  });

  it('still answers for a key it knew after a flood of made-up keys, when the store then fails', async () => {
    const findActiveByKey = jest.fn<Promise<ApiKey | null>, [string]>(async (presentedKey) => (presentedKey === presented ? key : null));
    const cache = new ApiKeyCache();
    const verifier = new ApiKeyVerifier({ findActiveByKey } as unknown as ApiKeyRepository, cache);
    expect(await verifier.verify(presented)).toBe(key);
    for (let i = 0; i < 10_001; i++) expect(await verifier.verify(`ap_made_up_${i}`)).toBeNull();
    findActiveByKey.mockRejectedValue(new Error('connection refused'));
    expect(cache.get(ApiKeyRepository.hash(presented))?.key).toBe(key);
    expect(await verifier.verify(presented)).toBe(key);
  });

  it('keeps refusing a key it knew as unknown', async () => {
    const { findActiveByKey, verifier } = await afterExpiry(null);
    findActiveByKey.mockRejectedValue(new Error('connection refused'));
    expect(await verifier.verify(presented)).toBeNull();
  });

  it('does not wait on a hung lookup for more than 2 s', async () => {
    const { findActiveByKey, verifier } = await afterExpiry(key);
    findActiveByKey.mockReturnValue(new Promise(() => undefined));
    const started = Date.now();
    expect(await verifier.verify(presented)).toBe(key);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses a key it has never seen with a 503 naming the cause', async () => {
    const findActiveByKey = jest.fn<Promise<ApiKey | null>, [string]>().mockRejectedValue(new Error('connection refused'));
    const verifier = new ApiKeyVerifier({ findActiveByKey } as unknown as ApiKeyRepository, new ApiKeyCache());
    const refusal = await verifier.verify(presented).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(KeyStoreUnavailableException);
    expect((refusal as KeyStoreUnavailableException).getStatus()).toBe(503);
    expect((refusal as Error).message).toBe('API keys cannot be checked right now (the database did not answer: connection refused); retry in 5 s');
  });

  it("names no server in the 503, which anyone presenting a made-up key reads: the log has the driver's words", async () => {
    const findActiveByKey = jest.fn<Promise<ApiKey | null>, [string]>().mockRejectedValue(new Error('getaddrinfo ENOTFOUND mongo.internal.example (mongodb://ops:s3cret@mongo.internal.example:27017)'));
    const verifier = new ApiKeyVerifier({ findActiveByKey } as unknown as ApiKeyRepository, new ApiKeyCache());
    const refusal = await verifier.verify(presented).catch((error: unknown) => error);
    expect((refusal as Error).message).toBe('API keys cannot be checked right now (the database did not answer: getaddrinfo ENOTFOUND <address> (<address>)); retry in 5 s');
  });
});
