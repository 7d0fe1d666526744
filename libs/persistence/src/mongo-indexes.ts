import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, mongo, Schema } from 'mongoose';

/** A collection no model uses: explaining a query on it creates nothing. */
const PROBE_COLLECTION = 'index_probe';

/**
 * Whether the server answers a filter on a field other than `_id` from an index. MongoDB does
 * (and has no `filterPushdown` in its explain output). FerretDB's SQLite backend does not: it
 * reads the whole table and filters every such query in its own process (`explain` answers
 * `filterPushdown: false`, SQLite plan `SCAN`). Measured there (2026-11-23, 100,000 usage logs):
 * the same queries took 15–17 s with the usage_logs indexes and without, and inserts cost 206 µs
 * per document with them, 118 without.
 */
export async function serverUsesSecondaryIndexes(db: mongo.Db): Promise<boolean> {
  const plan = await db.collection(PROBE_COLLECTION).find({ probe: { $eq: '' } }).explain('queryPlanner');
  return plan.filterPushdown !== false;
}

/** What the connected server can do, asked once per process (every caller shares the answer). */
@Injectable()
export class MongoServerCapabilities {
  private secondaryIndexes?: Promise<boolean>;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  /** `serverUsesSecondaryIndexes` of this connection's database. */
  usesSecondaryIndexes(): Promise<boolean> {
    const db = this.connection.db;
    if (!db) return Promise.reject(new Error('MongoServerCapabilities: the Mongo connection is not open'));
    this.secondaryIndexes ??= serverUsesSecondaryIndexes(db).catch((error: unknown) => {
      this.secondaryIndexes = undefined; // ask again next time rather than remember a failure
      throw error;
    });
    return this.secondaryIndexes;
  }
}

/** A schema's indexes to create: all of them, or only the unique ones (constraints, not speed) on a server that reads no secondary index. */
export function indexesToCreate(schema: Schema, secondaryIndexesServe: boolean): mongo.IndexDescription[] {
  return schema
    .indexes()
    .filter(([, options]) => secondaryIndexesServe || options.unique === true)
    .map(([key, options]) => ({ ...(options as Omit<mongo.IndexDescription, 'key'>), key: key as mongo.IndexDescription['key'] }));
}

/** Creates `indexesToCreate` on a collection; returns how many of the schema's indexes it left out. */
export async function createSchemaIndexes(collection: mongo.Collection, schema: Schema, secondaryIndexesServe: boolean): Promise<number> {
  const indexes = indexesToCreate(schema, secondaryIndexesServe);
  if (indexes.length > 0) await collection.createIndexes(indexes);
  return schema.indexes().length - indexes.length;
}

/**
 * Creates every model's indexes before the app serves (instead of mongoose's `autoIndex`, which
 * creates all of them in the background): on a server that reads no secondary index, only the
 * unique ones, so inserts do not pay for indexes no query uses. Existing indexes are left alone.
 */
@Injectable()
export class MongoIndexesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('MongoIndexes');

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly server: MongoServerCapabilities,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const secondaryIndexesServe = await this.server.usesSecondaryIndexes();
    let leftOut = 0;
    for (const model of Object.values(this.connection.models)) {
      try {
        leftOut += await createSchemaIndexes(model.collection as unknown as mongo.Collection, model.schema, secondaryIndexesServe);
      } catch (error) {
        throw new Error(`MongoIndexes: could not create the indexes of ${model.collection.collectionName}: ${(error as Error).message}`);
      }
    }
    if (leftOut > 0) {
      this.logger.log({ msg: 'secondary indexes not created: this Mongo server filters every query but _id equality without them', leftOut });
    }
  }
}
