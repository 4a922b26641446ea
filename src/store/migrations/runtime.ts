import type { Migration } from './index';

/** Tables of the runtime area (prefix: oic_). Append new migrations; never edit shipped ones. */
export const RUNTIME_MIGRATIONS: Migration[] = [];
