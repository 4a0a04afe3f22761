/**
 * restJson1 routing: an operation is named by its HTTP method and URI
 * template (`POST /2015-03-31/functions/{FunctionName}/invocations`). The
 * templates of a spec are compiled once; a request's raw (still
 * percent-encoded) path is split into segments and matched, so an encoded
 * `/` inside a label never splits it. Labels come back percent-decoded.
 */
import type { OperationSpec, ServiceSpec } from '../spec/spec-types.ts';

type Segment = { literal: string } | { label: string; greedy: boolean };

interface CompiledRoute {
  operation: OperationSpec;
  method: string;
  segments: Segment[];
  /** Literal query parameters the template requires (`/path?versioning` → versioning=""). */
  query: Array<[string, string]>;
  literalCount: number;
}

export interface RestMatch {
  operation: OperationSpec;
  labels: Record<string, string>;
}

const cache = new WeakMap<ServiceSpec, CompiledRoute[]>();

export function compileTemplate(operation: OperationSpec): CompiledRoute {
  const uri = operation.http.requestUri;
  const q = uri.indexOf('?');
  const path = q < 0 ? uri : uri.slice(0, q);
  const segments: Segment[] = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      const label = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(s);
      return label ? { label: label[1], greedy: label[2] === '+' } : { literal: s };
    });
  const query: Array<[string, string]> = q < 0 ? [] : [...new URLSearchParams(uri.slice(q + 1)).entries()];
  const literalCount = segments.filter((s) => 'literal' in s).length;
  return { operation, method: operation.http.method, segments, query, literalCount };
}

function routesOf(spec: ServiceSpec): CompiledRoute[] {
  let routes = cache.get(spec);
  if (!routes) {
    // Most literal segments first, so `/functions/{Name}/policy` is tried before a greedy label could swallow it.
    routes = Object.values(spec.operations)
      .map(compileTemplate)
      .sort((a, b) => b.literalCount - a.literalCount || b.query.length - a.query.length);
    cache.set(spec, routes);
  }
  return routes;
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s];
    if ('literal' in segment) {
      if (parts[i] !== segment.literal) return undefined;
      i++;
      continue;
    }
    if (segment.greedy) {
      const rest = segments.length - s - 1; // segments after the greedy label
      const take = parts.length - i - rest;
      if (take < 1) return undefined;
      const value = decodeSegment(parts.slice(i, i + take).join('/'));
      if (value === undefined) return undefined;
      labels[segment.label] = value;
      i += take;
      continue;
    }
    if (i >= parts.length || parts[i] === '') return undefined;
    const value = decodeSegment(parts[i]);
    if (value === undefined || value === '') return undefined;
    labels[segment.label] = value;
    i++;
  }
  return i === parts.length ? labels : undefined;
}

/** The operation a request names, with its path labels; undefined when no template matches. */
export function matchRoute(spec: ServiceSpec, method: string, rawPath: string, query: URLSearchParams): RestMatch | undefined {
  const parts = rawPath.split('/').filter((s) => s !== '');
  for (const route of routesOf(spec)) {
    if (route.method !== method) continue;
    if (!route.query.every(([k, v]) => query.has(k) && (v === '' || query.get(k) === v))) continue;
    const labels = matchSegments(route.segments, parts);
    if (labels) return { operation: route.operation, labels };
  }
  return undefined;
}

