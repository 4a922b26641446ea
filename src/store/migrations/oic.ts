import type { Migration } from './index';

/** Tables of the oic area (prefix: oic_). Append new migrations; never edit shipped ones. */
export const OIC_MIGRATIONS: Migration[] = [];
