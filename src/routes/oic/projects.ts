/**
 * Projects (/ic/api/projects/v1/projects, the seed's path): thin handlers over
 * ProjectStore. `DELETE ...?cascade=true` deletes a project with its contents.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../core/errors';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { commonQFields, listPage } from '../../oic/listing';
import { callerName, withoutReadOnly } from '../../oic/links';
import { sendView } from './best-practices';
import type { ProjectDefinition, ProjectRow } from '../../store/oic/projects';
import { fullView, summaryView } from './dialects/seed/projects';

const Q_FIELDS = commonQFields<ProjectRow>();
const READ_ONLY = ['id', 'createdTime', 'createdBy', 'modifiedTime', 'integrationCount', 'connectionCount', 'links'] as const;

interface IdParams { id: string }

export default async function projectRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'listProjects', async (request) => listPage(request.oic.projects.rows(), request.query as Record<string, any>, Q_FIELDS, summaryView));

  op(app, spec, 'createProject', async (request, reply) => {
    return reply.code(201).send(fullView(request.oic.projects.create(request.body as ProjectDefinition, callerName(request))));
  });

  op(app, spec, 'getProject', async (request, reply) => {
    const { id } = request.params as IdParams;
    return sendView(request, reply, request.oic.views.get(`project:${id}`, () => fullView(request.oic.projects.require(id))));
  });

  op(app, spec, 'updateProject', async (request) => {
    const { id } = request.params as IdParams;
    const patch = withoutReadOnly(request.body as Record<string, unknown>, READ_ONLY, id, 'project') as Partial<ProjectDefinition>;
    if (patch.identifier !== undefined && patch.identifier !== id) throw badRequest(`identifier of project '${id}' cannot be changed`);
    return fullView(request.oic.projects.update(id, patch));
  });

  op(app, spec, 'deleteProject', async (request, reply) => {
    const { cascade } = request.query as { cascade?: boolean };
    request.oic.projects.delete((request.params as IdParams).id, cascade === true);
    return reply.code(200).send();
  });
}
