import { announcedAfterRead } from './ruleset-broadcast';

describe('announcedAfterRead', () => {
  it('keeps an announced version the store has, or one announced during the read (its version may be newer than what the read saw)', () => {
    expect(announcedAfterRead(7, 7, 7)).toBe(7);
    expect(announcedAfterRead(6, 6, 7)).toBe(7);
    expect(announcedAfterRead(6, 7, 8)).toBe(8);
  });

  it('drops one announced before the read that the store lacks: it came from another database', () => {
    expect(announcedAfterRead(4, 99, 99)).toBe(4);
  });
});
