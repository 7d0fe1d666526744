import { isJetStreamError, JetStreamErrorCode, jetStreamErrorCode } from './jetstream-errors';

describe('isJetStreamError', () => {
  it('matches the API error code and nothing else', () => {
    const notFound = Object.assign(new Error('stream not found'), { api_error: { code: 404, err_code: 10059, description: 'stream not found' } });
    expect(isJetStreamError(notFound, JetStreamErrorCode.STREAM_NOT_FOUND)).toBe(true);
    expect(isJetStreamError(notFound, JetStreamErrorCode.NO_MESSAGE_FOUND)).toBe(false);
    expect(isJetStreamError(new Error('timeout'), JetStreamErrorCode.STREAM_NOT_FOUND)).toBe(false);
    expect(isJetStreamError(undefined, JetStreamErrorCode.STREAM_NOT_FOUND)).toBe(false);
    expect(jetStreamErrorCode(notFound)).toBe(10059);
    expect(jetStreamErrorCode(new Error('timeout'))).toBeUndefined();
  });
});
