import type { Migration } from './index';

/** Tables of the dis area (prefix: dis_). Append new migrations; never edit shipped ones. */
export const DIS_MIGRATIONS: Migration[] = [];
