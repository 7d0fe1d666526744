import type { KV } from 'nats';

/**
 * The outcome of the leaderboard's daily maintenance, kept in NATS KV: the leaderboard instances
 * read it to run once a day, the gateway to show it on the dashboard. Both go through
 * readMaintenanceRecord / writeMaintenanceRecord, so the key and the format live here only.
 */
const MAINTENANCE_RECORD_KEY = 'daily-maintenance';

export function maintenanceBucket(pipelinePrefix: string): string {
  return `${pipelinePrefix}-leaderboard-jobs`;
}

export interface MaintenanceRecord {
  /** Local day (TIME_ZONE) of the last completed run. */
  day: string;
  finishedAt?: string;
  archived?: number;
  archiveFailures?: number;
  /** The (last) day whose day boards were verified; absent when the run verified nothing (a deployment's first). */
  verifiedDay?: string;
  /** The first day verified, when the run verified several (days without a run before it); absent when verifiedDay alone. */
  verifiedFrom?: string;
  /** Board entries that differed from the usage logs at that verify. */
  driftEntries?: number;
}

/** The stored record, or null before the first run; a bare date is what leaderboards stored before the record had fields. */
export async function readMaintenanceRecord(kv: Pick<KV, 'get'>): Promise<MaintenanceRecord | null> {
  const entry = await kv.get(MAINTENANCE_RECORD_KEY);
  if (!entry || entry.operation !== 'PUT') return null;
  const stored = entry.string();
  return stored.startsWith('{') ? (JSON.parse(stored) as MaintenanceRecord) : { day: stored };
}

export async function writeMaintenanceRecord(kv: Pick<KV, 'put'>, record: MaintenanceRecord): Promise<void> {
  await kv.put(MAINTENANCE_RECORD_KEY, JSON.stringify(record));
}
