/**
 * State tables for control-plane tests, created next to the real stores'
 * tables: they follow the same oic_/dis_ naming convention, so reset and
 * snapshots must handle them without being told.
 */
import type { FastifyInstance } from 'fastify';

export function createTestTables(app: FastifyInstance): void {
  app.ctx.db.exec(`
    CREATE TABLE IF NOT EXISTS oic_t_parent (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE, doc TEXT NOT NULL,
      status TEXT GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL);
    CREATE TABLE IF NOT EXISTS oic_t_child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES oic_t_parent(id), big INTEGER, blob BLOB, note TEXT);
    CREATE INDEX IF NOT EXISTS oic_t_child_parent ON oic_t_child(parent_id);
    CREATE TABLE IF NOT EXISTS dis_t_items (key TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
  `);
}

export function seedRows(app: FastifyInstance, n = 3): void {
  const db = app.ctx.db;
  const parent = db.prepare('INSERT INTO oic_t_parent (code, doc) VALUES (?, ?)');
  const child = db.prepare('INSERT INTO oic_t_child (parent_id, big, blob, note) VALUES (?, ?, ?, ?)');
  const item = db.prepare('INSERT INTO dis_t_items (key, doc) VALUES (?, ?)');
  // Continue after existing rows so repeated calls never collide.
  const start = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM oic_t_parent').get() as { m: number }).m;
  db.transaction(() => {
    for (let i = start; i < start + n; i++) {
      const id = parent.run(`CODE_${i}`, JSON.stringify({ status: i % 2 ? 'ACTIVE' : 'CONFIGURED', i })).lastInsertRowid;
      child.run(id, 9007199254740993n + BigInt(i), Buffer.from([0, 1, 2, i]), i === 0 ? null : `note ${i}`);
      item.run(`key-${i}`, JSON.stringify({ i }));
    }
  })();
}

export const count = (app: FastifyInstance, table: string) =>
  (app.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
