/**
 * Projects the real way (/ic/api/integration/v1/projects): the seed's
 * projects (/ic/api/projects/v1) in Oracle's shape. Deleting a project takes
 * its integrations and connections with it, as in Oracle Integration 3
 * (the seed's DELETE needs ?cascade=true for that).
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { commonQFields, listPage } from '../../../oic/listing';
import type { QFields } from '../../../oic/q-filter';
import { oracleProjectSummary, oracleProjectView } from '../dialects/oracle/projects';
import type { ProjectRow } from '../../../store/oic/projects';
import { asReal } from './common';
import { oracleOrder as realOrder } from '../dialects/oracle/integration-list';


const base = commonQFields<ProjectRow>();
const Q_FIELDS: QFields<ProjectRow> = {
  ...base,
  fields: { ...base.fields, type: { get: () => 'DEVELOPED', normalize: (v) => v.toUpperCase() } },
};

export default async function realProjectRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'realListProjects', async (request) => {
    const query = request.query;
    return listPage(request.oic.projects.rows(), { ...query, orderBy: realOrder(query.orderBy) }, Q_FIELDS, oracleProjectSummary);
  });

  op(app, spec, 'realGetProject', async (request) => oracleProjectView(request.oic.projects.require(request.params.projectId)));

  op(app, spec, 'realDeleteProject', async (request, reply) => {
    asReal(() => request.oic.projects.delete(request.params.projectId, true));
    return reply.code(200).send();
  });
}
