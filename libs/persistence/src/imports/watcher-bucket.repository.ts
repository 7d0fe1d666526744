import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash } from 'node:crypto';
import { Model } from 'mongoose';
import { duplicateKeyErrorsOnly } from '../mongo-errors';
import { WatcherBucket } from './watcher-bucket.schema';

@Injectable()
export class WatcherBucketRepository {
  constructor(@InjectModel(WatcherBucket.name) private readonly model: Model<WatcherBucket>) {}

  static idOf(userId: string, bucketId: string): string {
    return createHash('sha256').update(`${userId}\u0000${bucketId}`).digest('base64url').slice(0, 32);
  }

  /** False when the user already has a bucket with this id (aw-server answers 304 then). */
  async create(bucket: Omit<WatcherBucket, '_id' | 'createdAt'>): Promise<boolean> {
    try {
      await this.model.collection.insertOne({ _id: WatcherBucketRepository.idOf(bucket.userId, bucket.bucketId) as never, ...bucket, createdAt: new Date() });
      return true;
    } catch (error) {
      if (duplicateKeyErrorsOnly(error)) return false;
      throw error;
    }
  }

  find(userId: string, bucketId: string): Promise<WatcherBucket | null> {
    return this.model.findOne({ _id: { $eq: WatcherBucketRepository.idOf(userId, bucketId) } }).lean<WatcherBucket>().exec();
  }

  listForUser(userId: string): Promise<WatcherBucket[]> {
    return this.model.find({ userId: { $eq: userId } }).sort({ bucketId: 1 }).lean<WatcherBucket[]>().exec();
  }

  /** Buckets created without a key; a keyless heartbeat names only the bucket id. */
  listKeyless(bucketId?: string): Promise<WatcherBucket[]> {
    const filter = bucketId === undefined ? { keyless: true } : { keyless: true, bucketId: { $eq: bucketId } };
    return this.model.find(filter).sort({ bucketId: 1 }).lean<WatcherBucket[]>().exec();
  }
}
