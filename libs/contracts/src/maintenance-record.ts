/**
 * The outcome of the leaderboard's daily maintenance, kept in NATS KV: the leaderboard instances
 * read it to run once a day, the gateway to show it on the dashboard.
 */
export const MAINTENANCE_RECORD_KEY = 'daily-maintenance';

export function maintenanceBucket(pipelinePrefix: string): string {
  return `${pipelinePrefix}-leaderboard-jobs`;
}

export interface MaintenanceRecord {
  /** Local day (TIME_ZONE) of the last completed run. */
  day: string;
  finishedAt?: string;
  archived?: number;
  archiveFailures?: number;
  /** The day whose day boards were verified; absent when the run verified nothing (a deployment's first). */
  verifiedDay?: string;
  /** Board entries that differed from the usage logs at that verify. */
  driftEntries?: number;
}

/** A stored record; a bare date is what leaderboards stored before the record had fields. */
export function parseMaintenanceRecord(stored: string): MaintenanceRecord {
  return stored.startsWith('{') ? (JSON.parse(stored) as MaintenanceRecord) : { day: stored };
}
