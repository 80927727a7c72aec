import { describe, expect, it } from 'vitest';
import { isSecretVariable } from '../../../shared/catalog/index';
import { exportProject, seededRandom } from '../../../shared/export/index';
import type { Project } from '../../../shared/model/types';
import { checkProject } from '../../../shared/rules/index';
import { dotenvSecrets, MASK, maskDotenv } from '../../../renderer/src/export/mask';
import { setEnv, template } from '../../support/fixtures';

/**
 * The export dialog hides the values of secret variables in its `.env` preview (a shared screen
 * must show no secret). It asks the one secret test — `isSecretVariable` of shared/catalog, the
 * test the inspector masks with and NA026 warns with — so it hides exactly the exported secrets:
 * once it used a name pattern of its own and hid other variables than the rules treated as secret.
 */

/** The manual template plus variables the name test alone would get wrong. */
function withExtras(): Project {
  let p = template('manual');
  // Generated at export although the name does not say so: hidden.
  p = setEnv(p, 'nextauth', 'NEXTAUTH_SIGNING_SALT', { type: 'secret', length: 24 });
  // Inputs are written empty: nothing to hide, and the operator sees what to fill in.
  p = setEnv(p, 'nextauth', 'EXTRA_API_TOKEN', { type: 'input', prompt: 'Token of the extra API' });
  p = setEnv(p, 'nextauth', 'CUSTOMER_GREETING', { type: 'input', prompt: 'Greeting' });
  return p;
}

const CASES: readonly (readonly [string, Project])[] = [
  ['default', template('default')],
  ['manual', template('manual')],
  ['ha', template('ha')],
  ['manual with extra variables', withExtras()],
];

/** `NAME=value` lines of a `.env` text. */
function assignments(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([^#=\s][^=]*)=(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

describe('export dialog: masking of .env', () => {
  it.each(CASES)('%s: hides exactly the secret variables of the exported .env', (_name, project) => {
    const result = exportProject(project, { random: seededRandom(11) });
    if (result.ok !== true) throw new Error('export refused');
    const dotenv = result.files.find((f) => f.path === '.env')!;
    const masked = maskDotenv(dotenv.contents, dotenvSecrets(project));

    const before = assignments(dotenv.contents);
    const after = assignments(masked);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(masked.split('\n')).toHaveLength(dotenv.contents.split('\n').length);

    // What the shared secret test says, asked per component that declares the variable.
    const secret = (name: string) =>
      project.components.some((c) => Object.hasOwn(c.environment, name) && isSecretVariable(c, name));
    const expected = [...before].filter(([name, value]) => value !== '' && secret(name)).map(([name]) => name);
    const hidden = [...after].filter(([, value]) => value === MASK).map(([name]) => name);
    expect(expected.length).toBeGreaterThan(0);
    expect(hidden).toEqual(expected);

    // Every generated secret is hidden, and no generated value is left anywhere in the preview.
    for (const c of project.components) {
      for (const [name, v] of Object.entries(c.environment)) {
        if (v.type !== 'secret') continue;
        expect(hidden).toContain(name);
        expect(masked).not.toContain(before.get(name)!);
      }
    }
    // The rest reads as written: deployment settings and inputs left to fill in.
    for (const [name, value] of before) if (!hidden.includes(name)) expect(after.get(name)).toBe(value);
    expect(after.get('COMPOSE_PROJECT_NAME')).toBe(before.get('COMPOSE_PROJECT_NAME'));
  });

  it('judges a line no component declares (one the exporter adds) by the same name test', () => {
    const isSecret = dotenvSecrets(template('manual'));
    const text = [
      'DERIVED_DB_PASSWORD=abc',
      'DERIVED_DB_HOST=mysql',
      // Named about secrets without holding one: shown (a substring match once hid them).
      'TLS_PRIVATE_DIR=/certs',
      'SESSION_SECRET_ROTATION_DAYS=30',
      '# PASSWORD=a comment, not a line',
      '',
    ].join('\n');
    expect(maskDotenv(text, isSecret).split('\n')).toEqual([
      `DERIVED_DB_PASSWORD=${MASK}`,
      'DERIVED_DB_HOST=mysql',
      'TLS_PRIVATE_DIR=/certs',
      'SESSION_SECRET_ROTATION_DAYS=30',
      '# PASSWORD=a comment, not a line',
      '',
    ]);
  });
});

describe('one secret test for the inspector, NA026 and the export dialog', () => {
  const nextauth = (p: Project) => p.components.find((c) => c.id === 'nextauth')!;

  it.each([
    ['NEXTAUTH_ROOT_API_KEY', true, 'the catalog marks it'],
    ['NEXTAUTH_WS_TLS_KEY', true, 'the catalog marks it'],
    ['NEXTAUTH_DEFAULT_WS_URL', false, 'a URL'],
    ['LDAP_BIND_PASSWORD', true, 'named like a secret'],
    ['smtp_passwd', true, 'named like a secret, in lower case'],
    ['PARTNER_APIKEY', true, 'named like a secret'],
    ['PASSWORD_HINT', false, 'about a password, not one'],
    ['TOKEN_LIFETIME', false, 'about tokens, not one'],
  ])('%s: secret = %s (%s); NA026 and the dialog agree', (name, expected, _why) => {
    const project = setEnv(template('manual'), 'nextauth', name, 'changeme');
    expect(isSecretVariable(nextauth(project), name)).toBe(expected);
    const na026 = checkProject(project).filter((d) => d.rule === 'NA026' && d.message.startsWith(`${name} `));
    expect(na026.length > 0).toBe(expected);
    expect(dotenvSecrets(project)(name)).toBe(expected);
  });

  it('a generated value is a secret whatever its name', () => {
    const project = setEnv(template('manual'), 'nextauth', 'NEXTAUTH_SIGNING_SALT', { type: 'secret', length: 24 });
    expect(isSecretVariable(nextauth(project), 'NEXTAUTH_SIGNING_SALT')).toBe(true);
    const literal = setEnv(template('manual'), 'nextauth', 'NEXTAUTH_SIGNING_SALT', 'abc');
    expect(isSecretVariable(nextauth(literal), 'NEXTAUTH_SIGNING_SALT')).toBe(false);
  });
});
