/**
 * The File Server's tree (tables oic_extra_fs_entries and
 * oic_extra_fs_settings, area oic-extra), HTTP-free. Entries are folders
 * and files under the root `/`, known by their absolute path; a file keeps
 * its bytes. The root is implicit. Settings (configuration, service states)
 * are small JSON values by key.
 */
import type { AppContext } from '../../core/context';
import { conflict, notFound } from '../../core/errors';
import { prepareAll } from '../statements';

export type EntryKind = 'DIRECTORY' | 'FILE';

export interface FsEntry { path: string; parent: string; kind: EntryKind; size: number; created: number; modified: number; owner: string }

interface Row { path: string; parent: string; kind: EntryKind; size: number; created: number; modified: number; owner: string; content?: Buffer | null }

const toEntry = (r: Row): FsEntry => ({ path: r.path, parent: r.parent, kind: r.kind, size: r.size, created: r.created, modified: r.modified, owner: r.owner });

export const ROOT = '/';

/** The parent of an absolute path ('/a/b' -> '/a', '/a' -> '/'). */
export const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || ROOT;
export const join = (dir: string, name: string) => (dir === ROOT ? `/${name}` : `${dir}/${name}`);

/** Every statement of the store, by name. */
const SQL = {
  get: 'SELECT path, parent, kind, size, created, modified, owner FROM oic_extra_fs_entries WHERE path = ?',
  content: 'SELECT content FROM oic_extra_fs_entries WHERE path = ? AND kind = \'FILE\'',
  children: 'SELECT path, parent, kind, size, created, modified, owner FROM oic_extra_fs_entries WHERE parent = ? ORDER BY kind, path',
  insert: `INSERT INTO oic_extra_fs_entries (path, parent, kind, content, size, created, modified, owner)
    VALUES (@path, @parent, @kind, @content, @size, @now, @now, @owner)`,
  overwrite: 'UPDATE oic_extra_fs_entries SET content = ?, size = ?, modified = ? WHERE path = ?',
  deleteTree: "DELETE FROM oic_extra_fs_entries WHERE path = @path OR path LIKE @prefix ESCAPE '\\'",
  usage: "SELECT COALESCE(SUM(size), 0) AS bytes, COUNT(*) AS files FROM oic_extra_fs_entries WHERE kind = 'FILE'",
  setting: 'SELECT value FROM oic_extra_fs_settings WHERE key = ?',
  putSetting: 'INSERT INTO oic_extra_fs_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
} as const;

export class FileServerStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  get(path: string): FsEntry | undefined {
    const r = this.q.get.get(path) as Row | undefined;
    return r && toEntry(r);
  }

  /** A folder (the root included); 404 naming the path otherwise. */
  requireDirectory(path: string): FsEntry {
    if (path === ROOT) return { path: ROOT, parent: ROOT, kind: 'DIRECTORY', size: 0, created: 0, modified: 0, owner: 'system' };
    const e = this.get(path);
    if (!e || e.kind !== 'DIRECTORY') throw notFound(`Folder '${path}' was not found`);
    return e;
  }

  requireFile(path: string): FsEntry {
    const e = this.get(path);
    if (!e || e.kind !== 'FILE') throw notFound(`File '${path}' was not found`);
    return e;
  }

  children(path: string): FsEntry[] {
    return (this.q.children.all(path) as Row[]).map(toEntry);
  }

  content(path: string): Buffer {
    this.requireFile(path);
    return (this.q.content.get(path) as { content: Buffer }).content;
  }

  createDirectory(path: string, owner: string): FsEntry {
    const parent = parentOf(path);
    this.requireDirectory(parent);
    if (this.get(path)) throw conflict(`'${path}' already exists`);
    this.q.insert.run({ path, parent, kind: 'DIRECTORY', content: null, size: 0, now: this.ctx.clock.now(), owner });
    return this.get(path)!;
  }

  /** Write a file (create or overwrite); true when it was created. */
  writeFile(path: string, content: Buffer, owner: string): boolean {
    const parent = parentOf(path);
    this.requireDirectory(parent);
    const existing = this.get(path);
    if (existing?.kind === 'DIRECTORY') throw conflict(`'${path}' is a folder`);
    if (existing) {
      this.q.overwrite.run(content, content.length, this.ctx.clock.now(), path);
      return false;
    }
    this.q.insert.run({ path, parent, kind: 'FILE', content, size: content.length, now: this.ctx.clock.now(), owner });
    return true;
  }

  /** Delete an entry and, for a folder, everything under it. */
  delete(path: string): void {
    const prefix = `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
    this.q.deleteTree.run({ path, prefix });
  }

  usage(): { bytes: number; files: number } {
    return this.q.usage.get() as { bytes: number; files: number };
  }

  setting<T>(key: string, fallback: T): T {
    const r = this.q.setting.get(key) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as T) : fallback;
  }

  putSetting(key: string, value: unknown): void {
    this.q.putSetting.run(key, JSON.stringify(value));
  }
}
