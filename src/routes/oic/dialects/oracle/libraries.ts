/**
 * JavaScript libraries in Oracle's dialect (/ic/api/integration/v1/libraries;
 * only Oracle's API has them): `CODE|VERSION` ids, `code`, `version`,
 * `type` (API), the functions the file declares, Oracle's time names.
 */
import type { LibraryRecord } from '../../../../store/oic/libraries';
import { LIBRARIES } from '../../../../oic/links';

export const librarySelf = (id: string) => `${LIBRARIES}/${encodeURIComponent(id)}`;

export function oracleLibraryView(r: LibraryRecord) {
  const self = librarySelf(r.id);
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    name: r.name,
    ...(r.description ? { description: r.description } : {}),
    type: r.type,
    status: 'CONFIGURED',
    fileName: r.fileName ?? undefined,
    functions: r.functions.map((name) => ({ name })),
    created: new Date(r.created).toISOString(),
    createdBy: r.createdBy,
    lastUpdated: new Date(r.updated).toISOString(),
    links: [{ rel: 'self', href: self }, { rel: 'archive', href: `${self}/archive` }],
  };
}
