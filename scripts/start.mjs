#!/usr/bin/env node
/**
 * `npm start`: build if an input changed (build-if-stale.mjs), then run the
 * server in this same process with the arguments given (`npm start -- --port
 * 0`). One Node process and one npm script instead of a `prestart` script and
 * a second process: on an unchanged tree, start-up is npm's own plus the
 * server's.
 */
import { createRequire } from 'node:module';
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale({ quiet: true });
// dist/server.js reads process.argv.slice(2): this script's arguments.
createRequire(import.meta.url)('../dist/server.js');
