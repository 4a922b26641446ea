import type { Migration } from './index';
import { retryTokenTable, workRequestTables } from './oci-tables';

/**
 * Tables of the OCI Integration control plane (/20190131; prefix oci_int_).
 * They describe the OIC service instances themselves, so they live in the
 * main database only and are cleared by a full reset (not by an OIC-scoped
 * one, which empties instances' contents, not the instances). Append new
 * migrations; never edit shipped ones.
 */
export const OCI_INTEGRATION_MIGRATIONS: Migration[] = [
  {
    area: 'oci-integration',
    version: 1,
    name: 'integration instances, their work requests, retry tokens',
    sql: `
      CREATE TABLE oci_int_instances (
        id TEXT PRIMARY KEY,
        compartment_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        -- The OIC service instance name (integrationInstance): the display name at creation.
        service_name TEXT NOT NULL,
        lifecycle_state TEXT NOT NULL,
        time_created TEXT NOT NULL,
        etag TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX oci_int_instances_compartment ON oci_int_instances (compartment_id);
      CREATE INDEX oci_int_instances_service ON oci_int_instances (service_name);

      -- Asynchronous operations; due_at is the next lifecycle step (clock ms).
      ${workRequestTables('oci_int', ['instance_id TEXT NOT NULL', 'action TEXT NOT NULL', 'status TEXT NOT NULL'])}

      ${retryTokenTable('oci_int')}
    `,
  },
];
