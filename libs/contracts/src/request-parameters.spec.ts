import { eventBatchOf, parseChoice, parseInteger, parseUserId } from './request-parameters';
import { RpcError } from './rpc';

/** The RpcError `run` throws, as status, message and details. */
function refusal(run: () => unknown): { status: number; message: string; details: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof RpcError) return { status: error.status, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('nothing was refused');
}

describe('parseInteger', () => {
  it('reads text and numbers, and takes the fallback for an absent or empty value', () => {
    expect(parseInteger('20', 'limit', { min: 1, max: 500, fallback: 25 })).toBe(20);
    expect(parseInteger(7, 'limit', { min: 1, max: 500, fallback: 25 })).toBe(7);
    for (const absent of [undefined, null, '']) expect(parseInteger(absent, 'limit', { min: 1, max: 500, fallback: 25 })).toBe(25);
  });

  // Number() read blanks as 0, '0x10' as 16 and '1e1' as 10: `offset= ` was the first page and `limit=0x10` 16 entries (until 2026-11-25).
  it.each([['0'], ['501'], ['1.5'], ['x'], [['1', '2']], [true], [' '], ['0x10'], ['1e1'], [' 7'], ['7 ']])('refuses %j as a 400 naming the parameter', (value) => {
    expect(refusal(() => parseInteger(value, 'limit', { min: 1, max: 500, fallback: 25 }))).toEqual({ status: 400, message: 'limit must be an integer from 1 to 500', details: { field: 'limit' } });
  });

  it('refuses blanks where 0 is allowed (Number read them as 0)', () => {
    expect(refusal(() => parseInteger(' ', 'offset', { min: 0, max: 10, fallback: 0 }))).toEqual({ status: 400, message: 'offset must be an integer from 0 to 10', details: { field: 'offset' } });
  });

  it('requires a value without a fallback, and says what the number stands for', () => {
    expect(refusal(() => parseInteger(undefined, 'id', { min: 1, max: 9, meaning: 'a sequence number' }))).toEqual({
      status: 400,
      message: 'id must be an integer from 1 to 9 (a sequence number)',
      details: { field: 'id' },
    });
  });
});

describe('parseChoice', () => {
  const periods = ['day', 'week'] as const;

  it('reads a choice and takes the fallback for an absent or empty value', () => {
    expect(parseChoice('week', 'period', periods, 'day')).toBe('week');
    expect(parseChoice('', 'period', periods, 'day')).toBe('day');
    expect(parseChoice(undefined, 'format', periods, undefined)).toBeUndefined();
  });

  it('refuses anything else as a 400 naming the parameter', () => {
    expect(refusal(() => parseChoice('year', 'period', periods, 'day'))).toEqual({ status: 400, message: 'period must be one of day, week', details: { field: 'period' } });
  });
});

describe('eventBatchOf', () => {
  it.each([
    ['no list', undefined],
    ['null', null],
    ['a text', 'x'],
    ['an empty list', []],
    ['1,001 events', Array.from({ length: 1001 }, () => ({}))],
  ])('refuses %s as a 400 naming events', (_name, events) => {
    expect(refusal(() => eventBatchOf(events))).toEqual({ status: 400, message: 'events must be an array of 1 to 1000 events', details: { field: 'events' } });
  });
});

describe('parseUserId', () => {
  it('takes an id of 1 to 128 id characters and names the field and the character at fault otherwise', () => {
    expect(parseUserId('ada.l+work@example.org')).toBe('ada.l+work@example.org');
    const only = 'may hold only letters, digits and . _ : @ + = / -';
    expect(refusal(() => parseUserId('a b'))).toEqual({ status: 400, message: `userId ${only} (found " ")`, details: { field: 'userId' } });
    expect(refusal(() => parseUserId('é', 'users[2]'))).toEqual({ status: 400, message: `users[2] ${only} (found "é")`, details: { field: 'users[2]' } });
    expect(refusal(() => parseUserId('')).message).toBe('userId must not be empty');
    expect(refusal(() => parseUserId('x'.repeat(129))).message).toBe('userId must be at most 128 characters');
    expect(refusal(() => parseUserId(7)).message).toBe('userId must be a user id (a string)');
  });
});
