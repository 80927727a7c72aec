import { CONTROL_CHARACTERS, CONTROL_CHARACTERS_MULTILINE } from '../../model/constraints';
import { findFlavour, getKind } from '../../catalog/index';
import type { Component, Project } from '../../model/types';
import { componentRef, named, routeRef, zoneRef, type CheckContext } from '../context';
import { DOCS } from '../docs';
import type { ElementRef, Finding, Rule } from '../types';

/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators (one home: model/constraints). */
const UNSAFE = CONTROL_CHARACTERS;
/**
 * A literal value of a variable the catalog does not define for the component may span lines
 * (a PEM certificate, a JSON document — imported compose files have them): the exporter writes
 * it into docker-compose.yml through YAML, which quotes line feeds and tabs, never into `.env` or
 * a proxy file (a literal secret that moves to `.env` and cannot be written there becomes an
 * empty operator input; plan-env.ts). The catalog's own variables (URIs, names, ports) are one
 * line each, and every other control character is refused: NUL cannot reach a process at all.
 */
const UNSAFE_IN_VALUE = CONTROL_CHARACTERS_MULTILINE;

/** Whether the catalog defines `name` for the component's kind or flavour. */
function catalogVariable(c: Component, name: string): boolean {
  const kind = getKind(c.kind);
  if (kind.env.some((e) => e.name === name)) return true;
  const flavour = c.flavour === undefined ? undefined : findFlavour(c.kind, c.flavour);
  return flavour?.env?.some((e) => e.name === name) === true;
}

const show = (s: string): string => JSON.stringify(s).slice(1, -1);

/**
 * Every free-text field of a project that holds a control character, with the element it
 * belongs to. Plain loops that test first and describe only what they report: this runs
 * over every field on every edit.
 */
function unsafeTexts(project: Project, environment: CheckContext['environment']): Finding[] {
  const found: Finding[] = [];
  const check = (value: string, element: ElementRef | undefined, what: () => string, unsafe = UNSAFE) => {
    if (!unsafe.test(value)) return;
    found.push({
      message: `${what()} contains a line break or control character: "${show(value).slice(0, 80)}"`,
      elements: element ? [element] : [],
    });
  };
  check(project.meta.name, undefined, () => 'the project name');
  check(project.settings.registry, undefined, () => 'the image registry');
  check(project.settings.tag, undefined, () => 'the image tag');
  for (const z of project.zones) check(z.name, zoneRef(z), () => `the name of zone ${z.id}`);
  for (const c of project.components) {
    if (UNSAFE.test(c.name)) check(c.name, componentRef(c), () => `the name of ${c.id}`);
    for (const key in c.properties) {
      const v = c.properties[key];
      if (typeof v === 'string' && UNSAFE.test(v)) check(v, componentRef(c), () => `property ${key} of ${named(c)}`);
    }
  }
  for (const { component: c, name, value: v } of environment) {
    const text = v.type === 'literal' ? v.value : v.type === 'input' ? v.prompt : '';
    // A prompt becomes a `# Fill in:` comment line of `.env`: one line only.
    const unsafe = v.type === 'literal' && !catalogVariable(c, name) ? UNSAFE_IN_VALUE : UNSAFE;
    if (unsafe.test(text)) {
      check(
        text,
        componentRef(c),
        () => `${v.type === 'input' ? 'the prompt for ' : ''}${name} of ${named(c)}`,
        unsafe,
      );
    }
  }
  for (const r of project.routes) {
    if (UNSAFE.test(r.host)) check(r.host, routeRef(r), () => `the host of route ${r.id}`);
    if (UNSAFE.test(r.path)) check(r.path, routeRef(r), () => `the path of route ${r.id}`);
  }
  return found;
}

export const NA031: Rule = {
  id: 'NA031',
  name: 'unsafe-characters',
  title: 'Control characters in a value',
  severity: 'error',
  docs: DOCS.manual,
  why: 'Line breaks and control characters in a value could forge extra lines in the exported compose, .env and proxy files.',
  check: (ctx) => unsafeTexts(ctx.project, ctx.environment),
};
