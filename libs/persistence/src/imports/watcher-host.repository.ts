import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { WatcherHost } from './watcher-host.schema';
import { byId } from '../mongo-filters';

/** Hostnames compare case-insensitively, as DNS names do. */
@Injectable()
export class WatcherHostRepository {
  constructor(@InjectModel(WatcherHost.name) private readonly model: Model<WatcherHost>) {}

  async put(hostname: string, userId: string): Promise<WatcherHost> {
    const host = { _id: hostname.toLowerCase(), userId, updatedAt: new Date() };
    await this.model.updateOne(byId(host._id), { $set: { userId: host.userId, updatedAt: host.updatedAt } }, { upsert: true });
    return host;
  }

  async remove(hostname: string): Promise<boolean> {
    return (await this.model.deleteOne(byId(hostname.toLowerCase()))).deletedCount === 1;
  }

  list(): Promise<WatcherHost[]> {
    return this.model.find().sort({ _id: 1 }).lean<WatcherHost[]>().exec();
  }

  async userOf(hostname: string): Promise<string | undefined> {
    return (await this.model.findOne(byId(hostname.toLowerCase())).lean<WatcherHost>().exec())?.userId;
  }
}
