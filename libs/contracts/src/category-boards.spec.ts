import { boardsForCategory, classifiedAs, TaxonomyView } from './category-boards';

const taxonomy: TaxonomyView = {
  ancestors: (id) => (id === 'work:programming' ? ['work', 'work:programming'] : id === 'fun' ? ['fun'] : []),
  isProductive: (id) => id === 'work:programming',
};

describe('boardsForCategory', () => {
  it('lists each level of the path, productive when the category is, and total', () => {
    expect(boardsForCategory(taxonomy, 'work:programming')).toEqual(['work', 'work:programming', 'productive', 'total']);
    expect(boardsForCategory(taxonomy, 'fun')).toEqual(['fun', 'total']);
    expect(boardsForCategory(taxonomy, 'unknown-id')).toEqual(['unknown-id', 'total']);
  });
});

describe('classifiedAs', () => {
  it('sets the classification and boards on the event it is handed, keeping its fields', () => {
    const event = { eventId: 'e1', userId: 'u', app: 'Code', title: 't', startedAtMs: 1, durationSec: 60 };
    const classification = { categoryId: 'work:programming', source: 'rule' as const, confidence: 1, ruleId: 'r', rulesetVersion: 2 };
    const fieldsBefore = { ...event };
    const classified = classifiedAs(event, classification, taxonomy);
    expect(classified).toBe(event);
    expect(classified).toEqual({ ...fieldsBefore, classification, boards: ['work', 'work:programming', 'productive', 'total'] });
  });
});
