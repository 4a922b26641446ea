/**
 * Every operation of the official SDK's DataIntegrationClient has a route:
 * the operations (name, method, path, query parameters) are read from the
 * SDK's own client code, then compared with openapi/dis.yaml and with the
 * routes the app registered. A missing operation fails by name.
 *
 * KNOWN_MISSING is for operations knowingly left out while others are added
 * on another branch (empty now: every operation is served); it may only
 * shrink: an entry that has a route fails too, so the list stays exact.
 */
import t from 'tap';
import fs from 'node:fs';
import * as di from 'oci-dataintegration';
import { buildTestApp } from '../../helpers/app';
import { loadSpec } from '../../../src/openapi/spec';

const KNOWN_MISSING = new Set<string>([]);

interface SdkOperation {
  name: string;
  method: string;
  /** The service path with the API version, e.g. /20200430/workspaces/{workspaceId}. */
  path: string;
  query: string[];
}

/** The SDK's operations, from its client: each method sets operationName, queryParams, path and method. */
function sdkOperations(): SdkOperation[] {
  const src = fs.readFileSync(require.resolve('oci-dataintegration/lib/client.js'), 'utf8');
  const re = /const operationName = "(\w+)";[\s\S]*?const queryParams = \{([\s\S]*?)\};[\s\S]*?path: "([^"]+)",\s*method: "(\w+)"/g;
  const ops: SdkOperation[] = [];
  for (let m = re.exec(src); m; m = re.exec(src)) {
    ops.push({ name: m[1], method: m[4], path: `/20200430${m[3]}`, query: [...m[2].matchAll(/"(\w+)":/g)].map((x) => x[1]) });
  }
  return ops;
}

t.test('every DataIntegrationClient operation has a route with the SDK\'s method, path and query parameters', async (t) => {
  const ops = sdkOperations();
  const methods = Object.getOwnPropertyNames(di.DataIntegrationClient.prototype);
  t.equal(ops.length, 163, 'oci-dataintegration 2.139.1 has 163 operations');
  t.same(ops.filter((o) => !methods.includes(o.name)).map((o) => o.name), [], 'each is a method of the client');
  t.equal(new Set(ops.map((o) => o.name)).size, ops.length, 'names are unique');

  const spec = loadSpec('dis');
  const { app } = await buildTestApp(t);
  const routes = new Set(app.routes.entries.map((r) => `${r.method} ${r.url}`));
  const missing: string[] = [];
  for (const o of ops) {
    const specOp = spec.operations.get(o.name);
    const routed = specOp && routes.has(`${specOp.method} ${specOp.url}`);
    if (KNOWN_MISSING.has(o.name)) {
      t.notOk(routed, `${o.name} is served now: remove it from KNOWN_MISSING`);
      if (!routed) missing.push(o.name);
      continue;
    }
    if (!specOp) {
      t.fail(`${o.name} (${o.method} ${o.path}) is not in openapi/dis.yaml`);
      continue;
    }
    t.same([specOp.method, specOp.path], [o.method, o.path], `${o.name}: method and path as the SDK calls them`);
    t.ok(routed, `${o.name}: a route serves it`);
    const declared = Object.keys((specOp.schema.querystring as { properties?: object } | undefined)?.properties ?? {});
    t.same(o.query.filter((q) => !declared.includes(q)), [], `${o.name}: every query parameter the SDK sends is declared`);
  }
  t.same(missing.sort(), [...KNOWN_MISSING].sort(), 'the known-missing list names only operations the SDK has');
  const served = ops.filter((o) => {
    const specOp = spec.operations.get(o.name);
    return specOp && routes.has(`${specOp.method} ${specOp.url}`);
  });
  t.comment(`served: ${served.length} of ${ops.length}; known missing: ${missing.length ? missing.join(', ') : 'none'}`);
});
