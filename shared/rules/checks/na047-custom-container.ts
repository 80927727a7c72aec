import {
  containerPortProblems,
  IMAGE_PROBLEMS,
  imageReferenceProblem,
  passThroughServiceKeyProblem,
  passThroughTopKeyProblem,
  passThroughValueProblem,
} from '../../model/constraints';
import type { PassValue } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { ElementRef, Finding, Rule } from '../types';

const show = (s: string): string => JSON.stringify(s).slice(1, -1).slice(0, 80);

/** Kept keys a component or the project may not hold (the loader refuses them; an import or an edit might not). */
function* keptKeyFindings(
  kept: Readonly<Record<string, PassValue>> | undefined,
  keyProblem: (key: string) => string | undefined,
  valueProblem: (key: string, value: PassValue) => string | undefined,
  where: string,
  elements: readonly ElementRef[],
): Generator<Finding> {
  if (kept === undefined) return;
  for (const key of Object.keys(kept)) {
    const problem = keyProblem(key) ?? valueProblem(key, kept[key] as PassValue);
    if (problem !== undefined) yield { message: `the kept key "${show(key)}" of ${where} ${problem}`, elements };
  }
}

/**
 * A custom container (and any component with an image override) is written into the compose file from its own fields: its image must be a
 * Docker image reference (which also keeps `$`, spaces and line breaks out of compose), and its
 * ports — what links, routes, publishes and upstreams reach — must each be one listener: a valid
 * name, a number from 1 to 65535, no number twice on one transport. Kept (pass-through) keys must
 * be compose keys the model does not write itself. The export refuses all of these (unsafe values).
 * A container is otherwise left alone by the product rules, which look at nextAuth's kinds.
 */
export const NA047: Rule = {
  id: 'NA047',
  name: 'custom-container',
  title: 'Custom container image, ports or kept keys that cannot be exported',
  severity: 'error',
  docs: DOCS.composeServices,
  why: 'The compose file runs a custom container from its image and ports as drawn, so an image Docker cannot pull or a port that is not one listener breaks the stack.',
  *check(ctx) {
    for (const c of ctx.ofKind('container')) {
      const image = c.image ?? '';
      const problem = imageReferenceProblem(image);
      if (problem !== undefined) {
        yield {
          message:
            problem === 'empty'
              ? `${named(c)} has no image; ${IMAGE_PROBLEMS.empty.replace(/^is empty; /, '')}`
              : `the image "${show(image)}" of ${named(c)} ${IMAGE_PROBLEMS[problem]}`,
          elements: [componentRef(c)],
        };
      }
      for (const p of containerPortProblems(c.ports ?? [])) {
        const port = c.ports?.[p.index];
        yield {
          message: `port ${port ? `"${show(port.name)}" ` : ''}of ${named(c)}: ${p.message}`,
          elements: [componentRef(c)],
        };
      }
    }
    // Another kind's image override is written into compose the same way, so it passes the same test.
    for (const c of ctx.project.components) {
      if (c.kind === 'container' || c.image === undefined) continue;
      const problem = imageReferenceProblem(c.image);
      if (problem !== undefined)
        yield {
          message: `the image override "${show(c.image)}" of ${named(c)} ${IMAGE_PROBLEMS[problem].replace(/^is empty; .*$/, 'is empty; remove it to run the catalog image')}`,
          elements: [componentRef(c)],
        };
    }
    for (const c of ctx.project.components) {
      if (c.passThrough === undefined) continue;
      yield* keptKeyFindings(c.passThrough, passThroughServiceKeyProblem, passThroughValueProblem, named(c), [
        componentRef(c),
      ]);
    }
    yield* keptKeyFindings(ctx.project.passThrough, passThroughTopKeyProblem, () => undefined, 'the project', []);
  },
};
