/**
 * An instance's activity stream in the real API's shape, served by
 * `activityStreamDetails` and by its deprecated alias `activityStream`, and
 * the text lines of the flow log (GET /monitoring/logs/icsflowlog) built from
 * the same timeline (src/sim/activities.ts).
 */
import { timeline, type DefinitionLike } from '../../../../sim/activities';
import type { ExecutionRecord } from '../../../../store/runtime/executions';
import type { RealInstanceStatus } from '../../../../oic/real/status';

export interface StreamIntegration { identifier: string; version: string; definition: DefinitionLike }

export function activityStreamView(e: ExecutionRecord, integration: StreamIntegration, status: RealInstanceStatus, now: number) {
  const { activities, errors } = timeline(e, integration.definition, now);
  return {
    instanceId: e.id,
    integrationId: integration.identifier,
    status,
    items: activities.map((a) => ({
      sequence: a.sequence, name: a.name, type: a.type, status: a.status, message: a.message,
      date: a.startTime, endDate: a.endTime, duration: a.duration, retryAttempt: a.retryAttempt,
    })),
    errors,
    totalResults: activities.length,
  };
}

/** One line per activity and error: `<time> <LEVEL> [CODE|VERSION] [instance] <what happened>`. */
export function flowLogLines(e: ExecutionRecord, integration: StreamIntegration, status: RealInstanceStatus, now: number): string[] {
  const { activities, errors } = timeline(e, integration.definition, now);
  const who = `[${integration.identifier}|${integration.version}] [${e.id}]`;
  const lines = activities.map((a) => ({ at: a.startTime, text: `${a.startTime} ${a.status === 'FAILED' ? 'ERROR' : 'INFO '} ${who} ${a.type} ${a.name}: ${a.status}${a.retryAttempt ? ` (retry ${a.retryAttempt})` : ''} - ${a.message}` }));
  for (const err of errors) lines.push({ at: err.timestamp, text: `${err.timestamp} ERROR ${who} ${err.activity}: ${err.errorCode} ${err.errorMessage}` });
  if (status === 'ABORTED') lines.push({ at: new Date(e.endTime ?? now).toISOString(), text: `${new Date(e.endTime ?? now).toISOString()} WARN  ${who} instance aborted` });
  return lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((l) => l.text);
}
