/**
 * Integration instances of the OCI Integration control plane. Every write is
 * accepted as a work request and puts the instance in its transitional state
 * (CREATING, UPDATING, DELETING); the simulator applies the change when the
 * work request finishes (finishWorkRequest). The OIC service instance an
 * integration instance stands for is told about each state change
 * (ServiceInstanceLink), so its /ic/api follows the control plane.
 */
import type { AppContext } from '../../core/context';
import { conflict, incorrectState, notFound, preconditionFailed } from '../../core/errors';
import { etagOf, ocid, parseDoc, sortAndPage, type ListQuery, type ListResult } from '../dis/common';
import { ACTIONS, type Body, type InstanceAction } from './actions';
import type { InstanceDoc, LifecycleState, ServiceInstanceLink, WorkRequestDoc } from './model';
import type { IntegrationWorkRequests, WorkRequestRow } from './work-requests';
import { compartmentReads } from '../statements';

interface Row {
  seq: number;
  id: string;
  service_name: string;
  etag: string;
  doc: string;
}

export interface InstanceRecord {
  instance: InstanceDoc;
  etag: string;
  serviceName: string;
}

export interface ListFilter {
  displayName?: string;
  lifecycleState?: string;
  sortBy?: 'TIMECREATED' | 'DISPLAYNAME';
  sortOrder?: 'ASC' | 'DESC';
}

export class IntegrationInstances {
  private readonly sql;

  constructor(private readonly ctx: AppContext, private readonly workRequests: IntegrationWorkRequests, private readonly link: ServiceInstanceLink) {
    const db = ctx.db;
    this.sql = {
      ...compartmentReads(db, 'oci_int_instances'),
      insert: db.prepare(`INSERT INTO oci_int_instances (id, compartment_id, display_name, service_name, lifecycle_state, time_created, etag, doc)
        VALUES (@id, @compartmentId, @displayName, @serviceName, @lifecycleState, @timeCreated, @etag, @doc)`),
      liveByService: db.prepare("SELECT id FROM oci_int_instances WHERE service_name = ? AND lifecycle_state != 'DELETED' LIMIT 1"),
      live: db.prepare("SELECT service_name, lifecycle_state FROM oci_int_instances WHERE lifecycle_state != 'DELETED'"),
      update: db.prepare(`UPDATE oci_int_instances SET compartment_id = @compartmentId, display_name = @displayName, lifecycle_state = @lifecycleState,
        etag = @etag, doc = @doc WHERE id = @id`),
    };
  }

  /** Service names and states of the live instances (the registry reads them at start-up with --db). */
  liveServices(): Array<{ name: string; state: LifecycleState }> {
    return (this.sql.live.all() as Array<{ service_name: string; lifecycle_state: LifecycleState }>).map((r) => ({ name: r.service_name, state: r.lifecycle_state }));
  }

  /** Whether a live integration instance stands for this OIC service name. */
  managesService(name: string): boolean {
    return !!this.sql.liveByService.get(name);
  }

  create(input: Body, baseUrl: string): WorkRequestDoc {
    return this.ctx.db.transaction(() => {
      const name = String(input.displayName);
      if (this.managesService(name) || this.link.isTaken(name)) {
        throw conflict(`An integration instance named '${name}' already exists (the name is also its OIC service instance name, integrationInstance=${name})`);
      }
      const now = this.ctx.clock.nowIso();
      const { idcsAt: _secret, domainId: _domain, ...fields } = input;
      const id = ocid(this.ctx.ids, 'integrationinstance');
      const doc: InstanceDoc = {
        ...fields,
        id,
        displayName: name,
        compartmentId: String(input.compartmentId),
        integrationInstanceType: String(input.integrationInstanceType),
        timeCreated: now,
        timeUpdated: now,
        lifecycleState: 'CREATING',
        isByol: !!input.isByol,
        messagePacks: Number(input.messagePacks),
        // Real instances get a host of their own; here the instance is chosen by the parameter.
        instanceUrl: `${baseUrl}/ic/home?integrationInstance=${encodeURIComponent(name)}`,
        instanceDesignTimeUrl: `${baseUrl}/ic/home?integrationInstance=${encodeURIComponent(name)}`,
        isFileServerEnabled: !!input.isFileServerEnabled,
        isVisualBuilderEnabled: !!input.isVisualBuilderEnabled,
        consumptionModel: input.consumptionModel ?? 'UCM',
        shape: input.shape ?? 'PRODUCTION',
        isDisasterRecoveryEnabled: !!input.isDisasterRecoveryEnabled,
        privateEndpointOutboundConnection: { outboundConnectionType: 'NONE' },
        dataRetentionPeriod: 'MONTHS_1',
        attachments: [],
        freeformTags: input.freeformTags ?? {},
        definedTags: input.definedTags ?? {},
        systemTags: {},
        idcsInfo: {
          idcsAppLocationUrl: `${baseUrl}/admin/v1/Apps`,
          idcsAppDisplayName: `${name}_APPID`,
          idcsAppId: ocid(this.ctx.ids, 'idcsapp').slice(-32),
          idcsAppName: `${name}_APPID`,
          instancePrimaryAudienceUrl: `${baseUrl}/`,
        },
      };
      if (input.customEndpoint) doc.customEndpoint = { hostname: String(input.customEndpoint.hostname), managedType: 'CUSTOMER_MANAGED' };
      const etag = etagOf(doc);
      this.sql.insert.run({ id, compartmentId: doc.compartmentId, displayName: name, serviceName: name, lifecycleState: 'CREATING', timeCreated: now, etag, doc: JSON.stringify(doc) });
      const wr = this.workRequests.create(doc, 'create', ACTIONS.create.operationType(input), {});
      this.link.setState(name, 'CREATING');
      return wr;
    })();
  }

