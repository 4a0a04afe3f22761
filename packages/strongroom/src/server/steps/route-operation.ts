/**
 * Resolves service and operation: awsJson from X-Amz-Target
 * ("TrentService.Encrypt"), awsQuery from the form's Action and the SigV4
 * scope's service name (parsed, not yet verified: authenticate verifies it),
 * restJson1 from the scope's service name, the HTTP method and the path.
 */
import { matchRoute } from '../../protocol/rest-json/routes.ts';
import type { ServiceRegistry } from '../service-registry.ts';
import { InvalidAction, MissingAction, UnknownOperationException } from '../routing-errors.ts';
import type { Exchange } from '../exchange.ts';
import type { Step } from './step.ts';
import { wireProtocol, type Codecs } from './select-protocol.ts';

export function routeOperation(registry: ServiceRegistry, codecs: Codecs): Step {
  return {
    name: 'route-operation',
    run(ex) {
      const target = ex.wire.headers['x-amz-target'];
      if (typeof target === 'string') return routeJson(ex, target);
      if (wireProtocol(ex.wire.headers, ex.rawPath) === 'restJson') return routeRest(ex);
      return routeQuery(ex);
    },
  };

  function routeRest(ex: Exchange): void {
    const service = registry.forSigningName(ex.sigV4!.service);
    if (!service || service.spec.protocol !== 'rest-json') throw new UnknownOperationException(404);
    ex.service = service.spec;
    const match = matchRoute(service.spec, ex.wire.method, ex.rawPath, ex.wire.query);
    if (!match) throw new UnknownOperationException(404);
    ex.route = { service, codec: codecs.restJson, operation: match.operation, labels: match.labels };
  }

  function routeJson(ex: Exchange, target: string): void {
    const dot = target.lastIndexOf('.');
    const service = dot > 0 ? registry.forTargetPrefix(target.slice(0, dot)) : undefined;
    ex.service = service?.spec;
    const operation = service?.spec.operations[target.slice(dot + 1)];
    if (!service || !operation || service.spec.protocol !== 'json') throw new UnknownOperationException();
    ex.route = { service, codec: codecs.json, operation };
  }

  function routeQuery(ex: Exchange): void {
    const params = queryParams(ex);
    const action = params.get('Action');
    const scopeService = ex.sigV4!.service;
    if (!action) throw new MissingAction();
    const service = registry.forSigningName(scopeService);
    if (!service || service.spec.protocol !== 'query') {
      throw new InvalidAction(`Could not find operation ${action} for service ${scopeService}`);
    }
    ex.service = service.spec;
    const operation = service.spec.operations[action];
    if (!operation) throw new InvalidAction(`Could not find operation ${action} for version ${params.get('Version') ?? service.spec.apiVersion}`);
    ex.route = { service, codec: codecs.query, operation };
  }
}

/** awsQuery parameters: the form body of a POST, or the query string of a GET. */
export function queryParams(ex: Exchange): URLSearchParams {
  if (ex.wire.method === 'GET') return ex.wire.query;
  return new URLSearchParams(ex.wire.body.toString('utf8'));
}
