import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash, randomBytes } from 'node:crypto';
import { Model } from 'mongoose';
import { ApiKey, ApiKeyScope } from '../schemas/api-key.schema';
import { byId } from '../mongo-filters';

export interface CreatedApiKey {
  id: string;
  /** Shown once: only its hash is stored. */
  key: string;
  scopes: ApiKeyScope[];
}

/**
 * Keys look like `ap_<id>_<secret>`: 128 random bits of secret, so a plain SHA-256 is a safe
 * stored form (no need for a slow password hash, which would cost every request).
 */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectModel(ApiKey.name) private readonly model: Model<ApiKey>) {}

  static hash(key: string): string {
    return createHash('sha256').update(key).digest('hex');
  }

  async create(name: string, scopes: ApiKeyScope[], userId?: string): Promise<CreatedApiKey> {
    const id = randomBytes(6).toString('hex');
    const key = `ap_${id}_${randomBytes(16).toString('base64url')}`;
    await this.model.create({ _id: id, hash: ApiKeyRepository.hash(key), name, scopes, userId, createdAt: new Date() });
    return { id, key, scopes };
  }

  findActiveByKey(key: string): Promise<ApiKey | null> {
    return this.model.findOne({ hash: { $eq: ApiKeyRepository.hash(key) }, revokedAt: { $exists: false } }).lean<ApiKey>().exec();
  }

  /** The key as it was before it was revoked now, or null when no active key has this id. */
  revoke(id: string): Promise<ApiKey | null> {
    return this.model.findOneAndUpdate({ ...byId(id), revokedAt: { $exists: false } }, { $set: { revokedAt: new Date() } }).lean<ApiKey>().exec();
  }

  /** Which of these keys are revoked (one query). */
  async revokedAmong(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return (await this.model.find({ _id: { $in: ids }, revokedAt: { $exists: true } }, { _id: 1 }).lean<Array<{ _id: string }>>().exec()).map((k) => k._id);
  }

  /** Takes back a revocation (of a key that turned out to be the last admin key). */
  async unrevoke(id: string): Promise<void> {
    await this.model.updateOne(byId(id), { $unset: { revokedAt: 1 } });
  }

  async activeAdminIds(): Promise<string[]> {
    return (await this.model.find({ scopes: { $eq: 'admin' }, revokedAt: { $exists: false } }, { _id: 1 }).lean<Array<{ _id: string }>>().exec()).map((k) => k._id);
  }

  list(): Promise<ApiKey[]> {
    return this.model.find({}, { hash: 0 }).sort({ createdAt: 1 }).lean<ApiKey[]>().exec();
  }
}
