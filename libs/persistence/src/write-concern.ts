import type { WriteConcernSettings } from 'mongodb';

/**
 * Every write is acknowledged once journaled (and, on a replica set, by a majority): a stage acks
 * its JetStream message after its Mongo write, so an acknowledgement from memory alone (a
 * standalone MongoDB's default, journaled within 100 ms) could lose an accepted event in a host
 * crash. The benchmark's Mongo limit and BullMQ peer write with the same concern. FerretDB
 * accepts it (SQLite commits durably either way).
 */
export const DURABLE_WRITES: WriteConcernSettings = { w: 'majority', journal: true };
