/**
 * The app's pino logger: one JSON line per event for machines (CI logs,
 * Docker), or pino-pretty's readable lines when a person is watching a
 * terminal. pino-pretty is loaded only in that case and runs in-process
 * (no transport worker thread), so a non-interactive start-up pays nothing
 * for it.
 */
import pino from 'pino';
import type { FastifyBaseLogger, onResponseHookHandler } from 'fastify';
import { maskUrl } from './mask';
import type { Config } from '../config';

export function wantsPretty(config: Pick<Config, 'logFormat'>, isTty: boolean): boolean {
  return config.logFormat === 'pretty' || (config.logFormat === 'auto' && isTty);
}

export function createLogger(config: Pick<Config, 'logFormat' | 'logLevel'>, stream: NodeJS.WriteStream = process.stdout): FastifyBaseLogger {
  const options = { level: config.logLevel };
  if (config.logLevel === 'silent' || !wantsPretty(config, stream.isTTY === true)) return pino(options);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  return pino(options, pretty({
    colorize: stream.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,reqId,method,url,status,ms,caller',
    // The request line reads like an access log; other events keep their message.
    messageFormat: (log: Record<string, unknown>, messageKey: string) => (log.method && log.status !== undefined
      ? `${log.method} ${log.url} ${log.status} ${log.ms}ms${log.caller ? ` (${log.caller})` : ''}`
      : String(log[messageKey] ?? '')),
    destination: stream,
    sync: true,
  }));
}

/** onResponse: the one log line of a request (Fastify's own two are off); its fields are only worked out when it will be written. */
export const logRequest: onResponseHookHandler = function logRequest(request, reply, done) {
  if ((request.log as pino.Logger).isLevelEnabled('info')) {
    request.log.info({ method: request.method, url: maskUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, caller: request.caller?.name }, 'request');
  }
  done();
};
