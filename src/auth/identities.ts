/**
 * Declared OAuth clients and Basic-auth users (from configuration and
 * fixtures), and the policy that decides who may get a token or call OIC.
 *
 * Default policy: any non-empty client id/secret gets a token, except that a
 * declared client must present its own secret. --strict-auth: only declared
 * clients. Basic auth on OIC routes: declared users only, in both modes.
 */
import crypto from 'node:crypto';
import type { Config, DeclaredClient, DeclaredUser } from '../config';

export type ClientCheck = { ok: true } | { ok: false; reason: string };

function sameSecret(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

export class Identities {
  private clients = new Map<string, DeclaredClient>();
  private users = new Map<string, DeclaredUser>();

  constructor(private readonly config: Config) {
    this.reset();
  }

  /** Back to the configured clients and users (fixtures add theirs after). */
  reset(): void {
    this.clients = new Map(this.config.clients.map((c) => [c.clientId, c]));
    this.users = new Map(this.config.users.map((u) => [u.username, u]));
  }

  addClient(client: DeclaredClient): void {
    this.clients.set(client.clientId, client);
  }

  addUser(user: DeclaredUser): void {
    this.users.set(user.username, user);
  }

  listClients(): DeclaredClient[] {
    return [...this.clients.values()];
  }

  listUsers(): DeclaredUser[] {
    return [...this.users.values()];
  }

  checkClient(clientId: string, secret: string): ClientCheck {
    if (!clientId || !secret) return { ok: false, reason: 'Client id and client secret must not be empty' };
    const declared = this.clients.get(clientId);
    if (declared) {
      return sameSecret(declared.clientSecret, secret) ? { ok: true } : { ok: false, reason: `Invalid client secret for client '${clientId}'` };
    }
    if (this.config.strictAuth) return { ok: false, reason: `Unknown client '${clientId}' (strict authentication accepts declared clients only)` };
    return { ok: true };
  }

  /** Scopes a declared client may request; undefined = any. */
  allowedScopes(clientId: string): string[] | undefined {
    const s = this.clients.get(clientId)?.scopes;
    return s && s.length ? s : undefined;
  }

  checkUser(username: string, password: string): ClientCheck {
    const user = this.users.get(username);
    if (!user) return { ok: false, reason: `Unknown user '${username}'` };
    return sameSecret(user.password, password) ? { ok: true } : { ok: false, reason: `Invalid password for user '${username}'` };
  }
}

/** Decode an `Authorization: Basic` value into its two parts, or null. */
export function parseBasic(header: string | undefined): { id: string; secret: string } | null {
  if (!header) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return null;
  // RFC 6749 2.3.1: client credentials are form-url-encoded before base64.
  const unescape = (s: string) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; } };
  return { id: unescape(decoded.slice(0, i)), secret: unescape(decoded.slice(i + 1)) };
}
