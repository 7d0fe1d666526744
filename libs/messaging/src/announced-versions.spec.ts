import { AnnouncedVersions, announcedAfterRead } from './announced-versions';

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

describe('AnnouncedVersions', () => {
  it('is news only when newer than what is held and every earlier announcement; keeps the changes of versions not held', () => {
    const announced = new AnnouncedVersions<string>();
    expect(announced.record(4, 'c4', 4)).toBe(false);
    expect(announced.isAhead(4)).toBe(false);
    expect(announced.record(5, 'c5', 4)).toBe(true);
    expect(announced.record(6, 'c6', 4)).toBe(true);
    expect(announced.record(5, 'c5', 4)).toBe(false);
    expect([announced.newest, announced.news, announced.isAhead(4), announced.isAhead(6)]).toEqual([6, 2, true, false]);
    expect(announced.changesBetween(4, 6)).toEqual(['c5', 'c6']);
  });

  it('lacks the changes when one between is missing (announced without it): the reader reloads', () => {
    const announced = new AnnouncedVersions<string>();
    announced.record(5, undefined, 4);
    announced.record(6, 'c6', 4);
    expect(announced.changesBetween(4, 6)).toBeUndefined();
    expect(announced.changesBetween(5, 6)).toEqual(['c6']);
    expect(announced.changesBetween(6, 5)).toBeUndefined();
  });

  it('forgets the changes the store has once read, and a version only another database had', () => {
    const announced = new AnnouncedVersions<string>();
    announced.record(99, 'c99', 4);
    announced.afterRead(4, announced.atRead());
    expect([announced.newest, announced.isAhead(4)]).toEqual([4, false]);
    announced.record(5, 'c5', 4);
    announced.afterRead(5, announced.atRead());
    expect(announced.changesBetween(4, 5)).toBeUndefined();
  });

  it('calls for a catch-up, batches waiting, for a version below the one held, until a read begun after it', () => {
    const announced = new AnnouncedVersions<string>();
    announced.record(9, 'c9', 8);
    announced.afterRead(9, announced.atRead());
    expect(announced.record(5, 'c5', 9)).toBe(true); // Mongo restored: its first change, or a stale value
    expect(announced.isAhead(9)).toBe(true);

    const readBefore = { newest: 9, news: 0 };
    announced.afterRead(9, readBefore); // a read that began before the announcement tells nothing
    expect(announced.isAhead(9)).toBe(true);
    announced.afterRead(5, announced.atRead());
    expect([announced.isAhead(5), announced.newest]).toEqual([false, 5]);
  });
});
