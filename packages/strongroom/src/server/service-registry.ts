/**
 * The services this endpoint serves, indexed the two ways requests name them:
 * awsJson by X-Amz-Target prefix, awsQuery by the SigV4 scope's service name.
 */
import type { ServiceDefinition } from '../protocol/types.ts';

export class ServiceRegistry {
  private readonly byTarget = new Map<string, ServiceDefinition>();
  private readonly bySigningName = new Map<string, ServiceDefinition>();

  constructor(services: readonly ServiceDefinition[]) {
    for (const service of services) {
      if (service.spec.targetPrefix) this.byTarget.set(service.spec.targetPrefix, service);
      this.bySigningName.set(service.spec.signingName, service);
    }
  }

  forTargetPrefix(prefix: string): ServiceDefinition | undefined {
    return this.byTarget.get(prefix);
  }

  forSigningName(name: string): ServiceDefinition | undefined {
    return this.bySigningName.get(name);
  }

  all(): ServiceDefinition[] {
    return [...this.bySigningName.values()];
  }
}
