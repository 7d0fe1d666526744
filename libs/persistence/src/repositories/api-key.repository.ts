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

  async revoke(id: string): Promise<boolean> {
    const result = await this.model.updateOne({ ...byId(id), revokedAt: { $exists: false } }, { $set: { revokedAt: new Date() } });
    return result.modifiedCount === 1;
  }

  list(): Promise<ApiKey[]> {
    return this.model.find({}, { hash: 0 }).sort({ createdAt: 1 }).lean<ApiKey[]>().exec();
  }
}
