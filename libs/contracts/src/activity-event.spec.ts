import { idProblem, USER_ID } from './activity-event';

describe('idProblem', () => {
  it('accepts what USER_ID accepts, and explains the rest by the character, emptiness or length at fault', () => {
    for (const id of ['alice', 'a.b_c:d@e+f=g/h-1', 'x'.repeat(128)]) expect([id, idProblem(id), USER_ID.test(id)]).toEqual([id, undefined, true]);
    expect(idProblem('a b')).toBe('may hold only letters, digits and . _ : @ + = / - (found " ")');
    expect(idProblem('$ne')).toBe('may hold only letters, digits and . _ : @ + = / - (found "$")');
    expect(idProblem('é')).toBe('may hold only letters, digits and . _ : @ + = / - (found "é")');
    expect(idProblem('')).toBe('must not be empty');
    expect(idProblem('x'.repeat(129))).toBe('must be at most 128 characters');
  });
});
