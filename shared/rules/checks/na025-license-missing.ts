import { componentRef, env, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { isSample } from './secrets';

export const LICENSE_VAR = 'NEXTAUTH_LICENSE';

export const NA025: Rule = {
  id: 'NA025',
  name: 'license-missing',
  title: 'nextauth has no license',
  severity: 'error',
  docs: DOCS.outgoing,
  why: 'nextauth checks the license nextAuth issued against the license server; without a real one it does not run.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      const v = env(nextauth, LICENSE_VAR);
      let problem: string | undefined;
      if (v === undefined) problem = `does not set ${LICENSE_VAR}`;
      else if (v.type === 'secret')
        problem = `generates ${LICENSE_VAR} as a random secret, but the license is issued by nextAuth`;
      else if (v.type === 'literal' && v.value.trim() === '') problem = `sets an empty ${LICENSE_VAR}`;
      else if (v.type === 'literal' && isSample(v.value))
        problem = `sets ${LICENSE_VAR} to the placeholder "${v.value}"`;
      if (problem === undefined) continue;
      yield {
        message: `${named(nextauth)} ${problem}; mark it { input: … } for the operator, or paste the issued license`,
        elements: [componentRef(nextauth)],
      };
    }
  },
};
