/**
 * What Oracle's integration view needs from the state besides the record:
 * the schedule (defined, STARTED/STOPPED/PAUSED, its parameters) and the
 * connections, lookups and libraries it depends on. The only place the
 * Oracle dialect's integration views read stores, so both route groups (the
 * shared paths and the project-scoped ones) show the same facts.
 */
import type { FastifyRequest } from 'fastify';
import type { OicInstance } from '../../../../instances/oic-instance';
import type { IntegrationRecord } from '../../../../store/oic/integrations';
import { scheduleStatusOf } from '../../real/common';
import { expandOf, originOf, type IntegrationFacts } from './integrations';
import { queryParam } from '../../../../openapi/request-types';

export function integrationFacts(oic: OicInstance, request: FastifyRequest, rec: IntegrationRecord, scoped: boolean): IntegrationFacts {
  const runtime = oic.runtime;
  runtime.scheduler.syncActivations();
  const s = runtime.schedules.ofIntegration(rec.id);
  return {
    scoped,
    schedule: { defined: s !== undefined, status: scheduleStatusOf(oic.real, rec.id, s) },
    scheduleParams: s?.doc.parameters.map((p) => ({ name: p.name, value: p.value })),
    connection: (id) => oic.connections.get(id),
    lookup: (name) => oic.lookups.get(name),
    library: (id) => oic.libraries.get(id),
    expand: expandOf(queryParam(request, 'expand')),
    origin: originOf(request),
  };
}
