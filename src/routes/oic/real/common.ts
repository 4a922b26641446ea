/**
 * Small pieces every real-OIC plugin shares: the X-HTTP-Method-Override
 * check, the real API's 412 for state errors, project membership, and the
 * helpers each service instance carries as request.oic.real (finder, marks,
 * aborts; src/instances/oic-instance.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, notFound, preconditionFailed } from '../../../core/errors';
import type { IntegrationRecord } from '../../../store/oic/integrations';
import type { ScheduleRecord } from '../../../store/runtime/schedules';
import type { InstanceFinder } from '../../../store/runtime/instance-finder';
import type { RealMarks } from '../../../store/oic/real-marks';
import type { OicInstance } from '../../../instances/oic-instance';
import type { AbortStore } from '../../../store/oic/aborts';
import { realInstanceStatus, realScheduleStatus, type RealInstanceStatus, type RealScheduleStatus } from '../../../oic/real/status';
import type { ExecutionRecord } from '../../../store/runtime/executions';

export interface RealDeps {
  finder: InstanceFinder;
  marks: RealMarks;
  /** Instances aborted through POST /monitoring/instances/{id}/abort. */
  aborts: AbortStore;
}

/** The real status of an integration's schedule (`s` undefined: NOT_DEFINED); PAUSED needs the pause mark. */
export function scheduleStatusOf(deps: RealDeps, integrationId: string, s: ScheduleRecord | undefined): RealScheduleStatus {
  return realScheduleStatus(s?.status, s !== undefined && deps.marks.isPaused(integrationId, s.doc.modifiedTime));
}

/** An instance's real status: ABORTED when a client aborted it (the runtime completed it as FAILED). */
export function instanceStatusOf(deps: RealDeps, e: ExecutionRecord): RealInstanceStatus {
  return e.status === 'FAILED' && deps.aborts.abortOf(e.id) ? 'ABORTED' : realInstanceStatus(e.status);
}

/**
 * Route-level preParsing hook (after the scope's authentication, before the
 * body is read or validated): a POST that stands for PATCH must say so.
 */
export function requirePatchOverride(what: string) {
  return async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
    const raw = request.headers['x-http-method-override'];
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    if (value?.trim().toUpperCase() !== 'PATCH') {
      const path = request.url.split('?')[0];
      const allow = request.server.routes.allowed(path).join(', ');
      throw new ApiError('methodNotAllowed', value === undefined
        ? `POST on ${path} is Oracle's PATCH of ${what}: send the header X-HTTP-Method-Override: PATCH`
        : `X-HTTP-Method-Override must be PATCH on ${path}, got '${value}'`, allow ? { headers: { allow } } : {});
    }
    return payload;
  };
}

/**
 * Run a store call for a real path: the seed answers a state conflict with
 * 409, the real API with 412 Precondition Failed ("not in the proper state").
 */
export function asReal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'incorrectState') throw preconditionFailed(e.message, { ...e.options, status: undefined });
    throw e;
  }
}

/** The project must exist and the integration must be in it (404 naming which is wrong). */
export function requireInProject(oic: OicInstance, projectId: string, id: string): IntegrationRecord {
  oic.projects.require(projectId);
  const rec = oic.integrations.require(id);
  if (rec.projectId !== projectId) {
    throw notFound(`Integration '${id}' is not in project '${projectId}' (${rec.projectId ? `it is in project '${rec.projectId}'` : 'it is in no project'})`);
  }
  return rec;
}

/** `async=true`: 202 with a Location to poll; otherwise 200. The work is done at once either way. */
export function sendMaybeAsync(reply: FastifyReply, query: { async?: boolean }, location: string, body: unknown): FastifyReply {
  if (query.async === true) return reply.code(202).header('location', location).send(body);
  return reply.code(200).send(body);
}
