import type { Migration } from './index';

/**
 * Tables of the oic area (prefix: oic_). Append new migrations; never edit shipped ones.
 *
 * Each resource keeps its whole definition as JSON in `doc`; the columns next
 * to it are the ones lists filter, sort or join on. `oic_integrations(id)` is
 * referenced by the runtime's tables (ON DELETE CASCADE), so it must keep its
 * name and key. Project membership is checked by the stores, not by foreign
 * keys, because resources may live outside any project.
 */
/** A table of a resource that is its name, status, audit columns and JSON definition (projects, lookups). */
const designTable = (name: string) => `CREATE TABLE ${name} (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  created_time TEXT NOT NULL,
  created_by TEXT NOT NULL,
  modified_time TEXT NOT NULL,
  doc TEXT NOT NULL
);`;

export const OIC_MIGRATIONS: Migration[] = [
  {
    area: 'oic',
    version: 1,
    name: 'design time: projects, integrations, connections, lookups',
    sql: `
${designTable('oic_projects')}

CREATE TABLE oic_integrations (
  id TEXT PRIMARY KEY,
  identifier TEXT NOT NULL,
  version TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  pattern TEXT NOT NULL,
  style TEXT NOT NULL,
  project_id TEXT,
  created_time TEXT NOT NULL,
  created_by TEXT NOT NULL,
  modified_time TEXT NOT NULL,
  imported_time TEXT,
  imported_by TEXT,
  activated_time TEXT,
  activated_by TEXT,
  doc TEXT NOT NULL
);
CREATE INDEX oic_integrations_project ON oic_integrations(project_id);
CREATE INDEX oic_integrations_identifier ON oic_integrations(identifier);

CREATE TABLE oic_connections (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  adapter_type TEXT NOT NULL,
  status TEXT NOT NULL,
  test_status TEXT NOT NULL,
  last_test_time TEXT,
  project_id TEXT,
  created_time TEXT NOT NULL,
  created_by TEXT NOT NULL,
  modified_time TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX oic_connections_project ON oic_connections(project_id);

-- Which connections each integration references (derived from its definition,
-- rewritten on every change): answers "who uses this connection" quickly.
CREATE TABLE oic_integration_connections (
  integration_id TEXT NOT NULL REFERENCES oic_integrations(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL,
  PRIMARY KEY (integration_id, connection_id)
);
CREATE INDEX oic_integration_connections_conn ON oic_integration_connections(connection_id);

${designTable('oic_lookups')}
`,
  },
];
