import { refusedRequestStatus } from './refused-request-status.plugin';

const error = (status: number) => ({ extensions: { status } });

describe('refusedRequestStatus', () => {
  it('is the refusal of the key when nothing was answered and every error refuses the key', () => {
    expect(refusedRequestStatus({ data: null, errors: [error(401)] })).toBe(401);
    expect(refusedRequestStatus({ errors: [error(403), error(401)] })).toBe(401);
    expect(refusedRequestStatus({ data: { a: null, b: null }, errors: [error(429), error(403)] })).toBe(403);
    expect(refusedRequestStatus({ data: null, errors: [error(429)] })).toBe(429);
  });

  it('is undefined for an answer with data, errors of another kind, or no errors', () => {
    expect(refusedRequestStatus({ data: { a: 1, b: null }, errors: [error(403)] })).toBeUndefined();
    expect(refusedRequestStatus({ data: null, errors: [error(403), error(400)] })).toBeUndefined();
    expect(refusedRequestStatus({ data: null, errors: [{}] })).toBeUndefined();
    expect(refusedRequestStatus({ data: { a: 1 } })).toBeUndefined();
  });
});
