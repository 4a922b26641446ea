/**
 * Records every successful design-time change of the OIC API in the audit
 * trail (src/store/oic/audit.ts), from this one place: an onSend hook that
 * src/pipeline.ts adds only to the routes of the operations listed below (a
 * scope-wide hook would cost every other call). A refused request (status
 * >= 300) records nothing.
 *
 * The resource a record names comes from the path (`id`, `scheduleId`,
 * `projectId`), else from the answer's `id` or its Location header (imports,
 * creates, clones). Integration and library ids are `CODE|VERSION`, so their
 * records carry `code` and `version` too.
 *
 * An operation missing from OPERATIONS is simply not audited: add a line when
 * a new design-time write is added.
 */
import type { FastifyReply, FastifyRequest, onSendHookHandler, RouteOptions } from 'fastify';
import { isPlainObject } from '../../../oic/merge';
import type { AuditEntry } from '../../../store/oic/audit';
import { pathParams } from '../../../openapi/request-types';

type Body = Record<string, unknown> | undefined;
/** What a write is: Oracle's resource type and the action (fixed, or read from the request body). */
interface Audited { type: string; action: string | ((body: Body) => string) }

const INTEGRATION = 'ICS_AppInstance';
const CONNECTION = 'ICS_Connection';
const LOOKUP = 'ICS_DVM';
const PROJECT = 'ICS_ProjectV2';
const SCHEDULE = 'ICS_Schedule';
export const LIBRARY = 'API_LIBRARY';
const CERTIFICATE = 'ICS_Certificate';
const FILE_SERVER = 'ICS_FileServer';

/** Oracle's PATCH of an integration: the status it asks for says what it does. */
const patchAction = (body: Body) => {
  const status = typeof body?.status === 'string' ? body.status.toUpperCase() : undefined;
  return status === 'ACTIVATED' ? 'ACTIVATE' : status === 'CONFIGURED' ? 'DEACTIVATE' : 'UPDATE';
};

const OPERATIONS: Record<string, Audited> = {
  createIntegration: { type: INTEGRATION, action: 'CREATE' },
  importIntegration: { type: INTEGRATION, action: 'IMPORT' },
  replaceIntegration: { type: INTEGRATION, action: 'IMPORT' },
  updateIntegration: { type: INTEGRATION, action: 'UPDATE' },
  realUpdateIntegration: { type: INTEGRATION, action: patchAction },
  realUpdateProjectIntegration: { type: INTEGRATION, action: patchAction },
  cloneIntegration: { type: INTEGRATION, action: 'CLONE' },
  activateIntegration: { type: INTEGRATION, action: 'ACTIVATE' },
  deactivateIntegration: { type: INTEGRATION, action: 'DEACTIVATE' },
  deleteIntegration: { type: INTEGRATION, action: 'DELETE' },
  bulkIntegrations: { type: INTEGRATION, action: (body) => String(body?.action ?? 'UPDATE') },
  createConnection: { type: CONNECTION, action: 'CREATE' },
  updateConnection: { type: CONNECTION, action: 'UPDATE' },
  realUpdateConnection: { type: CONNECTION, action: 'UPDATE' },
  deleteConnection: { type: CONNECTION, action: 'DELETE' },
  realTestConnectionWithAttachments: { type: CONNECTION, action: 'UPDATE' },
  realUploadConnectionAttachment: { type: CONNECTION, action: 'UPDATE' },
  realUploadProjectConnectionAttachment: { type: CONNECTION, action: 'UPDATE' },
  realDeleteConnectionAttachment: { type: CONNECTION, action: 'UPDATE' },
  realDeleteProjectConnectionAttachment: { type: CONNECTION, action: 'UPDATE' },
  createLookup: { type: LOOKUP, action: 'CREATE' },
  updateLookup: { type: LOOKUP, action: 'UPDATE' },
  bulkLookupData: { type: LOOKUP, action: 'UPDATE' },
  realImportLookup: { type: LOOKUP, action: 'IMPORT' },
  realReplaceLookup: { type: LOOKUP, action: 'IMPORT' },
  deleteLookup: { type: LOOKUP, action: 'DELETE' },
  createProject: { type: PROJECT, action: 'CREATE' },
  updateProject: { type: PROJECT, action: 'UPDATE' },
  deleteProject: { type: PROJECT, action: 'DELETE' },
  realDeleteProject: { type: PROJECT, action: 'DELETE' },
  createIntegrationSchedule: { type: SCHEDULE, action: 'CREATE' },
  realPutProjectSchedule: { type: SCHEDULE, action: 'UPDATE' },
  updateIntegrationSchedule: { type: SCHEDULE, action: 'UPDATE' },
  deleteIntegrationSchedule: { type: SCHEDULE, action: 'DELETE' },
  realDeleteProjectSchedule: { type: SCHEDULE, action: 'DELETE' },
  startIntegrationSchedule: { type: SCHEDULE, action: 'START' },
  realStartProjectSchedule: { type: SCHEDULE, action: 'START' },
  stopIntegrationSchedule: { type: SCHEDULE, action: 'STOP' },
  realStopProjectSchedule: { type: SCHEDULE, action: 'STOP' },
  realPauseIntegrationSchedule: { type: SCHEDULE, action: 'PAUSE' },
  realPauseProjectSchedule: { type: SCHEDULE, action: 'PAUSE' },
  realResumeIntegrationSchedule: { type: SCHEDULE, action: 'RESUME' },
  realResumeProjectSchedule: { type: SCHEDULE, action: 'RESUME' },
  realUpdateScheduleParameters: { type: SCHEDULE, action: 'UPDATE' },
  realUpdateProjectScheduleParameters: { type: SCHEDULE, action: 'UPDATE' },
  realImportLibrary: { type: LIBRARY, action: 'IMPORT' },
  realUpdateLibrary: { type: LIBRARY, action: 'UPDATE' },
  realDeleteLibrary: { type: LIBRARY, action: 'DELETE' },
  realUploadCertificate: { type: CERTIFICATE, action: 'IMPORT' },
  realDeleteCertificate: { type: CERTIFICATE, action: 'DELETE' },
  fsCreateDirectory: { type: FILE_SERVER, action: 'CREATE' },
  fsUpdateConfiguration: { type: FILE_SERVER, action: 'UPDATE' },
  fsUpdateService: { type: FILE_SERVER, action: 'UPDATE' },
  fsDeleteDirectory: { type: FILE_SERVER, action: 'DELETE' },
  fsUploadFile: { type: FILE_SERVER, action: 'IMPORT' },
  fsDeleteFile: { type: FILE_SERVER, action: 'DELETE' },
};

