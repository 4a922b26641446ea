/**
 * JavaScript libraries (table oic_extra_libraries, area oic-extra),
 * HTTP-free. A library is `CODE|VERSION`; its file (a .js file or a jar of
 * them) is kept byte for byte, with the functions it declares, so a list
 * shows them and an export gives the bytes back.
 */
import type { AppContext } from '../../core/context';
import { conflict, notFound } from '../../core/errors';
import { prepareAll } from '../statements';

export interface LibraryInput {
  code: string;
  version: string;
  name: string;
  description: string | null;
  type: string;
  fileName: string | null;
  content: Buffer;
  functions: string[];
}

export interface LibraryRecord extends LibraryInput { id: string; created: number; createdBy: string; updated: number }

interface Row {
  id: string; code: string; version: string; name: string; description: string | null; type: string; file_name: string | null;
  content: Buffer; functions: string; created: number; created_by: string; updated: number;
}

const toRecord = (r: Row): LibraryRecord => ({
  id: r.id, code: r.code, version: r.version, name: r.name, description: r.description, type: r.type, fileName: r.file_name,
  content: r.content, functions: JSON.parse(r.functions) as string[], created: r.created, createdBy: r.created_by, updated: r.updated,
});

/** Every statement of the store, by name. */
const SQL = {
  insert: `INSERT INTO oic_extra_libraries (id, code, version, name, description, type, file_name, content, functions, created, created_by, updated)
    VALUES (@id, @code, @version, @name, @description, @type, @fileName, @content, @functions, @now, @user, @now)`,
  replaceFile: 'UPDATE oic_extra_libraries SET file_name = ?, content = ?, functions = ?, updated = ? WHERE id = ?',
  get: 'SELECT * FROM oic_extra_libraries WHERE id = ?',
  all: 'SELECT * FROM oic_extra_libraries ORDER BY code, version',
  delete: 'DELETE FROM oic_extra_libraries WHERE id = ?',
} as const;

export class LibraryStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  create(input: LibraryInput, user: string): LibraryRecord {
    const id = `${input.code}|${input.version}`;
    if (this.q.get.get(id)) throw conflict(`Library '${id}' already exists; delete it first or import another version`);
    this.q.insert.run({ ...input, id, functions: JSON.stringify(input.functions), now: this.ctx.clock.now(), user });
    return this.require(id);
  }

  replaceFile(id: string, fileName: string | null, content: Buffer, functions: string[]): LibraryRecord {
    this.require(id);
    this.q.replaceFile.run(fileName, content, JSON.stringify(functions), this.ctx.clock.now(), id);
    return this.require(id);
  }

  get(id: string): LibraryRecord | undefined {
    const r = this.q.get.get(id) as Row | undefined;
    return r && toRecord(r);
  }

  require(id: string): LibraryRecord {
    const rec = this.get(id);
    if (!rec) throw notFound(`Library '${id}' was not found (ids are CODE|VERSION, e.g. JSLIB|01.00.0000)`);
    return rec;
  }

  all(): LibraryRecord[] {
    return (this.q.all.all() as Row[]).map(toRecord);
  }

  delete(id: string): void {
    this.require(id);
    this.q.delete.run(id);
  }
}
