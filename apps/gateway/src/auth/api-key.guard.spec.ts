import { INVALID_KEY, keyRefusal, MISSING_KEY, presentedKey } from './api-key.guard';

describe('keyRefusal', () => {
  const refusal = (headers: Record<string, string>) => keyRefusal(headers, presentedKey(headers));

  it('says a key is missing when no header holds one', () => {
    expect(refusal({})).toBe(MISSING_KEY);
  });

  it('names the Bearer scheme an Authorization header lacks, where it said the key was missing', () => {
    expect(refusal({ authorization: 'ap_0123456789ab_secret' })).toBe('Authorization holds no "Bearer <key>": send the API key as Authorization: Bearer <key>, or as x-api-key: <key>');
  });

  it('says what a key looks like when the value sent is none, and only "invalid or revoked" for one that is', () => {
    const hint = `${INVALID_KEY}: a key looks like ap_<id>_<secret>, sent alone (no quotes, and "Bearer " only in Authorization)`;
    expect(refusal({ 'x-api-key': 'Bearer ap_0123456789ab_secret' })).toBe(hint);
    expect(refusal({ 'x-api-key': '"ap_0123456789ab_secret"' })).toBe(hint);
    expect(refusal({ 'x-api-key': 'ap_0123456789ab_revoked-or-made-up' })).toBe(INVALID_KEY);
    expect(refusal({ authorization: 'Bearer ap_0123456789ab_revoked' })).toBe(INVALID_KEY);
  });
});
