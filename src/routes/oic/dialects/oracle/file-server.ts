/**
 * File Server entries in Oracle's shape (/ic/api/fileserver/v1): a directory
 * with its child directories and files, each linked by the directory's guid.
 */
import { FILE_SERVER } from '../../../../oic/links';
import { guidOf } from '../../../../oic/real/fs-paths';
import { ROOT, type FsEntry } from '../../../../store/oic/file-server';

const iso = (t: number) => new Date(t).toISOString();
/** The address of a directory (by its guid). */
export const dirHref = (path: string) => `${FILE_SERVER}/filesystem/directories/${guidOf(path)}`;

export function childView(e: FsEntry) {
  const name = e.path.slice(e.path.lastIndexOf('/') + 1);
  if (e.kind === 'DIRECTORY') return { name, parent: e.parent, createdDate: iso(e.created), links: [{ rel: 'self', href: dirHref(e.path) }] };
  return {
    name, parent: e.parent, size: String(e.size), createdDate: iso(e.created), lastModifiedDate: iso(e.modified),
    links: [{ rel: 'self', href: `${dirHref(e.parent)}/files/${encodeURIComponent(name)}` }],
  };
}

/** A directory: its own fields, its subdirectories and (unless listFiles is false) its files. */
export function directoryView(path: string, dir: FsEntry, children: FsEntry[], listFiles: boolean) {
  return {
    guid: guidOf(path),
    path,
    ...(path === ROOT ? {} : { createDate: iso(dir.created) }),
    directories: children.filter((e) => e.kind === 'DIRECTORY').map(childView),
    files: listFiles ? children.filter((e) => e.kind === 'FILE').map(childView) : [],
    links: [{ rel: 'self', href: dirHref(path) }, { rel: 'permissions', href: `${dirHref(path)}/permissions` }],
  };
}
