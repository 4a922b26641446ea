#!/usr/bin/env node
/**
 * The ceiling of this stack: Fastify (the emulator's version, from
 * node_modules), no logger, no hooks, no database, answering a static JSON
 * body about the size of an integration. POST parses its JSON body first, as
 * any create call must. Started by the benchmark as a child process, like the
 * emulator.
 */
'use strict';
const fastify = require('fastify')({ logger: false });

const BODY = {
  id: 'BENCH_INT|01.00.0000',
  name: 'Bench integration',
  identifier: 'BENCH_INT',
  version: '01.00.0000',
  status: 'CONFIGURED',
  pattern: 'APP_DRIVEN_ORCHESTRATION',
  style: 'SCHEDULED',
  description: 'A static body of about the size of an integration',
  createdTime: '2025-06-15T10:00:00Z',
  createdBy: 'oic-emulator-client',
  modifiedTime: '2025-06-15T10:00:00Z',
  links: [
    { rel: 'self', href: '/ic/api/integration/v1/integrations/BENCH_INT%7C01.00.0000' },
    { rel: 'activate', href: '/ic/api/integration/v1/integrations/BENCH_INT%7C01.00.0000/activate' },
  ],
};

fastify.get('/static', async () => BODY);
fastify.post('/static', async (request, reply) => {
  if (!request.body || typeof request.body !== 'object') return reply.code(400).send({ error: 'JSON body expected' });
  return reply.code(201).send(BODY);
});

fastify.listen({ port: Number(process.env.PORT || 0), host: '127.0.0.1' }).then((address) => {
  process.stdout.write(`bare-fastify listening on ${address}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => fastify.close().then(() => process.exit(0)));