  get(id: string): InstanceRecord | null {
    const row = this.sql.get.get(id) as Row | undefined;
    return row ? { instance: parseDoc<InstanceDoc>(row.doc), etag: row.etag, serviceName: row.service_name } : null;
  }

  require(id: string): InstanceRecord {
    const rec = this.get(id);
    if (!rec) throw notFound(`Integration instance ${id} not found or not authorized`);
    return rec;
  }

  /** A compartment's instances; DELETED ones only when that state is asked for (as OCI lists do). */
  list(compartmentId: string, f: ListFilter, q: ListQuery): ListResult<InstanceDoc> {
    const rows = (this.sql.byCompartment.all(compartmentId) as Row[]).map((r) => ({ seq: r.seq, doc: parseDoc<InstanceDoc>(r.doc) })).filter(({ doc }) =>
      (f.lifecycleState ? doc.lifecycleState === f.lifecycleState : doc.lifecycleState !== 'DELETED') && (!f.displayName || doc.displayName === f.displayName));
    const page = sortAndPage(rows, { ...q, sortBy: f.sortBy === 'DISPLAYNAME' ? 'DISPLAY_NAME' : 'TIME_CREATED', sortOrder: f.sortOrder }, (r) => ({
      seq: r.seq, created: r.doc.timeCreated, updated: r.doc.timeUpdated, name: r.doc.displayName,
    }));
    return { items: page.items.map((r) => r.doc), total: page.total };
  }

  /** Accept an operation on an existing instance: check it now, apply it when its work request finishes. */
  act(id: string, action: Exclude<InstanceAction, 'create'>, body: Body, ifMatch?: string): WorkRequestDoc {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== rec.etag) {
        throw preconditionFailed(`if-match '${ifMatch}' does not match the current etag of integration instance ${id}`);
      }
      const rule = ACTIONS[action];
      const doc = rec.instance;
      if (!rule.from.includes(doc.lifecycleState)) {
        throw incorrectState(`Integration instance ${id} is ${doc.lifecycleState}; ${action} needs it ${rule.from.join(' or ')}`);
      }
      rule.check?.(doc, body);
      const before = doc.lifecycleState;
      this.save(rec, { ...doc, lifecycleState: rule.during, timeUpdated: this.ctx.clock.nowIso() });
      this.link.setState(rec.serviceName, rule.during);
      return this.workRequests.create(doc, action, rule.operationType(body), { body, before });
    })();
  }

  /** Apply a finished work request to its instance (inside the simulator's transaction). */
  finishWorkRequest(row: WorkRequestRow, at: number): void {
    const rec = this.get(row.instance_id);
    if (!rec) return;
    const rule = ACTIONS[row.action];
    const { body = {}, before } = JSON.parse(row.payload) as { body?: Body; before?: LifecycleState };
    const doc = { ...rec.instance };
    rule.apply?.(doc, body);
    doc.lifecycleState = rule.done ?? before ?? 'ACTIVE';
    doc.timeUpdated = new Date(at).toISOString();
    this.save(rec, doc);
    this.workRequests.finish(row, at, rule.resourceAction);
    this.link.setState(rec.serviceName, doc.lifecycleState);
  }

  private save(rec: InstanceRecord, doc: InstanceDoc): void {
    const etag = etagOf(doc);
    this.sql.update.run({ id: doc.id, compartmentId: doc.compartmentId, displayName: doc.displayName, lifecycleState: doc.lifecycleState, etag, doc: JSON.stringify(doc) });
    rec.instance = doc;
    rec.etag = etag;
  }
}
