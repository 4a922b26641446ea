/**
 * Certificates (/ic/api/integration/v1/certificates): list, get, upload
 * from a multipart form (name, type, category, file, description and the
 * type's passwords), delete. Oracle's answers: 204 on upload, 409 when the
 * alias exists, 200 on delete. An X.509 TRUST certificate must be one (PEM
 * or DER): its subject, issuer and validity are read from it and shown.
 * The other kinds (keystores, PGP and signing keys) are kept as sent.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../core/errors';
import { parsePage, pageOfList } from '../../../core/pagination';
import { op } from '../../../openapi/routes';
import { uploadOp } from '../upload';
import { loadSpec } from '../../../openapi/spec';
import { compileQ } from '../../../oic/q-filter';
import { CERTIFICATES, callerName } from '../../../oic/links';
import { certificateView, x509Of } from '../dialects/oracle/certificates';
import { type CertificateRecord } from '../../../store/oic/certificates';
import { readForm, requiredField } from './multipart-form';

/** Oracle's type -> the categories it allows. */
const CATEGORIES: Record<string, string[]> = {
  X509: ['TRUST', 'IDENTITY'],
  SAML: ['OWSM'],
  PGP: ['PRIVATE', 'PUBLIC'],
  SIGNKEY: ['PRIVATE', 'PUBLIC'],
  DIGITALSIGNATURE: ['PRIVATE', 'PUBLIC'],
};
const FORM_FIELDS = ['name', 'type', 'category', 'description', 'ascii', 'cipher', 'installedType', 'keyPasswords', 'keystorePassword', 'passPhrase'];
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

const Q_FIELDS = {
  fields: {
    name: { get: (r: CertificateRecord) => r.alias },
    type: { get: (r: CertificateRecord) => r.type },
    category: { get: (r: CertificateRecord) => r.category },
  },
  termFields: ['name'],
};

export default async function realCertificateRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'realListCertificates', async (request) => {
    const query = request.query;
    const page = parsePage(query);
    const items = request.oic.certificates.all().filter(compileQ(query.q, Q_FIELDS));
    return pageOfList(items, page, certificateView);
  });

  op(app, spec, 'realGetCertificate', async (request) => certificateView(request.oic.certificates.require(request.params.id)));

  uploadOp(app, spec, 'realUploadCertificate', async (request, reply) => {
    const form = await readForm(request, FORM_FIELDS, 'certificate');
    const alias = requiredField(form, 'name');
    const type = requiredField(form, 'type').toUpperCase();
    const category = requiredField(form, 'category').toUpperCase();
    if (!ALIAS.test(alias)) throw badRequest(`Form field 'name' '${alias}' must be letters, digits, '_', '.' or '-' (at most 100)`);
    const allowed = CATEGORIES[type];
    if (!allowed) throw badRequest(`Form field 'type' must be one of ${Object.keys(CATEGORIES).join(', ')}, got '${form.fields.type}'`);
    if (!allowed.includes(category)) throw badRequest(`Form field 'category' must be ${allowed.join(' or ')} for type ${type}, got '${form.fields.category}'`);
    if (type === 'X509' && category === 'IDENTITY' && !form.fields.keystorePassword) throw badRequest("An X509 IDENTITY certificate (a keystore) needs the form field 'keystorePassword'");
    const candidate = { type, category, content: form.file.data };
    if (type === 'X509' && category === 'TRUST' && !x509Of(candidate)) throw badRequest('The file is not an X.509 certificate (PEM or DER)');
    request.oic.certificates.create({ alias, type, category, description: form.fields.description?.trim() || null, fileName: form.file.fileName ?? null, content: form.file.data }, callerName(request));
    return reply.code(204).header('location', `${CERTIFICATES}/${encodeURIComponent(alias)}`).send();
  });

  op(app, spec, 'realDeleteCertificate', async (request, reply) => {
    request.oic.certificates.delete(request.params.id);
    return reply.code(200).send();
  });
}
