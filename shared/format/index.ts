export {
  loadProject,
  MAX_PROJECT_BYTES,
  ALIAS_BUDGET,
  type LoadResult,
  type LoadOptions,
  type ElementLocations,
} from './load';
export { formatNeeded, saveProject } from './save';
export { MIGRATIONS, OLDEST_DIRECT_FORMAT, runMigrations, type Migration, type MigrationOutcome } from './migrations';
export { DERIVED_CONNECTIONS, sameConnection } from './migrate-v1';
export type { FormatCode, FormatProblem, FormatSeverity } from './problems';
