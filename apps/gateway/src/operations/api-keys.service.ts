import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { invalidInput, RpcError } from '@lib/contracts';
import { ApiKeyRepository } from '@lib/persistence';
import { ApiKeyRevocations } from '../auth/api-key-revocations.service';
import { ApiKeyInfo, CreateApiKeyInput, CreatedApiKey } from './api-keys.dto';

/** API key administration; secrets are returned once, at creation, and never listed. */
@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeyRepository, private readonly revocations: ApiKeyRevocations) {}

  async create(body: unknown): Promise<CreatedApiKey> {
    return createApiKey(this.keys, await validCreateApiKeyInput(body));
  }

  list(): Promise<ApiKeyInfo[]> {
    return listApiKeys(this.keys);
  }

  /**
   * Takes effect at once on every gateway instance (ApiKeyRevocations). The last active admin key
   * is kept (409): without one nobody can manage keys through the API, and only someone with the
   * database's address and the CLI could make another. Checked again after revoking, so two
   * admins revoking each other at once do not both succeed.
   */
  async revoke(id: string): Promise<void> {
    const admins = await this.keys.activeAdminIds();
    if (admins.length === 1 && admins[0] === id) throw lastAdminKey(id);
    const revoked = await this.keys.revoke(id);
    if (!revoked) throw new NotFoundException({ message: `no active API key with id ${id}`, field: 'id' });
    if (revoked.scopes.includes('admin') && (await this.keys.activeAdminIds()).length === 0) {
      await this.keys.unrevoke(id);
      throw lastAdminKey(id);
    }
    this.revocations.announce(id);
  }
}

function lastAdminKey(id: string): ConflictException {
  return new ConflictException({
    message: `${id} is the last active admin key: revoking it would leave no key that can manage keys. Create another admin key first, or revoke it with the api-key CLI (npm run apikey -- revoke ${id}), which can also create a new one (${NEW_ADMIN_KEY_COMMAND})`,
    field: 'id',
  });
}

/** How an operator gets an admin key when none is left (the API cannot make the first one). */
export const NEW_ADMIN_KEY_COMMAND = 'npm run apikey -- create --name ops --scopes admin';

/** Stores a checked key; the answer (with the secret, shown only here) of the endpoints and the CLI. */
export async function createApiKey(keys: ApiKeyRepository, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const created = await keys.create(input.name, input.scopes, input.userId);
  return { id: created.id, key: created.key, name: input.name, scopes: input.scopes, ...(input.userId ? { userId: input.userId } : {}) };
}

/** Every key, without secrets or hashes: the answer of the endpoints and the CLI. */
export async function listApiKeys(keys: ApiKeyRepository): Promise<ApiKeyInfo[]> {
  return (await keys.list()).map((k) => ({
    id: k._id,
    name: k.name,
    scopes: k.scopes,
    ...(k.userId ? { userId: k.userId } : {}),
    createdAt: new Date(k.createdAt).toISOString(),
    ...(k.revokedAt ? { revokedAt: new Date(k.revokedAt).toISOString() } : {}),
  }));
}

/** The one check of a new key, for the REST and GraphQL endpoints and the api-key CLI: scopes come back without repeats. */
export async function validCreateApiKeyInput(body: unknown): Promise<CreateApiKeyInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidInput('body', 'must be an object { name, scopes, userId? }');
  const input = plainToInstance(CreateApiKeyInput, body);
  // One reason per property, the first that applies (api-keys.dto.ts orders them).
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length > 0) {
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => (m.startsWith('property ') ? `${e.property} is not a known field (use name, scopes, userId)` : m)));
    throw new RpcError(400, messages.join('; '), { field: errors[0].property });
  }
  input.scopes = [...new Set(input.scopes)];
  return input;
}
