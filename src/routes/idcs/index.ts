/**
 * Mock IDCS: the OAuth 2.0 token endpoint and the published signing keys.
 * Errors here use OAuth 2.0's format ({"error","error_description"}), not
 * OIC's, because OAuth client libraries parse that.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadSpec } from '../../openapi/spec';
import { op } from '../../openapi/routes';
import { parseBasic } from '../../auth/identities';
import { OAuthError } from './oauth-error';

export default async function idcsRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  op(app, spec, 'requestToken', async (request: FastifyRequest<{ Body: Record<string, string> }>) => {
    const body = request.body ?? {};
    const basic = parseBasic(request.headers.authorization);
    if (request.headers.authorization && !basic) throw new OAuthError(401, 'invalid_client', 'Authorization header must be HTTP Basic with client_id:client_secret');
    if (basic && (body.client_id || body.client_secret)) {
      throw new OAuthError(400, 'invalid_request', 'Client credentials were sent both in the Authorization header and in the body; use one method');
    }
    const clientId = basic?.id ?? body.client_id;
    const secret = basic?.secret ?? body.client_secret;
    if (clientId === undefined || secret === undefined) {
      throw new OAuthError(401, 'invalid_client', 'Client authentication is required: HTTP Basic base64(client_id:client_secret) or client_id and client_secret in the body');
    }
    if (!body.grant_type) throw new OAuthError(400, 'invalid_request', 'Missing grant_type parameter');
    if (body.grant_type !== 'client_credentials') {
      throw new OAuthError(400, 'unsupported_grant_type', `Grant type '${body.grant_type}' is not supported; use client_credentials`);
    }
    const check = app.identities.checkClient(clientId, secret);
    if (!check.ok) throw new OAuthError(401, 'invalid_client', check.reason);
    const scope = (body.scope ?? '').trim();
    const allowed = app.identities.allowedScopes(clientId);
    if (allowed && scope && !scope.split(/\s+/).every((s) => allowed.includes(s))) {
      throw new OAuthError(400, 'invalid_scope', `Client '${clientId}' may not request scope '${scope}'`);
    }
    return app.tokens.issue(clientId, scope || 'urn:opc:resource:consumer::all');
  }, {
    onSend: async (_req, reply, payload) => {
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      return payload;
    },
  });

  op(app, spec, 'getSigningCertJwk', async () => app.tokens.jwks());

  op(app, spec, 'getOpenIdConfiguration', async (request) => {
    const base = `${request.protocol}://${request.headers.host ?? `${app.ctx.config.host}:${app.ctx.config.port}`}`;
    return {
      issuer: app.ctx.config.issuer,
      token_endpoint: `${base}/oauth2/v1/token`,
      jwks_uri: `${base}/admin/v1/SigningCert/jwk`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
    };
  });
}
