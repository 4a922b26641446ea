/**
 * What an integration is to its callers: the stored definition (what a
 * client designed), the summary row a listing gives and the full record,
 * and the small rules on them (the id, the default style, the tracing an
 * activation asks for). The store (./integrations.ts) keeps them in
 * oic_integrations; the row mapping is in ./integration-rows.ts.
 */

export type IntegrationStatus = 'CONFIGURED' | 'ACTIVE';

export interface ConnectionRef {
  role?: string;
  connectionId: string;
  operations?: Array<Record<string, unknown>>;
  [k: string]: unknown;
}

export interface TracingOptions {
  enablePayloadTracing: boolean;
  payloadTracingLevel: string;
}

/** What an activate request asks for, with the defaults (tracing off, PRODUCTION level). */
export function tracingOf(body: { enablePayloadTracing?: boolean; payloadTracingLevel?: string }): TracingOptions {
  return { enablePayloadTracing: body.enablePayloadTracing ?? false, payloadTracingLevel: body.payloadTracingLevel ?? 'PRODUCTION' };
}

/** What creates an integration: a definition whose style may be left to its default. */
export interface IntegrationInput {
  name: string;
  identifier: string;
  version: string;
  description?: string;
  pattern: string;
  style?: string;
  projectId?: string;
  configuration?: Record<string, unknown>;
  connections?: ConnectionRef[];
  transformations?: Array<Record<string, unknown>>;
  tracing?: TracingOptions;
  [k: string]: unknown;
}

/** The stored definition: what a client designed (plus `tracing` while ACTIVE). */
export interface IntegrationDefinition extends IntegrationInput {
  style: string;
}

export interface IntegrationRow {
  id: string;
  identifier: string;
  version: string;
  name: string;
  status: string;
  pattern: string;
  style: string;
  projectId: string | null;
  createdTime: string;
  modifiedTime: string;
}

export interface IntegrationRecord extends IntegrationRow {
  createdBy: string;
  importedTime: string | null;
  importedBy: string | null;
  activatedTime: string | null;
  activatedBy: string | null;
  definition: IntegrationDefinition;
}

export const integrationId = (identifier: string, version: string) => `${identifier}|${version}`;

/** Style when a definition does not say: SCHEDULED for scheduled patterns or a configured schedule, else APP_DRIVEN. */
export function defaultStyle(def: { pattern?: string; configuration?: Record<string, unknown> }): string {
  return def.pattern === 'SCHEDULED_ORCHESTRATION' || def.configuration?.schedule ? 'SCHEDULED' : 'APP_DRIVEN';
}
