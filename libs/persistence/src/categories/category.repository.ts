import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Category } from './category.schema';

@Injectable()
export class CategoryRepository {
  constructor(@InjectModel(Category.name) private readonly model: Model<Category>) {}

  list(): Promise<Category[]> {
    return this.model.find().sort({ _id: 1 }).lean<Category[]>().exec();
  }

  findById(id: string): Promise<Category | null> {
    return this.model.findOne({ _id: { $eq: id } }).lean<Category>().exec();
  }

  async upsert(category: Omit<Category, 'updatedAt'>): Promise<void> {
    const { _id, ...fields } = category;
    await this.model.updateOne({ _id: { $eq: _id } }, { $set: { ...fields, updatedAt: new Date() } }, { upsert: true });
  }

  async remove(id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: { $eq: id } })).deletedCount === 1;
  }

  count(): Promise<number> {
    return this.model.estimatedDocumentCount().exec();
  }
}
