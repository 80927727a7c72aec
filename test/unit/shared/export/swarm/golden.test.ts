import { resolve } from 'node:path';
import { seededRandom } from '../../../../../shared/export/index';
import { exportSwarm } from '../../../../../shared/export/swarm/index';
import { describeGoldenTrees, TARGET_CASES } from '../../../../support/golden-tree';

/*
 * Every file of the Swarm export of each template, byte for byte, with seededRandom(1), in
 * test/golden/swarm/. After an intended change, review the diff and rewrite them:
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/shared/export/swarm/golden.test.ts`.
 */
describeGoldenTrees('Swarm golden files', resolve('test/golden/swarm'), TARGET_CASES, (project, proxy) => {
  const result = exportSwarm(project, { random: seededRandom(1), ...(proxy ? { proxy } : {}) });
  return result.ok ? result.files : undefined;
});
