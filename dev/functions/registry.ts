/**
 * The functions of `netlify/functions/` as Netlify sees them: names, `config.path` routes (with
 * `method` and `excludedPath`), schedules and background mode — read by zip-it-and-ship-it's own
 * static analysis of the in-source config (`listFunctions` with `parseISC`), the same code the
 * deploy and the Netlify plugin use, without bundling anything.
 */
import { listFunctions, type ExtendedRoute, type Route } from '@netlify/zip-it-and-ship-it';
import { URLPattern } from 'urlpattern-polyfill';

export interface DevFunction {
  name: string;
  mainFile: string;
  routes: ExtendedRoute[];
  excludedRoutes: Route[];
  schedule?: string;
  /** The `-background` filename suffix: answered 202 at once, the body runs on. */
  background: boolean;
}

export interface FunctionMatch {
  func: DevFunction;
  /** The `config.path` route that matched, or undefined for `/.netlify/functions/<name>`. */
  route?: ExtendedRoute;
  params: Record<string, string>;
}

const BACKGROUND_SUFFIX = '-background';
const DEFAULT_FUNCTION_URL = /^\/\.netlify\/(?:functions|builders)\/([^/]+)/;

export async function listDevFunctions(directory: string): Promise<DevFunction[]> {
  const listed = await listFunctions([directory], { parseISC: true });
  return listed
    .filter((func) => func.runtime === 'js')
    .map((func) => ({
      name: func.name,
      mainFile: func.mainFile,
      routes: func.routes ?? [],
      excludedRoutes: func.excludedRoutes ?? [],
      schedule: func.schedule,
      background: func.name.endsWith(BACKGROUND_SUFFIX),
    }));
}

/**
 * Finds the function for a path as Netlify does (functions-dev's `matchURLPath`): the path is
 * lower-cased and loses a trailing slash, a route matches by literal or expression and method, and
 * an excluded path wins. `/.netlify/functions/<name>` reaches only functions without routes.
 * Returns null for a default URL naming a function that cannot be called there (Netlify: 404).
 */
export function matchFunction(
  functions: DevFunction[],
  url: URL,
  method: string,
): FunctionMatch | null | undefined {
  const byName = DEFAULT_FUNCTION_URL.exec(url.pathname);
  if (byName) {
    const func = functions.find((candidate) => candidate.name === byName[1]);
    if (!func || func.routes.length > 0) return null;
    return { func, params: {} };
  }
  let path = url.pathname !== '/' && url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
  path = path.toLowerCase();
  for (const func of functions) {
    const route = func.routes.find((candidate) => routeMatches(candidate, path, method));
    if (!route) continue;
    if (func.excludedRoutes.some((excluded) => routeMatches(excluded, path))) continue;
    return { func, route, params: pathParameters(route.pattern, url) };
  }
  return undefined;
}

function routeMatches(route: ExtendedRoute | Route, path: string, method?: string): boolean {
  const methods = 'methods' in route ? route.methods : undefined;
  if (method && methods && methods.length > 0 && !methods.includes(method)) return false;
  if ('literal' in route && route.literal !== undefined) return path === route.literal;
  if ('expression' in route && route.expression !== undefined) return new RegExp(route.expression).test(path);
  return false;
}

/** `context.params`: the URLPattern pathname groups, as Netlify's runtime computes them. */
function pathParameters(pattern: string, url: URL): Record<string, string> {
  const groups = new URLPattern({ pathname: pattern }).exec(url)?.pathname.groups ?? {};
  return Object.fromEntries(
    Object.entries(groups).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
