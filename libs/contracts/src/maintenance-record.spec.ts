import { maintenanceBucket, parseMaintenanceRecord } from './maintenance-record';

describe('maintenance record', () => {
  it('reads the record and the bare date older leaderboards stored', () => {
    const record = { day: '2026-11-24', finishedAt: '2026-11-24T03:00:05.000Z', archived: 2, archiveFailures: 0, verifiedDay: '2026-11-23', driftEntries: 0 };
    expect(parseMaintenanceRecord(JSON.stringify(record))).toEqual(record);
    expect(parseMaintenanceRecord('2026-11-23')).toEqual({ day: '2026-11-23' });
  });

  it('names the bucket after the deployment', () => {
    expect(maintenanceBucket('ap')).toBe('ap-leaderboard-jobs');
  });
});
