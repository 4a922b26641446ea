/**
 * The File Server API (/ic/api/fileserver/v1): configuration, the sftp
 * service's status, and the file system: folders (create, read with their
 * child folders and files, delete, permissions) and files (upload, download,
 * delete) whose bytes are kept. Folders are addressed by Oracle's path id
 * (`guid`, see src/oic/real/fs-paths.ts). The configuration's quota and
 * file size limit are enforced on upload. Files are written with the raw
 * bytes as the body (application/octet-stream): Oracle documents no REST
 * upload (its clients use SFTP), so those three paths are the emulator's.
 */
import { callerName } from '../../../oic/links';
import { childView, dirHref, directoryView } from '../dialects/oracle/file-server';
import type { FastifyInstance } from 'fastify';
import { ApiError, badRequest, conflict, notFound } from '../../../core/errors';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { checkName, checkPath, globMatcher, guidOf, pathOfGuid } from '../../../oic/real/fs-paths';
import { type FileServerStore, ROOT, join } from '../../../store/oic/file-server';
import type { Req } from '../../../openapi/request-types';

const SERVICES = ['sftp'];
const SETTABLE_STATUS = ['RUNNING', 'STOPPED'];

interface Configuration { maxFileSizeBytes: number; quotaBytes: number }
const DEFAULT_CONFIGURATION: Configuration = { maxFileSizeBytes: 100 * 1024 * 1024, quotaBytes: 500 * 1024 * 1024 * 1024 };

