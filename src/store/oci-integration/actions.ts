/**
 * What each asynchronous operation of the OCI Integration control plane does
 * to an integration instance: the states it may start from, the state while
 * its work request runs, the work request's operationType, the check made
 * when the request is accepted (so a client hears 400/409 at once) and the
 * change applied when the work request finishes (on the clock).
 */
import { badRequest, incorrectState } from '../../core/errors';
import type { InstanceDoc, LifecycleState } from './model';

export type InstanceAction =
  | 'create' | 'update' | 'delete' | 'start' | 'stop' | 'changeCompartment' | 'changeNetworkEndpoint'
  | 'changePrivateEndpointOutboundConnection' | 'enableProcessAutomation' | 'disableProcessAutomation'
  | 'convertInstance' | 'extendDataRetention' | 'failover' | 'addOracleManagedCustomEndpoint'
  | 'removeOracleManagedCustomEndpoint' | 'addLogAnalyticsLogGroup' | 'removeLogAnalyticsLogGroup';

export type Body = Record<string, any>;

interface ActionRule {
  /** States the instance may be in when the request arrives. */
  from: LifecycleState[];
  during: LifecycleState;
  /** State after success; undefined: the state it was in before. */
  done?: LifecycleState;
  operationType: (body: Body) => string;
  /** actionType of the resource once finished. */
  resourceAction: 'CREATED' | 'UPDATED' | 'STOPPED' | 'STARTED' | 'DELETED';
  check?: (doc: InstanceDoc, body: Body) => void;
  apply?: (doc: InstanceDoc, body: Body) => void;
}

const PA_ATTACHMENT = 'PROCESS_AUTOMATION';
const hasPa = (doc: InstanceDoc) => (doc.attachments ?? []).some((a) => a.targetServiceType === PA_ATTACHMENT);
const RETENTION_ORDER = ['MONTHS_1', 'MONTHS_3', 'MONTHS_6'];
const UPDATE_FIELDS = ['displayName', 'integrationInstanceType', 'freeformTags', 'definedTags', 'securityAttributes', 'isByol', 'messagePacks', 'isFileServerEnabled', 'isVisualBuilderEnabled', 'customEndpoint', 'alternateCustomEndpoints'];
const fixed = (t: string) => () => t;

