import type { DeploymentPlan, ProxyPlan } from './plan';
import type { ExportFile, ExportOptions } from './types';

/** Formats one reverse proxy of the plan as that flavour's configuration files. */
export type ProxyExporter = (proxy: ProxyPlan, plan: DeploymentPlan, options: ExportOptions) => ExportFile[];
