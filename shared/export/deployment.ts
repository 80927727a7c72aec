import type { Diagnostic } from '../rules/types';
import type { DeploymentPlan } from './plan';
import type { ExportFile } from './types';

// Being written now (see the export issue); replaced before this lands.
export function exportDeploymentGuide(_plan: DeploymentPlan, _diagnostics: readonly Diagnostic[]): ExportFile {
  throw new Error('DEPLOYMENT.md export is not written yet');
}