export default async function fileServerRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  const configuration = (store: FileServerStore) => store.setting<Configuration>('configuration', DEFAULT_CONFIGURATION);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const directoryOf = (store: FileServerStore, path: string, listFiles: boolean, filter: (name: string) => boolean) => {
    const dir = store.requireDirectory(path);
    const children = store.children(path).filter((e) => filter(e.path.slice(e.path.lastIndexOf('/') + 1)));
    return directoryView(path, dir, children, listFiles);
  };
  const listing = (request: Req<'oic', 'fsGetRoot'> | Req<'oic', 'fsGetDirectory'>, path: string) => {
    const query = request.query;
    return directoryOf(request.oic.fileServer, path, query.listFiles !== false, globMatcher(query.filterPattern));
  };

  op(app, spec, 'fsGetConfiguration', async (request) => {
    const store = request.oic.fileServer;
    const usage = store.usage();
    return { ...configuration(store), usedBytes: usage.bytes, fileCount: usage.files, rootDirectory: ROOT };
  });

  op(app, spec, 'fsUpdateConfiguration', async (request) => {
    const store = request.oic.fileServer;
    const body = request.body;
    const next = { ...configuration(store), ...body };
    const usage = store.usage();
    if (next.quotaBytes < usage.bytes) throw badRequest(`quotaBytes ${next.quotaBytes} is below what the files already use (${usage.bytes} bytes)`);
    store.putSetting('configuration', { maxFileSizeBytes: next.maxFileSizeBytes, quotaBytes: next.quotaBytes });
    return { ...configuration(store), usedBytes: usage.bytes, fileCount: usage.files, rootDirectory: ROOT };
  });

  const service = (store: FileServerStore, type: string) => {
    if (!SERVICES.includes(type)) throw notFound(`Service '${type}' does not exist; the File Server runs: ${SERVICES.join(', ')}`);
    return { serviceType: type, status: store.setting<string>(`service:${type}`, 'RUNNING') };
  };
  op(app, spec, 'fsListServices', async (request) => SERVICES.map((type) => service(request.oic.fileServer, type)));
  op(app, spec, 'fsGetService', async (request) => service(request.oic.fileServer, request.params.serviceType));
  op(app, spec, 'fsUpdateService', async (request) => {
    const store = request.oic.fileServer;
    const { serviceType } = request.params;
    service(store, serviceType);
    const body = request.body;
    if (body.serviceType !== undefined && body.serviceType !== serviceType) throw badRequest(`body.serviceType '${body.serviceType}' must be this service, '${serviceType}'`);
    if (!SETTABLE_STATUS.includes(body.status)) throw badRequest(`body.status must be RUNNING or STOPPED (the others are states the server reports), got '${body.status}'`);
    store.putSetting(`service:${serviceType}`, body.status);
    return service(store, serviceType);
  });

  op(app, spec, 'fsGetRoot', async (request) => listing(request, ROOT));
  op(app, spec, 'fsGetDirectory', async (request) => listing(request, pathOfGuid(request.params.guid)));

  op(app, spec, 'fsCreateDirectory', async (request, reply) => {
    const store = request.oic.fileServer;
    const body = request.body;
    const name = checkName('body.name', body.name);
    const parent = checkPath('body.parent', body.parent ?? ROOT);
    const path = join(parent, name);
    store.createDirectory(path, callerName(request));
    return reply.code(200).type('application/json; charset=utf-8').header('location', dirHref(path)).send(JSON.stringify(guidOf(path)));
  });

  op(app, spec, 'fsDeleteDirectory', async (request, reply) => {
    const store = request.oic.fileServer;
    const path = pathOfGuid(request.params.guid);
    if (path === ROOT) throw badRequest('The root folder cannot be deleted');
    store.requireDirectory(path);
    const { recursive } = request.query;
    if (recursive !== true && store.children(path).length) throw conflict(`Folder '${path}' is not empty: delete what it holds first, or pass recursive=true`);
    store.delete(path);
    return reply.code(200).send();
  });

  op(app, spec, 'fsGetPermissions', async (request) => {
    const store = request.oic.fileServer;
    const path = pathOfGuid(request.params.guid);
    const dir = store.requireDirectory(path);
    const all = ['READ', 'WRITE', 'DELETE', 'LIST'];
    return {
      guid: guidOf(path), path,
      items: [
        { principal: dir.owner, principalType: 'USER', permissions: all, inherited: path === ROOT },
        { principal: 'ServiceAdministrator', principalType: 'ROLE', permissions: all, inherited: true },
      ],
    };
  });

  const filePath = (request: { params: { guid: string; name: string } }) => {
    const { guid, name } = request.params;
    return join(pathOfGuid(guid), checkName('file name', name));
  };

  op(app, spec, 'fsUploadFile', async (request, reply) => {
    const store = request.oic.fileServer;
    const path = filePath(request);
    const content = request.body;
    if (!Buffer.isBuffer(content)) throw badRequest('Send the file bytes as the body, with Content-Type: application/octet-stream');
    const config = configuration(store);
    if (content.length > config.maxFileSizeBytes) throw new ApiError('payloadTooLarge', `The file is ${content.length} bytes; the File Server takes at most ${config.maxFileSizeBytes} (configuration maxFileSizeBytes)`);
    const previous = store.get(path)?.size ?? 0;
    const used = store.usage().bytes - previous + content.length;
    if (used > config.quotaBytes) throw conflict(`Quota exceeded: the files would use ${used} bytes of ${config.quotaBytes} (configuration quotaBytes)`);
    const created = store.writeFile(path, content, callerName(request));
    return reply.code(created ? 201 : 200).header('location', `${dirHref(path.slice(0, path.lastIndexOf('/')) || ROOT)}/files/${encodeURIComponent(path.slice(path.lastIndexOf('/') + 1))}`)
      .send(childView(store.get(path)!));
  });

  op(app, spec, 'fsDownloadFile', async (request, reply) => {
    const store = request.oic.fileServer;
    const path = filePath(request);
    const content = store.content(path);
    const name = path.slice(path.lastIndexOf('/') + 1);
    return reply.code(200).type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${name.replace(/["\\]/g, '_')}"`).send(content);
  });

  op(app, spec, 'fsDeleteFile', async (request, reply) => {
    const store = request.oic.fileServer;
    const path = filePath(request);
    store.requireFile(path);
    store.delete(path);
    return reply.code(200).send();
  });
}
