/** The records of the OCI Integration control plane, as the SDK's models name their fields. */
export type LifecycleState = 'CREATING' | 'UPDATING' | 'ACTIVE' | 'INACTIVE' | 'DELETING' | 'DELETED' | 'FAILED';

export interface InstanceDoc {
  id: string;
  displayName: string;
  compartmentId: string;
  integrationInstanceType: string;
  timeCreated: string;
  timeUpdated: string;
  lifecycleState: LifecycleState;
  stateMessage?: string;
  isByol: boolean;
  instanceUrl: string;
  instanceDesignTimeUrl: string;
  messagePacks: number;
  shape?: string;
  customEndpoint?: { hostname: string; managedType?: string; [k: string]: unknown };
  attachments?: Array<{ targetRole: string; isImplicit: boolean; targetId: string; targetInstanceUrl: string; targetServiceType: string }>;
  isDisasterRecoveryEnabled?: boolean;
  disasterRecoveryDetails?: { role: string; [k: string]: unknown };
  dataRetentionPeriod?: string;
  logGroupId?: string;
  processAutomationLogGroupId?: string;
  [field: string]: any;
}

export interface WorkRequestDoc {
  id: string;
  operationType: string;
  status: 'ACCEPTED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELING' | 'CANCELED';
  compartmentId: string;
  resources: Array<{ entityType: string; actionType: string; identifier: string; entityUri: string }>;
  percentComplete: number;
  timeAccepted: string;
  timeStarted?: string;
  timeFinished?: string;
}

/**
 * What the OIC side (the service-instance registry) is told when an instance
 * changes state, so its /ic/api answers follow the control plane: created on
 * CREATING (503 until ACTIVE), 503 while INACTIVE, gone once DELETED.
 */
export interface ServiceInstanceLink {
  /** The service name is taken (by a configured instance or another live integration instance). */
  isTaken(name: string): boolean;
  setState(name: string, state: LifecycleState): void;
}
