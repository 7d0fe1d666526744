import { UsageError } from '@lib/command-line';
import { gatewayAccess, gatewayUnreachable, keyRefused } from './gateway-access';

describe('gatewayAccess', () => {
  const saved = process.env.GATEWAY_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.GATEWAY_URL;
    else process.env.GATEWAY_URL = saved;
  });

  it('names where a URL that is not http(s) came from: the flag or the variable', () => {
    process.env.GATEWAY_URL = 'ftp://user:secret@gateway';
    // Before: "--url must be …" for a value from $GATEWAY_URL, with its password.
    expect(() => gatewayAccess({ key: 'k' }, 'the ingest scope')).toThrow(new UsageError('GATEWAY_URL must be an http:// or https:// address (got "ftp://user:***@gateway")'));
    expect(() => gatewayAccess({ url: 'ftp://gateway', key: 'k' }, 'the ingest scope')).toThrow(new UsageError('--url must be an http:// or https:// address (got "ftp://gateway")'));
    expect(gatewayAccess({ url: 'http://127.0.0.1:3000/', key: 'k' }, 'the ingest scope')).toMatchObject({ url: 'http://127.0.0.1:3000', key: 'k', keySource: '--key' });
  });

  it('refuses an empty --key (the gateway answered "missing API key" to each request)', () => {
    expect(() => gatewayAccess({ url: 'http://127.0.0.1:3000', key: '' }, 'the ingest scope')).toThrow(new UsageError('--key must not be empty'));
  });

  it('masks a password of the URL in its errors', () => {
    const access = gatewayAccess({ url: 'http://ops:secret@127.0.0.1:1', key: 'k' }, 'the ingest scope');
    expect(gatewayUnreachable(access, new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') })).message).toBe(
      'cannot reach the gateway at http://ops:***@127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1 (is the stack running? npm start)',
    );
    expect(keyRefused(access, 401, 'invalid or revoked API key').message).toBe('the gateway at http://ops:***@127.0.0.1:1 refused the key: invalid or revoked API key (the key from --key; it needs the ingest scope)');
  });
});
