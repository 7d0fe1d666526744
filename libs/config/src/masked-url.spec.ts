import { maskedUrl } from './masked-url';

describe('maskedUrl', () => {
  it('masks a password, and keeps the rest as configured', () => {
    expect(maskedUrl('redis://default:s3cret@cache:6379/2')).toBe('redis://default:***@cache:6379/2');
    expect(maskedUrl('mongodb://app:s3cret@db.example:27017/?authSource=admin')).toBe('mongodb://app:***@db.example:27017/?authSource=admin');
    expect(maskedUrl('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
  });

  it('masks a token given alone before the host (nats://TOKEN@host): it was shown whole', () => {
    expect(maskedUrl('nats://s3cr3t-token@n1:4222,nats://other@n2:4222')).toBe('nats://***@n1:4222,nats://***@n2:4222');
    expect(maskedUrl('redis:/s3cret@cache')).toBe('redis:/***@cache');
  });

  it('masks credentials given as query parameters (ioredis reads ?password=, Mongo AWS tokens and TLS key passwords)', () => {
    expect(maskedUrl('redis://cache:6379?password=s3cret&db=1')).toBe('redis://cache:6379?password=***&db=1');
    expect(maskedUrl('mongodb://db/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:abc&tlsCertificateKeyFilePassword=pw')).toBe(
      'mongodb://db/?authMechanism=MONGODB-AWS&authMechanismProperties=***&tlsCertificateKeyFilePassword=***',
    );
  });
});
