/**
 * The stores behind DIS applications, transfers (copy/export/import
 * requests), function libraries and external publications, grouped so the
 * DIS store registry needs one entry for them.
 */
import type { AppContext } from '../../core/context';
import type { DisApplications } from './applications';
import type { DesignObjects } from './design';
import { DisAppsStore } from './dis-apps';
import { DisExportFiles } from './export-files';
import { DisExternalPublications } from './external-publications';
import { DisFunctionLibraries } from './function-libraries';
import { DisFunctionValidations } from './function-validations';
import { DisObjectDue } from './object-due';
import { DisTransfers } from './transfers';
import type { DisWorkspaces } from './workspaces';

export interface DisAppStores {
  disApps: DisAppsStore;
  functionLibraries: DisFunctionLibraries;
  functionValidations: DisFunctionValidations;
  externalPublications: DisExternalPublications;
  transfers: DisTransfers;
  exportFiles: DisExportFiles;
  due: DisObjectDue;
}

export function createDisAppStores(ctx: AppContext, workspaces: DisWorkspaces, applications: DisApplications, design: DesignObjects): DisAppStores {
  const due = new DisObjectDue(ctx);
  const exportFiles = new DisExportFiles(ctx);
  const externalPublications = new DisExternalPublications(ctx, workspaces, design, due);
  return {
    disApps: new DisAppsStore(ctx, workspaces, applications, design),
    functionLibraries: new DisFunctionLibraries(ctx, workspaces, design),
    functionValidations: new DisFunctionValidations(ctx, workspaces, design.objects, externalPublications),
    externalPublications,
    transfers: new DisTransfers(ctx, workspaces, design, exportFiles, due),
    exportFiles,
    due,
  };
}
