import { RpcError } from '@lib/contracts';
import { validCreateApiKeyInput } from './api-keys.service';

/** What validCreateApiKeyInput refuses `body` with: message and field. */
async function refusal(body: unknown): Promise<{ message: string; field: unknown }> {
  const error = await validCreateApiKeyInput(body).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof RpcError)) throw new Error(`not refused with an RpcError: ${String(error)}`);
  return { message: error.message, field: (error.details as { field?: unknown }).field };
}

describe('validCreateApiKeyInput', () => {
  it.each([
    [{ name: 'x' }, 'scopes is required: a list of ingest, read, admin', 'scopes'],
    [{ name: 'x', scopes: 'admin' }, 'scopes must be a list of ingest, read, admin', 'scopes'],
    [{ name: 'x', scopes: [] }, 'scopes must name at least one scope', 'scopes'],
    [{ name: 'x', scopes: ['root', 'read', 'ingest', 'admin'] }, 'scopes may only contain ingest, read, admin', 'scopes'],
    [{ name: 'x', scopes: ['read', 'read', 'ingest', 'admin'] }, 'scopes must list each of ingest, read, admin at most once', 'scopes'],
    [{ scopes: ['read'] }, 'name is required: a text of 1 to 100 characters', 'name'],
    [{ name: 7, scopes: ['read'] }, 'name must be a text', 'name'],
    [{ name: '', scopes: [] }, 'name must be 1 to 100 characters; scopes must name at least one scope', 'name'],
    [{ name: 'x', scopes: ['read'], admin: true }, 'admin is not a known field (use name, scopes, userId)', 'admin'],
    [[], 'body must be an object { name, scopes, userId? }', 'body'],
  ])('refuses %j with only the reason that applies to each property, naming the first', async (body, message, field) => {
    expect(await refusal(body)).toEqual({ message, field });
  });

  it('takes a valid key, its scopes without repeats', async () => {
    expect(await validCreateApiKeyInput({ name: 'x', scopes: ['read', 'read'], userId: 'alice' })).toMatchObject({ name: 'x', scopes: ['read'], userId: 'alice' });
  });
});
