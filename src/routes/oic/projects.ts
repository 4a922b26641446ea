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
import type { ProjectRow } from '../../store/oic/projects';
import { fullView, summaryView } from './dialects/seed/projects';

const Q_FIELDS = commonQFields<ProjectRow>();
const READ_ONLY = ['id', 'createdTime', 'createdBy', 'modifiedTime', 'integrationCount', 'connectionCount', 'links'] as const;


export default async function projectRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'listProjects', async (request) => listPage(request.oic.projects.rows(), request.query, Q_FIELDS, summaryView));

  op(app, spec, 'createProject', async (request, reply) => {
    return reply.code(201).send(fullView(request.oic.projects.create(request.body, callerName(request))));
  });

  op(app, spec, 'getProject', async (request, reply) => {
    const { id } = request.params;
    return sendView(request, reply, request.oic.views.get(`project:${id}`, () => fullView(request.oic.projects.require(id))));
  });

  op(app, spec, 'updateProject', async (request) => {
    const { id } = request.params;
    const patch = withoutReadOnly(request.body, READ_ONLY, id, 'project');
    if (patch.identifier !== undefined && patch.identifier !== id) throw badRequest(`identifier of project '${id}' cannot be changed`);
    return fullView(request.oic.projects.update(id, patch));
  });

  op(app, spec, 'deleteProject', async (request, reply) => {
    const { cascade } = request.query;
    request.oic.projects.delete(request.params.id, cascade === true);
    return reply.code(200).send();
  });
}
