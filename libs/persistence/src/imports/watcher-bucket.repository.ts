import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { shortDigest } from '@lib/contracts';
import { Model } from 'mongoose';
import { insertIfAbsent } from '../mongo-errors';
import { WatcherBucket } from './watcher-bucket.schema';
import { byId } from '../mongo-filters';

@Injectable()
export class WatcherBucketRepository {
  constructor(@InjectModel(WatcherBucket.name) private readonly model: Model<WatcherBucket>) {}

  static idOf(userId: string, bucketId: string): string {
    return shortDigest(`${userId}\u0000${bucketId}`, 32);
  }

  /** False when the user already has a bucket with this id (aw-server answers 304 then). */
  async create(bucket: Omit<WatcherBucket, '_id' | 'createdAt'>): Promise<boolean> {
    return insertIfAbsent(this.model.collection, { _id: WatcherBucketRepository.idOf(bucket.userId, bucket.bucketId), ...bucket, createdAt: new Date() });
  }

  find(userId: string, bucketId: string): Promise<WatcherBucket | null> {
    return this.model.findOne(byId(WatcherBucketRepository.idOf(userId, bucketId))).lean<WatcherBucket>().exec();
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