function parsed(payload: unknown): Record<string, unknown> | undefined {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(payload) as unknown;
    return isPlainObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A File Server write names the path it changed (folders are addressed by their base64url path id). */
function fileServerPath(params: Record<string, string | undefined>, location: unknown): string | undefined {
  const m = typeof location === 'string' ? /\/filesystem\/directories\/([A-Za-z0-9_-]+)(?:\/files\/([^/?]+))?/.exec(location) : null;
  const guid = params.guid ?? m?.[1];
  if (!guid) return undefined;
  const dir = Buffer.from(guid, 'base64url').toString('utf8');
  const name = params.name ?? (m?.[2] ? decodeURIComponent(m[2]) : undefined);
  return name ? `${dir === '/' ? '' : dir}/${name}` : dir;
}

/** The id a write concerns: path first, then the answer's id, then the Location's last segment. */
function resourceIdOf(request: FastifyRequest, reply: FastifyReply, payload: unknown): string | undefined {
  const params = pathParams(request);
  if ((request.routeOptions.config.operationId as string).startsWith('fs')) return fileServerPath(params, reply.getHeader('location')) ?? params.serviceType ?? 'configuration';
  if (params.id ?? params.scheduleId) return params.id ?? params.scheduleId;
  // Parsed only when the path does not name the resource (creates, imports, clones).
  const answer = parsed(payload);
  if (typeof answer?.id === 'string') return answer.id;
  const location = reply.getHeader('location');
  if (typeof location === 'string' && location) return decodeURIComponent(location.split('?')[0].split('/').pop() ?? '');
  return params.projectId ?? params.path ?? params['*'];
}

/** The routes of audited operations. */
export function isAudited(route: RouteOptions): boolean {
  const operation = (route.config as { operationId?: string } | undefined)?.operationId;
  return operation !== undefined && OPERATIONS[operation] !== undefined;
}

/** onSend of audited routes: record a successful change. */
export function recordAudit(): onSendHookHandler<unknown> {
  const entryOf = (type: string, action: string, id: string, request: FastifyRequest): AuditEntry => {
    const params = pathParams(request);
    const versioned = type === INTEGRATION || type === LIBRARY || type === SCHEDULE;
    const [code, version] = versioned && id.includes('|') ? id.split('|') : [undefined, undefined];
    const rec = type === INTEGRATION ? request.oic.integrations.get(id) : undefined;
    return {
      user: request.caller?.name ?? 'anonymous', resourceType: type, action, resourceId: id,
      code: code ?? null, version: version ?? null, name: rec?.name ?? null, projectId: params.projectId ?? rec?.projectId ?? null,
    };
  };

  return function recordAudit(request, reply, payload, done) {
    if (reply.statusCode < 300) {
      const operation = request.routeOptions.config.operationId as string;
      const audited = OPERATIONS[operation];
      const body = isPlainObject(request.body) ? request.body : undefined;
      const action = typeof audited.action === 'string' ? audited.action : audited.action(body);
      if (operation === 'bulkIntegrations') {
        const items = parsed(payload)?.items;
        for (const item of (Array.isArray(items) ? items : []) as Array<{ id?: string; status?: number }>) {
          if (typeof item.id === 'string' && (item.status ?? 500) < 300) request.oic.audit.record(entryOf(INTEGRATION, action, item.id, request));
        }
      } else {
        const id = resourceIdOf(request, reply, payload);
        if (id) request.oic.audit.record(entryOf(audited.type, action, id, request));
      }
    }
    done(null, payload);
  };
}
