import { resolve } from 'node:path';
import { seededRandom } from '../../../../../shared/export/index';
import { exportKubernetes } from '../../../../../shared/export/kubernetes/index';
import { describeGoldenTrees, TARGET_CASES } from '../../../../support/golden-tree';

/*
 * Every file of the Kubernetes export of each template, byte for byte, with seededRandom(1), in
 * test/golden/kubernetes/. After an intended change, review the diff and rewrite them:
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/shared/export/kubernetes/golden.test.ts`.
 */
describeGoldenTrees('Kubernetes golden files', resolve('test/golden/kubernetes'), TARGET_CASES, (project, proxy) => {
  const result = exportKubernetes(project, { random: seededRandom(1), ...(proxy ? { proxy } : {}) });
  return result.ok ? result.files : undefined;
});
