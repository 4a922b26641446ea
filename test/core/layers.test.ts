/**
 * The layers of src/ point one way: core <- store <- sim <- routes. core
 * (clock, errors, context, pure time arithmetic) imports no store, simulator
 * or route; a store (HTTP-free state, the only SQL) imports no simulator or
 * route; the simulator imports no route. Every import statement of every
 * src file is read (type-only and dynamic imports too), so a change that
 * points a layer the wrong way fails here with the file and the import.
 * SQL is prepared or executed in src/store/ only.
 */
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';

const SRC = path.resolve(__dirname, '../../src');

/** What each layer must not import (top-level folders of src/). */
const FORBIDDEN: Record<string, string[]> = {
  core: ['store', 'sim', 'routes'],
  store: ['sim', 'routes'],
  sim: ['routes'],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The module names a file imports: `import ... from`, `export ... from`, `import '...'`, `import('...')`. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2]);
  return out;
}

/** The top-level folder of src/ a path is in ('' for a file directly in src/ or outside it). */
function layerOf(file: string): string {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..')) return '';
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : '';
}

t.test('the import reader sees every form of import', async (t) => {
  const text = [
    "import type { A } from '../store/a';",
    "import { B,\n  C } from '../sim/b';",
    "export { D } from '../routes/d';",
    "export * from './e';",
    "import './side-effect';",
    "const f = await import('../routes/f');",
    "export const g = 'not an import';",
  ].join('\n');
  t.same(importsOf(text), ['../store/a', '../sim/b', '../routes/d', './e', './side-effect', '../routes/f']);
});

t.test('core <- store <- sim <- routes: no layer imports one above it', async (t) => {
  const files = sourceFiles(SRC);
  t.ok(files.length > 100, `read ${files.length} src files`);
  const wrong: string[] = [];
  let checked = 0;
  for (const file of files) {
    const layer = layerOf(file);
    const forbidden = FORBIDDEN[layer];
    if (!forbidden) continue;
    for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      checked++;
      const target = layerOf(path.resolve(path.dirname(file), spec));
      if (forbidden.includes(target)) wrong.push(`${path.relative(SRC, file)} (${layer}) imports '${spec}' (${target})`);
    }
  }
  t.ok(checked > 100, `checked ${checked} relative imports of core, store and sim`);
  t.same(wrong, [], 'imports that point a layer the wrong way');
});

t.test('SQL is prepared and run in src/store only', async (t) => {
  const sql = /\.prepare\(|\bdb\.(?:exec|pragma)\(/;
  const outside = sourceFiles(SRC)
    .filter((file) => layerOf(file) !== 'store' && sql.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(SRC, file));
  t.same(outside, [], 'src files outside src/store that prepare or run SQL');
  t.ok(sql.test("this.q = { get: db.prepare('SELECT 1') }") && sql.test("db.exec('DROP TABLE x')") && !sql.test('/a/.exec(text)'), 'the check sees SQL calls, not regular expressions');
});
