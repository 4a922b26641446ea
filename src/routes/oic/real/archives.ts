/**
 * Project (.car) and package (.par) archives the real way: import
 * (POST adds, 409 when present; PUT replaces), export, and the package
 * resource (GET, DELETE). The formats are src/oic/archive/; every import is
 * one transaction, so a bad archive writes nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { conflict, notFound, preconditionFailed } from '../../../core/errors';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { callerName, OIC_BASE as BASE } from '../../../oic/links';
import { tableOf } from '../../../oic/real/lookup-csv';
import { readCar } from '../../../oic/archive/car';
import { buildCar } from '../../../oic/archive/car-writer';
import { exportIntegrationArchive } from '../../../oic/archive/exporter';
import { createConnections, importIntegration } from '../../../oic/archive/importer';
import { importProject } from '../../../oic/archive/project-importer';
import { buildPar, readPar } from '../../../oic/archive/par';
import { sendArchive } from '../archive';
import { validateDefinition } from '../../../oic/archive/definition-check';
import { readFileField, uploadOp } from '../upload';
import { packagesOf } from './packages';
import { asReal } from './common';
import type { OicInstance } from '../../../instances/oic-instance';


export default async function realArchiveRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  const importCar = (mode: 'add' | 'replace') => async (request: FastifyRequest, reply: FastifyReply) => {
    const stores = request.oic;
    const car = readCar((await readFileField(request, '.car')).data);
    const caller = callerName(request);
    // A state conflict (an ACTIVE integration to replace) is the real API's 412.
    const { project, created } = asReal(() => stores.ctx.db.transaction(() => importProject(stores, car, { mode, caller, validate: validateDefinition }, app.ctx.clock.now()))());
    return reply.code(200).header('location', `${BASE}/projects/${encodeURIComponent(project.id)}`).send({
      id: project.id,
      code: project.id,
      name: project.name,
      created,
      integrations: car.integrations.map((i) => `${i.definition.identifier}|${i.definition.version}`),
      connections: car.connections.map((c) => c.identifier),
      lookups: car.lookups.map((l) => l.name),
      schedules: car.schedules.map((s) => s.integrationId),
      libraries: car.libraries,
    });
  };
  uploadOp(app, spec, 'realImportProjectArchive', importCar('add'));
  uploadOp(app, spec, 'realReplaceProjectArchive', importCar('replace'));

  op(app, spec, 'realExportProjectArchive', async (request, reply) => {
    const stores = request.oic;
    const project = stores.projects.require(request.params.projectId);
    const body = request.body ?? {};
    return sendArchive(reply, `${project.id}.car`, buildCar(stores, project, body, app.ctx.clock.nowDate()));
  });

  op(app, spec, 'realGetProjectLookup', async (request) => {
    const stores = request.oic;
    const { projectId, name } = request.params;
    const project = stores.projects.require(projectId);
    if (!((project.definition.lookups as string[] | undefined) ?? []).includes(name)) throw notFound(`Lookup '${name}' is not in project '${projectId}'`);
    const rec = stores.lookups.require(name);
    return { id: rec.id, name: rec.name, projectId, columns: rec.definition.columns.map((c) => c.name), rows: tableOf(rec.definition).rows.map((rowData) => ({ rowData })), rowCount: rec.definition.data.length };
  });

  const importPar = (mode: 'add' | 'replace') => async (request: FastifyRequest, reply: FastifyReply) => {
    const stores = request.oic;
    const par = readPar((await readFileField(request, '.par')).data);
    const caller = callerName(request);
    const ids = asReal(() => stores.ctx.db.transaction(() => {
      if (mode === 'add' && stores.archives.getPackage(par.name)) throw conflict(`Package '${par.name}' already exists; use PUT ${BASE}/packages/archive to replace it`);
      const out = par.archives.map((a) => {
        const r = importIntegration(stores, a.integration, { mode, caller, packageName: par.name, validate: validateDefinition });
        createConnections(stores, a.connections, caller);
        return r.record.id;
      });
      stores.archives.putPackage(par.name, { attributes: par.attributes, integrations: out }, caller);
      return out;
    })());
    return reply.code(200).header('location', `${BASE}/packages/${encodeURIComponent(par.name)}`).send({ name: par.name, countOfIntegrations: ids.length, integrations: ids });
  };
  uploadOp(app, spec, 'realImportPackageArchive', importPar('add'));
  uploadOp(app, spec, 'realReplacePackageArchive', importPar('replace'));

  const requirePackage = (stores: OicInstance, name: string) => {
    const p = packagesOf(stores.integrations).find((x) => x.name === name);
    if (!p) throw notFound(`Package '${name}' was not found`);
    return p;
  };

  op(app, spec, 'realGetPackage', async (request) => requirePackage(request.oic, request.params.name));

  op(app, spec, 'realExportPackageArchive', async (request, reply) => {
    const stores = request.oic;
    const p = requirePackage(request.oic, request.params.name);
    const now = app.ctx.clock.nowDate();
    const iars = p.integrations.map((i) => ({ name: i.name, version: i.version, bytes: exportIntegrationArchive(stores, stores.integrations.require(i.id), now) }));
    return sendArchive(reply, `${p.name}.par`, buildPar(p.name, stores.archives.getPackage(p.name)?.doc.attributes ?? {}, iars, now));
  });

  op(app, spec, 'realDeletePackage', async (request, reply) => {
    const stores = request.oic;
    const p = requirePackage(request.oic, request.params.name);
    stores.ctx.db.transaction(() => {
      const active = p.integrations.filter((i) => i.status === 'ACTIVATED').map((i) => i.id);
      if (active.length) throw preconditionFailed(`Package '${p.name}' holds activated integrations (${active.join(', ')}); deactivate them first`);
      for (const i of p.integrations) stores.integrations.delete(i.id);
      stores.archives.deletePackage(p.name);
    })();
    return reply.code(200).send();
  });
}
