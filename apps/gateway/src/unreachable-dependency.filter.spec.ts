import { GraphQLError } from 'graphql';
import { MongoServerSelectionError } from 'mongodb';
import { filterHost as hostOf } from '../../../test/support/filter-host';
import { UnreachableDependencyFilter } from './unreachable-dependency.filter';

describe('UnreachableDependencyFilter', () => {
  const unreachable = new MongoServerSelectionError('connection <monitor> to 127.0.0.1:27017 timed out', { type: 'Unknown' } as never);

  it('answers an unreachable database with a 503 in the one error shape, and Retry-After', () => {
    const { host, sent } = hostOf('http');
    new UnreachableDependencyFilter().catch(unreachable, host);
    expect(sent).toEqual({
      status: 503,
      headers: { 'Retry-After': '5' },
      body: { statusCode: 503, error: 'Service Unavailable', message: 'the database is unreachable: retry in 5 s' },
    });
  });

  it('gives GraphQL the same as SERVICE_UNAVAILABLE, with the seconds to wait in extensions and Retry-After', () => {
    const { host, sent } = hostOf('graphql');
    const error = new UnreachableDependencyFilter().catch(unreachable, host) as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect([error.message, error.extensions]).toEqual(['the database is unreachable: retry in 5 s', { code: 'SERVICE_UNAVAILABLE', status: 503, retryAfter: 5 }]);
    expect(sent.headers).toEqual({ 'Retry-After': '5' });
  });

  it('leaves any other error to Nest (a 500, logged) and to Apollo', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(new UnreachableDependencyFilter().catch(bug, hostOf('graphql').host)).toBe(bug);
    const filter = new UnreachableDependencyFilter();
    const nest = jest.spyOn(Object.getPrototypeOf(UnreachableDependencyFilter.prototype), 'catch').mockReturnValue(undefined);
    try {
      const { host, sent } = hostOf('http');
      filter.catch(bug, host);
      expect(nest).toHaveBeenCalledWith(bug, host);
      expect(sent.status).toBeUndefined();
    } finally {
      nest.mockRestore();
    }
  });
});
