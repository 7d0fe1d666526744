import { cannotReach } from './fail-fast-connect';

describe('cannotReach', () => {
  it('names the server, its variable and its URL with any password masked', () => {
    expect(cannotReach('MONGO_URL', 'mongodb://127.0.0.1:1', new Error('connect ECONNREFUSED 127.0.0.1:1')).message).toBe(
      'cannot reach MongoDB at MONGO_URL=mongodb://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(cannotReach('REDIS_URL', 'redis://default:s3cret@cache:6379', 'timeout').message).toBe('cannot reach Redis at REDIS_URL=redis://default:***@cache:6379: timeout');
    expect(cannotReach('NATS_URL', 'nats://a:p@n1:4222,nats://b:q@n2:4222', new Error('TIMEOUT')).message).toBe(
      'cannot reach NATS at NATS_URL=nats://a:***@n1:4222,nats://b:***@n2:4222: TIMEOUT',
    );
  });
});
