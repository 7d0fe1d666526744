import { editDistance } from '@lib/config';

/** A route as the gateway's router holds it: its method and path template (`/v1/rules/:id`). */
export interface RouteTemplate {
  method: string;
  path: string;
}

/** What a request no route takes is answered: 405 with `Allow` when its path is a route's, else 404. */
export interface UnknownRouteAnswer {
  status: 404 | 405;
  message: string;
  allow?: string[];
}

const WHERE_ROUTES_ARE = 'every route is listed at /docs';

/**
 * The answer to `method path` when no route took it. Nest's own, "Cannot GET /v1/leaderboard/total",
 * left a newcomer with a typo or a wrong method to guess: this one names the methods the path
 * takes (405), or the route the path nearly is (a misspelt or missing segment, the /v1 prefix
 * left out), and where the routes are listed.
 */
export function unknownRouteAnswer(method: string, path: string, routes: readonly RouteTemplate[]): UnknownRouteAnswer {
  const asked = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const allow = [...new Set(routes.filter((route) => templateMatches(route.path, path)).map((route) => route.method.toUpperCase()))];
  if (allow.length > 0 && !allow.includes(asked)) {
    return { status: 405, allow, message: `${method} ${path} is not a route: ${path} takes ${allow.join(', ')} (${WHERE_ROUTES_ARE})` };
  }
  const near = nearestRoute(asked, path, routes);
  const hint = near ? `did you mean ${near.method.toUpperCase()} ${near.path}? ${capitalized(WHERE_ROUTES_ARE)}` : WHERE_ROUTES_ARE;
  return { status: 404, message: `no route ${method} ${path}: ${hint}` };
}

/** A path segment Express could not decode (`%ZZ`, `%E9` alone), and the route parameter it stands for. */
export interface UndecodableSegment {
  /** The parameter's name (`eventId`), or `path` when no route of the path has one there. */
  field: string;
  segment: string;
}

/**
 * The first segment of `path` that is not percent-encoding, named by the route that takes the path
 * there: Express refuses the request before any route runs, with "Failed to decode param '%ZZ'",
 * which named neither the parameter nor what is wrong with it.
 */
export function undecodableSegment(path: string, routes: readonly RouteTemplate[]): UndecodableSegment | undefined {
  const given = segments(path);
  const index = given.findIndex((segment) => !decodes(segment));
  if (index < 0) return undefined;
  const template = routes.map((route) => segments(route.path)).find((wanted) => wanted.length === given.length && isParameter(wanted[index]) && templateMatches(wanted.join('/'), path));
  return { field: template ? template[index].slice(1) : 'path', segment: given[index] };
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** A template of Express 5's other syntax (`/{*path}`, on which Nest runs its module middleware), which the matching here leaves out. */
export function isWildcard(template: string): boolean {
  return /[{*(]/.test(template);
}

/** Express's matching of the templates the gateway has: `:name` takes one segment, case-insensitive, a trailing slash ignored. */
function templateMatches(template: string, path: string): boolean {
  if (isWildcard(template)) return false;
  const wanted = segments(template);
  const given = segments(path);
  return wanted.length === given.length && wanted.every((segment, i) => isParameter(segment) || segment.toLowerCase() === given[i].toLowerCase());
}

/**
 * The route of the same method whose template the path misses by one segment, misspelt by at
 * most two letters (`leaderboard`, `evnts`), also with `/v1` put in front of a path without it.
 */
function nearestRoute(method: string, path: string, routes: readonly RouteTemplate[]): RouteTemplate | undefined {
  const candidates = [segments(path), ...(/^\/v1(\/|$)/i.test(path) ? [] : [['v1', ...segments(path)]])];
  return routes.find(
    (route) =>
      route.method.toUpperCase() === method &&
      !isWildcard(route.path) &&
      candidates.some((given) => {
        const wanted = segments(route.path);
        if (wanted.length !== given.length) return false;
        const misses = wanted.flatMap((segment, i) => (isParameter(segment) || segment.toLowerCase() === given[i].toLowerCase() ? [] : [editDistance(segment.toLowerCase(), given[i].toLowerCase())]));
        return misses.length === 0 || (misses.length === 1 && misses[0] <= 2);
      }),
  );
}

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function isParameter(segment: string): boolean {
  return segment.startsWith(':');
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
