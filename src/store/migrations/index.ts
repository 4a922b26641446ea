/**
 * Every area's migrations, in the order they must run (oic before runtime:
 * runtime tables reference integrations). Add a migration by appending to the
 * area's own list; never edit one that has shipped.
 *
 * Table names carry their API's prefix (oic_*, dis_*): reset and snapshots
 * rely on it to clear or copy one API's state.
 */
import { CORE_MIGRATIONS } from './core';
import { OIC_MIGRATIONS } from './oic';
import { RUNTIME_MIGRATIONS } from './runtime';
import { DIS_MIGRATIONS } from './dis';
import { REAL_OIC_MIGRATIONS } from './real-oic';
import { OCI_INTEGRATION_MIGRATIONS } from './oci-integration';
import { DIS_APPS_MIGRATIONS } from './dis-apps';
import { OIC_AUDIT_MIGRATIONS, OIC_EXTRA_MIGRATIONS } from './oic-more';
import { OIC_ARCHIVE_MIGRATIONS } from './oic-archives';
import { OIC_SIA_MIGRATIONS } from './oic-sia';

export interface Migration {
  /** The part of the emulator that owns the tables (core, oic, runtime, dis). */
  area: string;
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  ...CORE_MIGRATIONS,
  ...OIC_MIGRATIONS,
  ...RUNTIME_MIGRATIONS,
  ...DIS_MIGRATIONS,
  ...REAL_OIC_MIGRATIONS,
  ...OCI_INTEGRATION_MIGRATIONS,
  ...DIS_APPS_MIGRATIONS,
  ...OIC_AUDIT_MIGRATIONS,
  ...OIC_EXTRA_MIGRATIONS,
  ...OIC_ARCHIVE_MIGRATIONS,
  ...OIC_SIA_MIGRATIONS,
];
