import type { KV, KvEntry } from 'nats';
import { maintenanceBucket, readMaintenanceRecord, writeMaintenanceRecord } from './maintenance-record';

/** An in-memory stand-in for the two KV calls the helpers make. */
function memoryKv(): Pick<KV, 'get' | 'put'> {
  const values = new Map<string, string>();
  return {
    get: async (key: string) => (values.has(key) ? ({ operation: 'PUT', string: () => values.get(key)! } as KvEntry) : null),
    put: async (key: string, value: string | Uint8Array) => {
      values.set(key, String(value));
      return values.size;
    },
  } as Pick<KV, 'get' | 'put'>;
}

describe('maintenance record', () => {
  it('reads the record and the bare date older leaderboards stored', async () => {
    const record = { day: '2026-11-24', finishedAt: '2026-11-24T03:00:05.000Z', archived: 2, archiveFailures: 0, verifiedDay: '2026-11-23', driftEntries: 0 };
    const kv = memoryKv();
    expect(await readMaintenanceRecord(kv)).toBeNull();
    await writeMaintenanceRecord(kv, record);
    expect(await readMaintenanceRecord(kv)).toEqual(record);
    await kv.put('daily-maintenance', '2026-11-23');
    expect(await readMaintenanceRecord(kv)).toEqual({ day: '2026-11-23' });
  });

  it('names the bucket after the deployment', () => {
    expect(maintenanceBucket('ap')).toBe('ap-leaderboard-jobs');
  });
});
