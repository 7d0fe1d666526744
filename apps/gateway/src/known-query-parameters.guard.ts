import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Request } from 'express';
import { invalidInput } from '@lib/contracts';

/** What Nest records for each `@Query('name')` argument of a route handler. */
interface RouteArgument {
  index: number;
  data?: unknown;
}

/**
 * A query parameter the route does not read is refused, naming it, as unknown body fields are: a
 * misspelt `?perod=week` answered the day board, and `?onconflict=skip` imported with `reject`;
 * and one given twice, naming it.
 * What a route reads is its handler's own `@Query('name')` arguments (a handler taking the whole
 * query object is not checked). Only the /v1 API: aw-server's routes keep accepting what
 * aw-client adds. A guard, not an interceptor: an interceptor wraps the handler, and an SSE
 * route's own 400 then became a 200 stream with an error event.
 */
@Injectable()
export class KnownQueryParametersGuard implements CanActivate {
  private readonly knownByHandler = new WeakMap<object, ReadonlySet<string> | null>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.path.startsWith('/v1/')) return true;
    const known = this.knownOf(context);
    const unknown = known && Object.keys(request.query).find((name) => !known.has(name));
    if (unknown) {
      const takes = known.size > 0 ? `it takes ${[...known].join(', ')}` : 'it takes none';
      throw invalidInput(unknown, `is not a query parameter of ${request.method} ${request.route?.path ?? request.path} (${takes})`);
    }
    // Each takes one value (a list as one, comma-separated): `?period=day&period=week` was refused for its value.
    const repeated = Object.entries(request.query).find(([, value]) => Array.isArray(value));
    if (repeated) {
      const [name, values] = repeated as [string, unknown[]];
      const shown = values.slice(0, 3).map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
      throw invalidInput(name, `is given ${values.length} times (${shown}${values.length > 3 ? ', …' : ''}): give it once`);
    }
    return true;
  }

  private knownOf(context: ExecutionContext): ReadonlySet<string> | null {
    const handler = context.getHandler();
    let known = this.knownByHandler.get(handler);
    if (known === undefined) {
      const args: Record<string, RouteArgument> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {};
      const queries = Object.entries(args).filter(([key]) => key.split(':')[0] === String(RouteParamtypes.QUERY));
      const names = queries.sort(([, a], [, b]) => a.index - b.index).map(([, arg]) => arg.data);
      known = names.every((name): name is string => typeof name === 'string') ? new Set(names) : null;
      this.knownByHandler.set(handler, known);
    }
    return known;
  }
}
