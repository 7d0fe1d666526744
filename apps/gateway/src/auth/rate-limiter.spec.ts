import { IncomingMessage } from 'node:http';
import { addressBudgetKey, forwardedClientAddress } from './rate-limiter';

describe('addressBudgetKey', () => {
  it('gives the addresses of one IPv6 /64 one budget, whatever their spelling', () => {
    const key = '2001:db8:0:7::/64';
    for (const address of ['2001:db8:0:7::1', '2001:0db8:0000:0007:ffff:ffff:ffff:ffff', '2001:DB8:0:7:1:2:3:4', '2001:db8:0:7::9%eth0']) {
      expect([address, addressBudgetKey(address)]).toEqual([address, key]);
    }
    expect(addressBudgetKey('2001:db8:0:8::1')).toBe('2001:db8:0:8::/64');
    expect(addressBudgetKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps an IPv4 address, mapped into IPv6 or not, and anything else as it is', () => {
    expect(addressBudgetKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressBudgetKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressBudgetKey('unknown')).toBe('unknown');
  });
});

describe('forwardedClientAddress', () => {
  const loopbackTrusted = (address: string) => address === '127.0.0.1';
  const request = (socketAddress: string, forwardedFor?: string) =>
    ({ socket: { remoteAddress: socketAddress }, connection: { remoteAddress: socketAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;
  it('reads X-Forwarded-For back from the socket while each hop is trusted, as Express reads req.ip', () => {
    expect(forwardedClientAddress(request('127.0.0.1', '198.51.100.7'), loopbackTrusted)).toBe('198.51.100.7');
    // A client's own entry in front of the proxy's is not believed.
    expect(forwardedClientAddress(request('127.0.0.1', '10.9.9.9, 198.51.100.7'), loopbackTrusted)).toBe('198.51.100.7');
    expect(forwardedClientAddress(request('203.0.113.5', '198.51.100.7'), loopbackTrusted)).toBe('203.0.113.5');
    expect(forwardedClientAddress(request('127.0.0.1'), loopbackTrusted)).toBe('127.0.0.1');
    expect(forwardedClientAddress(request('127.0.0.1', '198.51.100.7'), () => false)).toBe('127.0.0.1');
  });
});
