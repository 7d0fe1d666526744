import { parseArgs } from './leaderboard.cli';

describe('leaderboard CLI arguments', () => {
  it('reads the command, the date range, the periods and the line cap', () => {
    expect(parseArgs(['verify', '--from', '2026-11-01', '--to', '2026-11-07', '--periods', 'day, week', '--max-lines', '10'])).toEqual({
      command: 'verify',
      scope: { from: '2026-11-01', to: '2026-11-07', periods: ['day', 'week'] },
      maxLines: 10,
    });
    expect(parseArgs(['rebuild'])).toEqual({ command: 'rebuild', scope: { from: undefined, to: undefined, periods: undefined }, maxLines: 1000 });
  });

  it('names what is wrong', () => {
    expect(() => parseArgs([])).toThrow(/^missing the command \(verify, rebuild or archive\)\nusage:/);
    // The usage names the commands as a user types them, npm scripts (it read "leaderboard verify").
    expect(() => parseArgs(['fix'])).toThrow(/\n {2}npm run leaderboard:verify -- \[--from[^]*\n {2}npm run leaderboard:rebuild -- [^]*\n {2}npm run leaderboard:archive\n/);
    expect(() => parseArgs(['fix'])).toThrow(/^unknown command "fix"\nusage:/);
    expect(() => parseArgs(['verify', 'rebuild'])).toThrow(/^unexpected argument "rebuild"\nusage:/);
    expect(() => parseArgs(['verify', '--since', 'x'])).toThrow(/^Unknown option '--since'.*\nusage:/);
    expect(() => parseArgs(['verify', '--from'])).toThrow(/^Option '--from <value>' argument missing\nusage:/);
    expect(() => parseArgs(['verify', '--periods', 'day,year'])).toThrow('--periods must list some of day, week, month, all (unknown: year)');
    expect(() => parseArgs(['verify', '--max-lines=-1'])).toThrow('--max-lines must be a whole number ≥ 0, got "-1"');
    // The date range, checked before the CLI connects to anything.
    expect(() => parseArgs(['verify', '--from', '2026-11-01'])).toThrow('--from and --to go together: give both or neither');
    expect(() => parseArgs(['verify', '--from', '2026-13-01', '--to', '2026-12-01'])).toThrow('--from must be a calendar date YYYY-MM-DD: months are 01 to 12, got "2026-13-01"');
    expect(() => parseArgs(['rebuild', '--from', '2026-11-20', '--to', '2026-11-01'])).toThrow('--to (2026-11-01) must not be before --from (2026-11-20)');
    expect(() => parseArgs(['verify', '--from', '2026-11-01', '--to', '2026-11-02', '--periods', 'all'])).toThrow(/^all-time boards need every usage log/);
  });
});
