import { ArgumentsHost, Catch, ExceptionFilter, HttpException, NotFoundException } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import { Request, Response } from 'express';
import { errorBody, sendErrorBody } from './error-body';
import { retryLaterGraphQLError, statusGraphQLError } from './graphql/status-graphql-error';
import { isWildcard, RouteTemplate, undecodableSegment, unknownRouteAnswer } from './unknown-route';

/**
 * The gateway's own HttpExceptions (a dead letter or an import job not found, a key refused, …).
 * REST: the one error shape (error-body.ts), whatever the exception was built from: Nest's own
 * body lacks `field`, one built from an object lacks `error`. GraphQL: a code by their status and
 * nothing logged; Nest's default codes every status but 400, 401, 403 and 422
 * INTERNAL_SERVER_ERROR and logs each one as a server error with its stack.
 */
@Catch(HttpException)
export class HttpExceptionFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const own = typeof response === 'object' ? (response as Record<string, unknown>) : {};
    const field = typeof own.field === 'string' ? own.field : undefined;
    if (host.getType<GqlContextType>() === 'graphql') {
      // What the exception adds goes along, as in a REST body: submitEvents' refusal of a batch
      // without a valid event lists every rejected event (GraphQL showed only the first, in the message).
      const { statusCode: _status, message: _message, error: _error, ...extensions } = own;
      // A rate limit's or an unreadable key store's refusal says when to try again (their Retry-After).
      const retryAfterSec = (exception as { retryAfterSec?: unknown }).retryAfterSec;
      if (typeof retryAfterSec === 'number') return retryLaterGraphQLError(host, exception.message, status, retryAfterSec, extensions);
      return statusGraphQLError(exception.message, status, extensions);
    }
    // /health/ready's 503 (terminus): its `error` names the servers that are down, as every other
    // app answers it; the one error shape would replace it with "Service Unavailable".
    if (isHealthCheckResult(own)) return void host.switchToHttp().getResponse<Response>().status(status).json(own);
    // No route took the request: Express's req.route is unset, or the `{*path}` route Nest runs its
    // module middleware on (a route's handler sets its own). Nest's "Cannot GET /x" said nothing more.
    const request = host.switchToHttp().getRequest<Request>();
    const route: unknown = request.route?.path;
    if (exception instanceof NotFoundException && (typeof route !== 'string' || isWildcard(route))) {
      const answer = unknownRouteAnswer(request.method, request.path, routesOf(request));
      const headers: Record<string, string> = answer.allow ? { Allow: answer.allow.join(', ') } : {};
      return sendErrorBody(host.switchToHttp().getResponse<Response>(), errorBody(answer.status, answer.message), headers);
    }
    // Express could not decode a path segment: refused before any route ran, naming no parameter.
    const undecodable = status === 400 && typeof route !== 'string' ? undecodableSegment(request.path, routesOf(request)) : undefined;
    if (undecodable) {
      const message = `${undecodable.field} ${JSON.stringify(undecodable.segment)} is not valid percent-encoding: a % starts two hex digits (send % itself as %25)`;
      return sendErrorBody(host.switchToHttp().getResponse<Response>(), errorBody(400, message, { field: undecodable.field }));
    }
    const message = typeof own.message === 'string' ? own.message : exception.message;
    const retryAfterSec = (exception as { retryAfterSec?: unknown }).retryAfterSec;
    const headers: Record<string, string> = typeof retryAfterSec === 'number' ? { 'Retry-After': String(retryAfterSec) } : {};
    sendErrorBody(host.switchToHttp().getResponse<Response>(), { ...own, ...errorBody(status, message, field ? { field } : {}) }, headers);
  }
}

/** terminus' answer of a failed check: `{ status: 'error', info, error: { <check>: … }, details }`. */
function isHealthCheckResult(body: Record<string, unknown>): boolean {
  return body.status === 'error' && typeof body.error === 'object' && body.error !== null && typeof body.details === 'object';
}

/** Each router's routes, with the length of its stack when they were read. */
const routesByRouter = new WeakMap<object, { layers: number; routes: RouteTemplate[] }>();

/**
 * The routes of the Express application that received the request, as its router holds them
 * (without the middleware's catch-all). Read once per router: every 404 walked its whole stack
 * again. Routes are registered before the app listens; one added later lengthens the stack and
 * is read then.
 */
export function routesOf(request: Request): RouteTemplate[] {
  const router = (request.app as unknown as { router?: { stack: Array<{ route?: { path: unknown; methods: Record<string, boolean> } }> } }).router;
  if (!router) return [];
  const known = routesByRouter.get(router);
  if (known?.layers === router.stack.length) return known.routes;
  const routes = router.stack.flatMap(({ route }) => {
    const path = route?.path;
    return route && typeof path === 'string' && !isWildcard(path) ? Object.keys(route.methods).map((method) => ({ method, path })) : [];
  });
  routesByRouter.set(router, { layers: router.stack.length, routes });
  return routes;
}
