#!/usr/bin/env node
/**
 * dist/server.js (copied there by scripts/bundle.mjs): runs the bundled
 * emulator, dist/server.bundle.js, with V8's code cache.
 *
 * Compiling the ~2.5 MB bundle and the functions start-up calls is a fifth of
 * the start-up time. The build starts the server once and saves what V8
 * compiled (dist/server.bundle.cache); later starts reuse it. A cache made by
 * another Node/V8 version is rejected by V8 and the bundle simply compiles as
 * usual, so a stale or missing cache costs speed, never correctness.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'server.bundle.js');
const cacheFile = path.join(__dirname, 'server.bundle.cache');
const writeCache = process.env.OIE_WRITE_CODE_CACHE === '1';

/**
 * Compiled in a function of its own so that the bundle's text as read and
 * the cache's bytes are garbage once V8 has them: only the wrapped source
 * V8 keeps for lazy compilation stays (another copy of the ~3 MB text and
 * the ~1.5 MB cache would otherwise live as long as the server).
 */
function compile() {
  let cachedData;
  if (!writeCache) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // no cache (e.g. built without one): compile normally
    }
  }
  return new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8').replace(/^#!.*/, '')), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
}
const script = compile();

if (writeCache) {
  // Build mode (scripts/bundle.mjs): once the server listens, everything
  // start-up needs is compiled: save it and stop.
  const net = require('node:net');
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    this.once('listening', () => setImmediate(() => {
      fs.writeFileSync(cacheFile, script.createCachedData());
      process.exit(0);
    }));
    return listen.apply(this, args);
  };
}

const mod = new Module(file, module);
mod.filename = file;
mod.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, __dirname);
