import { describeMongoConnectError } from './mongo-connect-error';

const selectionError = (message: string, servers: Array<{ address: string; error?: Error }>) =>
  Object.assign(new Error(message), { reason: { servers: new Map(servers.map((s) => [s.address, s])) } });

describe('describeMongoConnectError', () => {
  it('says that a silent server is no MongoDB answer, naming the address (the driver: "Server selection timed out after 10000 ms")', () => {
    const error = selectionError('Server selection timed out after 10000 ms', [{ address: '127.0.0.1:6379' }]);
    expect(describeMongoConnectError(error, 10000)).toBe(
      "no MongoDB answer from 127.0.0.1:6379 within 10000 ms: is it another server's port (Redis…), a MongoDB that hangs, or a firewall dropping the connection?",
    );
  });

  it('says that a server hanging up is not a MongoDB (the driver: "connection <monitor> to … closed")', () => {
    const error = selectionError('connection <monitor> to 127.0.0.1:4222 closed', [{ address: '127.0.0.1:4222', error: new Error('connection <monitor> to 127.0.0.1:4222 closed') }]);
    expect(describeMongoConnectError(error, 10000)).toBe("127.0.0.1:4222 takes connections but closes them without a MongoDB answer: is it another server's port (NATS, HTTP…)?");
  });

  it('names the credentials MongoDB refused', () => {
    const error = Object.assign(new Error('Authentication failed.'), { code: 18 });
    expect(describeMongoConnectError(error, 10000)).toBe('MongoDB refused the credentials: Authentication failed.');
  });

  it("keeps the driver's words where they say it: a refused connection, an unknown host, a timeout with a reason", () => {
    expect(describeMongoConnectError(selectionError('connect ECONNREFUSED 127.0.0.1:1', [{ address: '127.0.0.1:1', error: new Error('connect ECONNREFUSED 127.0.0.1:1') }]), 10000)).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(describeMongoConnectError(new Error('getaddrinfo ENOTFOUND mongo.invalid'), 10000)).toBe('getaddrinfo ENOTFOUND mongo.invalid');
    expect(describeMongoConnectError('not an error', 10000)).toBe('not an error');
  });
});
