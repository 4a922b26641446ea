/**
 * The DIS stores of an app instance (HTTP-free: state and rules). Routes,
 * the lifecycle simulators and fixtures all go through them.
 */
import type { AppContext } from '../../core/context';
import { DisApiKeys } from './api-keys';
import { createDisAppStores, type DisAppStores } from './app-stores';
import { DisApplications } from './applications';
import { DisCatalog } from './catalog';
import { DisDataAssets } from './data-assets';
import { DesignObjects } from './design';
import { DisObjects } from './objects';
import { DisRetryTokens } from './retry-tokens';
import { DisSchedules } from './schedules';
import { DisSettings } from './settings';
import { DisTaskRuns } from './task-runs';
import { DisValidations } from './validations';
import { DisWorkRequests } from './work-requests';
import { DisWorkspaces } from './workspaces';
import { DisSchemas } from './schemas';
import { DisReferences } from './references';
import { DisRunRows } from './run-rows';
import { DisRuntimePipelines } from './runtime-pipelines';
import { DisRunStates } from './run-states';
import { DisTemplates } from './templates';
import { DisCountStatistics } from './count-statistics';

export interface DisStores {
  keys: DisApiKeys;
  settings: DisSettings;
  workRequests: DisWorkRequests;
  workspaces: DisWorkspaces;
  design: DesignObjects;
  catalog: DisCatalog;
  dataAssets: DisDataAssets;
  applications: DisApplications;
  taskRuns: DisTaskRuns;
  schedules: DisSchedules;
  retryTokens: DisRetryTokens;
  validations: DisValidations;
  schemas: DisSchemas;
  references: DisReferences;
  runtimePipelines: DisRuntimePipelines;
  runStates: DisRunStates;
  templates: DisTemplates;
  countStatistics: DisCountStatistics;
  /** DIS applications, transfers, function libraries, external publications. */
  apps: DisAppStores;
}

export function createDisStores(ctx: AppContext): DisStores {
  const settings = new DisSettings(ctx);
  const workRequests = new DisWorkRequests(ctx, settings);
  const workspaces = new DisWorkspaces(ctx, workRequests);
  const design = new DesignObjects(ctx, new DisObjects(ctx));
  const applications = new DisApplications(ctx, workspaces, design);
  const taskRuns = new DisTaskRuns(ctx, applications, design, settings);
  const runRows = new DisRunRows(ctx, design);
  const runtimePipelines = new DisRuntimePipelines(ctx, applications, runRows);
  return {
    keys: new DisApiKeys(ctx),
    settings,
    workRequests,
    workspaces,
    design,
    catalog: new DisCatalog(ctx, workspaces, design),
    dataAssets: new DisDataAssets(ctx, workspaces, design),
    applications,
    taskRuns,
    schedules: new DisSchedules(ctx, applications, design, taskRuns),
    retryTokens: new DisRetryTokens(ctx),
    validations: new DisValidations(ctx, workspaces, design),
    schemas: new DisSchemas(workspaces, design),
    references: new DisReferences(ctx, applications, design),
    runtimePipelines,
    runStates: new DisRunStates(applications, design, runRows, runtimePipelines),
    templates: new DisTemplates(workspaces),
    countStatistics: new DisCountStatistics(workspaces, design),
    apps: createDisAppStores(ctx, workspaces, applications, design),
  };
}
