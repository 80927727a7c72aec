import { catalogSecretNames, isDeployed, isSecretVariable } from '../../catalog/index';
import { literalSecret, SHAPE_NAMES, secretText, type LiteralSecret } from '../../catalog/literal-secrets';
import { connectionsOf, lookupOf, VARIABLE_OF } from '../../connections/index';
import { ENV_NAME_PATTERN, SECRET_LENGTH } from '../../model/constraints';
import { updateComponent } from '../../model/index';
import type { Component, ComponentId, EnvValue, Project } from '../../model/types';
import { componentRef, named } from '../context';
import type { Diagnostic, Rule } from '../types';
import { isSample } from './secrets';

/**
 * A secret typed into the project in clear text — by its variable (`MYSQL_PASSWORD: s3cr3t!`),
 * by its shape (a PEM private key, an `AKIA…` key, a long random token) or as the password of a
 * URI (`mysql://app:s3cr3t@db/…`) — travels with the project file through git, mail and screen
 * shares. Which literals count is answered once, by `literalSecret` (shared/catalog): the
 * exporter moves exactly these out of docker-compose.yml into `.env`, and the export dialog
 * masks them. Empty and sample values of secret variables are NA026's (weak, a warning);
 * NA046 reports the rest, as an error. The message names the variable, never the value.
 */

const CONNECTION_VARIABLES = new Set(Object.values(VARIABLE_OF));
/** Keys and certificates cannot be random text: the operator must supply them. */
const NOT_GENERATED = /(TLS_KEY|PRIVATE_KEY|_URI|_URL)$/;

function problemOf(secret: LiteralSecret): string {
  switch (secret.kind) {
    case 'uri-password':
      return 'carries a password in clear text inside its URI';
    case 'shape':
      return `holds ${SHAPE_NAMES[secret.shape]} in clear text`;
    default:
      return 'is a secret written into the project file in clear text';
  }
}

/** The variable a diagnostic is about: its message starts with the name. */
function variableOf(d: Diagnostic): string | undefined {
  const name = d.message.slice(0, d.message.indexOf(' '));
  return ENV_NAME_PATTERN.test(name) ? name : undefined;
}

/** The literal secret of variable `name` of the diagnostic's component, if it still holds one. */
function target(project: Project, d: Diagnostic) {
  const name = variableOf(d);
  const c = project.components.find((x) => x.id === d.elements[0]?.id);
  if (name === undefined || c === undefined || !Object.hasOwn(c.environment, name)) return undefined;
  const v = c.environment[name]!;
  if (v.type !== 'literal') return undefined;
  const secret = literalSecret(c, name, v.value);
  return secret === undefined ? undefined : { c, name, value: v.value, secret };
}

/** A variable name not yet used by the component, ending like a secret so every screen masks it. */
function freshName(c: Component, base: string): string {
  if (!Object.hasOwn(c.environment, `${base}_PASSWORD`)) return `${base}_PASSWORD`;
  for (let i = 2; ; i++) if (!Object.hasOwn(c.environment, `${base}_${i}_PASSWORD`)) return `${base}_${i}_PASSWORD`;
}

type Remedy =
  | { readonly how: 'generate' }
  | { readonly how: 'input' }
  /** The URI's password becomes `${reference}`; `input` is added when the variable is new. */
  | { readonly how: 'reference'; readonly reference: string; readonly input: boolean };

function remedyFor(project: Project, c: Component, name: string, secret: LiteralSecret): Remedy {
  if (secret.kind === 'uri-password') {
    // nextauth's connection URI: the password variable of the database it is drawn connected to.
    if (c.kind === 'nextauth' && CONNECTION_VARIABLES.has(name)) {
      const { database, kv } = connectionsOf(lookupOf(project), c);
      const conn = name === VARIABLE_OF.database ? database : kv;
      if (conn?.account !== undefined) return { how: 'reference', reference: conn.account.passwordVar, input: false };
    }
    return { how: 'reference', reference: freshName(c, name), input: true };
  }
  // A password the deployment itself creates (database accounts, the root API key) can be generated.
  if (secret.kind === 'variable' && isDeployed(c) && catalogSecretNames(c).has(name) && !NOT_GENERATED.test(name))
    return { how: 'generate' };
  return { how: 'input' };
}

export const NA046: Rule = {
  id: 'NA046',
  name: 'secret-in-clear',
  title: 'A secret is written into the project in clear text',
  severity: 'error',
  docs: {
    url: 'https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/',
    section: '.env file',
  },
  why: 'A project file is shared through version control, mail and screens; a password or key typed into it leaks with it, so secrets are generated at export or filled in by the operator in .env.',
  *check(ctx) {
    for (const { component: c, name, value: v } of ctx.environment) {
      if (v.type !== 'literal' || v.value === '') continue;
      const secret = literalSecret(c, name, v.value);
      if (secret === undefined) continue;
      // A weak value of a secret variable is NA026's to report (it has a fix of its own).
      if (isSecretVariable(c, name) && isSample(secretText(v.value, secret))) continue;
      yield {
        message: `${name} of ${named(c)} ${problemOf(secret)}; it is moved into .env at export, but stays in the project file`,
        elements: [componentRef(c)],
      };
    }
  },
  fix: {
    applies: (d, project) => target(project, d) !== undefined,
    title: (d, project) => {
      const t = target(project, d);
      if (t === undefined) return '';
      const remedy = remedyFor(project, t.c, t.name, t.secret);
      switch (remedy.how) {
        case 'generate':
          return `Generate ${t.name} at export instead`;
        case 'input':
          return `Let the operator fill in ${t.name} in .env`;
        default:
          return remedy.input
            ? `Move the password into ${remedy.reference}, filled in by the operator in .env`
            : `Use \${${remedy.reference}} as the password`;
      }
    },
    apply(project, d) {
      const t = target(project, d);
      if (t === undefined) return project;
      const remedy = remedyFor(project, t.c, t.name, t.secret);
      return updateComponent(project, t.c.id as ComponentId, (c) => {
        const environment: Record<string, EnvValue> = { ...c.environment };
        if (remedy.how === 'generate') environment[t.name] = { type: 'secret', length: SECRET_LENGTH.default };
        else if (remedy.how === 'input') environment[t.name] = { type: 'input', prompt: `Secret value of ${t.name}` };
        else if (t.secret.kind === 'uri-password') {
          const { start, end } = t.secret;
          environment[t.name] = {
            type: 'literal',
            value: `${t.value.slice(0, start)}\${${remedy.reference}}${t.value.slice(end)}`,
          };
          if (remedy.input) environment[remedy.reference] = { type: 'input', prompt: `Password inside ${t.name}` };
        }
        return { ...c, environment };
      });
    },
  },
};
