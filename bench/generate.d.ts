import type { Project } from '../shared/model/types';
/**
 * A large, valid, realistic project: `sites` copies of the manual-proxy deployment (proxy,
 * nextauth with environment, mgmt, database with secrets, redis, externals, clients), so the
 * benchmarks exercise every part of the model rather than one repeated record.
 */
export declare function generateProject(componentCount: number): Project;
