import { NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { filterHost } from '../../../test/support/filter-host';
import { HttpExceptionFilter } from './http-exception.filter';

describe('HttpExceptionFilter', () => {
  it("keeps a failed readiness check's answer, whose error names the server that is down", () => {
    const result = {
      status: 'error',
      info: { mongo: { status: 'up' } },
      error: { nats: { status: 'down', message: 'disconnected from NATS (NATS_URL), reconnecting' } },
      details: { mongo: { status: 'up' }, nats: { status: 'down', message: 'disconnected from NATS (NATS_URL), reconnecting' } },
    };
    const { host, sent } = filterHost('http');
    new HttpExceptionFilter().catch(new ServiceUnavailableException(result), host);
    expect(sent).toEqual({ status: 503, headers: {}, body: result });
  });

  it('answers any other exception in the one error shape', () => {
    const { host, sent } = filterHost('http');
    new HttpExceptionFilter().catch(new NotFoundException('dead letter 2 does not exist'), host);
    expect(sent).toEqual({ status: 404, headers: {}, body: { statusCode: 404, error: 'Not Found', message: 'dead letter 2 does not exist' } });
  });
});