export const ACTIONS: Record<InstanceAction, ActionRule> = {
  create: { from: [], during: 'CREATING', done: 'ACTIVE', operationType: fixed('CREATE_INTEGRATION_INSTANCE'), resourceAction: 'CREATED' },
  update: {
    from: ['ACTIVE', 'INACTIVE'], during: 'UPDATING', operationType: fixed('UPDATE_INTEGRATION_INSTANCE'), resourceAction: 'UPDATED',
    check: (_doc, body) => {
      if (!UPDATE_FIELDS.some((f) => body[f] !== undefined)) throw badRequest(`Nothing to update: give at least one of ${UPDATE_FIELDS.join(', ')}`);
    },
    apply: (doc, body) => {
      for (const f of UPDATE_FIELDS) {
        if (body[f] === undefined) continue;
        if (f === 'customEndpoint') doc.customEndpoint = customEndpoint(body[f], 'CUSTOMER_MANAGED');
        else if (f === 'alternateCustomEndpoints') doc.alternateCustomEndpoints = (body[f] as Body[]).map((e) => customEndpoint(e, 'CUSTOMER_MANAGED'));
        else (doc as Body)[f] = body[f];
      }
    },
  },
  delete: { from: ['ACTIVE', 'INACTIVE', 'FAILED'], during: 'DELETING', done: 'DELETED', operationType: fixed('DELETE_INTEGRATION_INSTANCE'), resourceAction: 'DELETED' },
  start: { from: ['INACTIVE'], during: 'UPDATING', done: 'ACTIVE', operationType: fixed('START_INTEGRATION_INSTANCE'), resourceAction: 'STARTED' },
  stop: { from: ['ACTIVE'], during: 'UPDATING', done: 'INACTIVE', operationType: fixed('STOP_INTEGRATION_INSTANCE'), resourceAction: 'STOPPED' },
  changeCompartment: {
    from: ['ACTIVE', 'INACTIVE'], during: 'UPDATING', operationType: fixed('UPDATE_INTEGRATION_INSTANCE'), resourceAction: 'UPDATED',
    check: (doc, body) => {
      if (body.compartmentId === doc.compartmentId) throw badRequest(`The instance is already in compartment ${doc.compartmentId}`);
    },
    apply: (doc, body) => { doc.compartmentId = body.compartmentId; },
  },
  changeNetworkEndpoint: {
    from: ['ACTIVE'], during: 'UPDATING', operationType: fixed('UPDATE_INTEGRATION_INSTANCE'), resourceAction: 'UPDATED',
    apply: (doc, body) => { doc.networkEndpointDetails = body.networkEndpointDetails ?? null; },
  },
  changePrivateEndpointOutboundConnection: {
    from: ['ACTIVE'], during: 'UPDATING', operationType: fixed('CHANGE_PRIVATE_ENDPOINT_OUTBOUND_CONNECTION'), resourceAction: 'UPDATED',
    check: (_doc, body) => {
      const c = body.privateEndpointOutboundConnection;
      if (c?.outboundConnectionType === 'PRIVATE_ENDPOINT' && !c.subnetId) throw badRequest('privateEndpointOutboundConnection.subnetId is required for a PRIVATE_ENDPOINT connection');
    },
    apply: (doc, body) => { doc.privateEndpointOutboundConnection = body.privateEndpointOutboundConnection ?? { outboundConnectionType: 'NONE' }; },
  },
  enableProcessAutomation: {
    from: ['ACTIVE'], during: 'UPDATING', operationType: fixed('ENABLE_PROCESS_AUTOMATION'), resourceAction: 'UPDATED',
    check: (doc) => { if (hasPa(doc)) throw incorrectState('Process Automation is already enabled on this instance'); },
    apply: (doc) => {
      doc.attachments = [...(doc.attachments ?? []), { targetRole: 'CHILD', isImplicit: true, targetId: `${doc.id}.opa`, targetInstanceUrl: `${doc.instanceUrl}/process`, targetServiceType: PA_ATTACHMENT }];
    },
  },
  disableProcessAutomation: {
    from: ['ACTIVE'], during: 'UPDATING', operationType: fixed('DISABLE_PROCESS_AUTOMATION'), resourceAction: 'UPDATED',
    check: (doc) => { if (!hasPa(doc)) throw incorrectState('Process Automation is not enabled on this instance'); },
    apply: (doc) => {
      doc.attachments = (doc.attachments ?? []).filter((a) => a.targetServiceType !== PA_ATTACHMENT);
      delete doc.processAutomationLogGroupId;
    },
  },
  convertInstance: {
    from: ['ACTIVE'], during: 'UPDATING', resourceAction: 'UPDATED',
    operationType: (body) => body.conversionPhase ?? 'CONVERT_INSTANCE',
    check: (doc, body) => {
      if (body.conversionType === 'DEVELOPMENT_SHAPE' && doc.shape === 'DEVELOPMENT') throw incorrectState('The instance already has the DEVELOPMENT shape');
      if (body.conversionType === 'PRODUCTION_SHAPE' && doc.shape !== 'DEVELOPMENT') throw incorrectState('The instance already has the PRODUCTION shape');
      if (body.conversionType === 'DISASTER_RECOVERY' && doc.isDisasterRecoveryEnabled) throw incorrectState('Disaster recovery is already enabled on this instance');
    },
    apply: (doc, body) => {
      if (body.conversionPhase === 'ROLLBACK_MIGRATION') return;
      if (body.conversionType === 'DEVELOPMENT_SHAPE') doc.shape = 'DEVELOPMENT';
      else if (body.conversionType === 'PRODUCTION_SHAPE') doc.shape = 'PRODUCTION';
      else {
        doc.isDisasterRecoveryEnabled = true;
        doc.disasterRecoveryDetails = disasterRecovery(doc, 'PRIMARY');
      }
    },
  },
  extendDataRetention: {
    from: ['ACTIVE'], during: 'UPDATING', operationType: fixed('EXTEND_DATA_RETENTION'), resourceAction: 'UPDATED',
    check: (doc, body) => {
      const current = doc.dataRetentionPeriod ?? 'MONTHS_1';
      if (RETENTION_ORDER.indexOf(body.dataRetentionPeriod) <= RETENTION_ORDER.indexOf(current)) {
        throw badRequest(`dataRetentionPeriod can only be extended: it is ${current}, and ${body.dataRetentionPeriod} is not longer`);
      }
    },
    apply: (doc, body) => { doc.dataRetentionPeriod = body.dataRetentionPeriod; },
  },
  failover: {
    from: ['ACTIVE'], during: 'UPDATING', operationType: fixed('DISASTER_RECOVERY_FAILOVER'), resourceAction: 'UPDATED',
    check: (doc) => { if (!doc.isDisasterRecoveryEnabled) throw incorrectState('Disaster recovery is not enabled on this instance (convertInstance with conversionType DISASTER_RECOVERY first)'); },
    apply: (doc, _body) => {
      const role = doc.disasterRecoveryDetails?.role === 'PRIMARY' ? 'SECONDARY' : 'PRIMARY';
      doc.disasterRecoveryDetails = disasterRecovery(doc, role);
    },
  },
  addOracleManagedCustomEndpoint: {
    from: ['ACTIVE'], during: 'UPDATING', operationType: fixed('CREATE_CUSTOM_ENDPOINT'), resourceAction: 'UPDATED',
    check: (doc) => { if (doc.customEndpoint) throw incorrectState(`The instance already has the custom endpoint ${doc.customEndpoint.hostname}`); },
    apply: (doc, body) => { doc.customEndpoint = { ...customEndpoint(body, 'ORACLE_MANAGED'), dnsType: body.dnsType ?? 'OCI', dnsZoneName: body.dnsZoneName }; },
  },
  removeOracleManagedCustomEndpoint: {
    from: ['ACTIVE'], during: 'UPDATING', operationType: fixed('DELETE_CUSTOM_ENDPOINT'), resourceAction: 'UPDATED',
    check: (doc) => { if (doc.customEndpoint?.managedType !== 'ORACLE_MANAGED') throw incorrectState('The instance has no Oracle-managed custom endpoint'); },
    apply: (doc) => { delete doc.customEndpoint; },
  },
  addLogAnalyticsLogGroup: {
    from: ['ACTIVE'], during: 'UPDATING', resourceAction: 'UPDATED',
    operationType: (body) => (body.attachmentType === PA_ATTACHMENT ? 'ADD_OPA_LOG_ANALYTICS_LOG_GROUP' : 'ADD_LOG_ANALYTICS_LOG_GROUP'),
    check: (doc, body) => {
      if (body.attachmentType === PA_ATTACHMENT && !hasPa(doc)) throw incorrectState('Process Automation is not enabled on this instance');
    },
    apply: (doc, body) => {
      if (body.attachmentType === PA_ATTACHMENT) doc.processAutomationLogGroupId = body.logGroupId;
      else doc.logGroupId = body.logGroupId;
    },
  },
  removeLogAnalyticsLogGroup: {
    from: ['ACTIVE'], during: 'UPDATING', resourceAction: 'UPDATED',
    operationType: (body) => (body.attachmentType === PA_ATTACHMENT ? 'DELETE_OPA_LOG_ANALYTICS_LOG_GROUP' : 'DELETE_LOG_ANALYTICS_LOG_GROUP'),
    check: (doc, body) => {
      const field = body.attachmentType === PA_ATTACHMENT ? 'processAutomationLogGroupId' : 'logGroupId';
      if (!doc[field]) throw incorrectState(`The instance has no ${field === 'logGroupId' ? '' : 'Process Automation '}Log Analytics log group`);
    },
    apply: (doc, body) => {
      if (body.attachmentType === PA_ATTACHMENT) delete doc.processAutomationLogGroupId;
      else delete doc.logGroupId;
    },
  },
};

function customEndpoint(input: Body, managedType: 'ORACLE_MANAGED' | 'CUSTOMER_MANAGED') {
  return {
    hostname: String(input.hostname),
    managedType,
    ...(input.dnsZoneName ? { dnsZoneName: input.dnsZoneName } : {}),
    ...(input.certificateSecretId ? { certificateSecretId: input.certificateSecretId, certificateSecretVersion: 1 } : {}),
  };
}

function disasterRecovery(doc: InstanceDoc, role: 'PRIMARY' | 'SECONDARY') {
  return {
    role,
    regionalInstanceUrl: doc.instanceUrl,
    crossRegionIntegrationInstanceDetails: { role: role === 'PRIMARY' ? 'SECONDARY' : 'PRIMARY', id: `${doc.id}.dr`, region: 'us-phoenix-1' },
  };
}
