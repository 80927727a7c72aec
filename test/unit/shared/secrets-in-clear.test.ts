import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { literalSecret, looksLikeToken, uriPassword, withoutSecret } from '../../../shared/catalog/literal-secrets';
import { exportProject, seededRandom, type ExportFile } from '../../../shared/export/index';
import { suppress, type Project } from '../../../shared/model/index';
import { applyFix, checkProject, fixFor, summarize } from '../../../shared/rules/index';
import { dotenvSecrets, MASK, maskDotenv } from '../../../renderer/src/export/mask';
import { interpolateTree, parseDotenv } from '../../support/compose-env';
import { setEnv, template } from '../../support/fixtures';

/**
 * Issue 11, item 6: a secret typed into the project in clear text is an error (NA046), which an
 * architect can accept with a reason like any finding; its quick fix takes the value out of the
 * project; and the exporter never writes it into docker-compose.yml (0644) — it moves into
 * `.env` (0600), which the export dialog masks, by the same test (`literalSecret`).
 */

const manual = template('manual');
const ha = template('ha');
const nextauth = (p: Project) => p.components.find((c) => c.id === 'nextauth')!;
const mysql = (p: Project) => p.components.find((c) => c.id === 'mysql')!;
const na046 = (p: Project) => checkProject(p).filter((d) => d.rule === 'NA046');

function exported(project: Project): readonly ExportFile[] {
  const result = exportProject(project, { random: seededRandom(3) });
  if (!result.ok) throw new Error(`export refused: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.files;
}
const file = (files: readonly ExportFile[], path: string) => files.find((f) => f.path === path)!;

describe('literalSecret: which literals are secrets in clear text', () => {
  const c = nextauth(manual);
  it.each([
    ['MYSQL_PASSWORD', 'vT9#qL2!xPz7', 'variable'],
    ['NEXTAUTH_ROOT_API_KEY', 'x', 'variable'],
    ['NEXTAUTH_DB_URI', 'mysql://u:p4ss@db:3306/x', 'uri-password'],
    ['NEXTAUTH_DB_URI', 'mysql://u:pa/ss@db:3306/x', 'uri-password'],
    ['ANY_URL', 'redis://:hunter2@cache:6379', 'uri-password'],
    ['ANY_URL', 'https://user:p@ss@host/path', 'uri-password'],
    ['ANY', '-----BEGIN OPENSSH PRIVATE KEY-----', 'shape'],
    ['ANY', 'key=AKIAIOSFODNN7EXAMPLE', 'shape'],
    ['ANY', 'ghp_0123456789abcdefghijABCDEFGHIJ012345', 'shape'],
    ['ANY', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'shape'],
    ['ANY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'shape'],
  ])('%s=%s is a secret (%s)', (name, value, kind) => {
    expect(literalSecret(c, name, value)?.kind).toBe(kind);
  });

  it.each([
    ['NEXTAUTH_DB_URI', 'mysql://u:${MYSQL_PASSWORD}@db:3306/x'],
    ['NEXTAUTH_DB_URI', 'mysql://db:3306/x'],
    ['NEXTAUTH_DB_URI', ':memory:'],
    ['NEXTAUTH_DB_URI', ''],
    ['MYSQL_PASSWORD', '${OTHER_PASSWORD}'],
    ['NEXTAUTH_WS_TLS_KEY', '/run/secrets/ws.key'],
    ['ANY_URL', 'https://host:8443/users/@me'],
    ['ANY_URL', 'redis://:@cache:6379'],
    ['NEXTAUTH_WS_TLS_CERT', '-----BEGIN CERTIFICATE-----'],
    ['NEXTAUTH_DEFAULT_WS_URL', 'wss://auth.example.com/'],
    ['ANY', 'MyCompanyProductionCluster2024EastRegion'],
    ['ANY', 'wss-auth-example-com-Production-Server-01'],
    ['ANY', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['ANY', '550e8400-e29b-41d4-a716-446655440000'],
    ['ANY', 'registry.example.com/nextauth/nextauth-server:1.2.3'],
    ['OAUTH_CLIENT_ID', 'q8Xv2LmN4pR7sT1wY5zA3bC6dE9fG0hJ'],
    ['PASSWORD_HINT', 'the usual one'],
  ])('%s=%s is not', (name, value) => {
    expect(literalSecret(c, name, value)).toBeUndefined();
  });

  it('finds the password of a URI where it is, so the rest of the URI can stay readable', () => {
    const value = '  mysql://app:S3cr3t@db:3306/app';
    const secret = literalSecret(c, 'NEXTAUTH_DB_URI', value);
    expect(secret).toMatchObject({ kind: 'uri-password' });
    if (secret?.kind !== 'uri-password') return;
    expect(value.slice(secret.start, secret.end)).toBe('S3cr3t');
    expect(uriPassword('https://a:b@c@host/')).toBe('b@c');
  });

  it('withoutSecret: what a message may quote of a value', () => {
    expect(withoutSecret(c, 'ANY_URL', 'https://u:S3cr3t@host/x')).toBe('https://u:***@host/x');
    expect(withoutSecret(c, 'MYSQL_PASSWORD', 'S3cr3t-Pa55')).toBe('(secret not shown)');
    expect(withoutSecret(c, 'ANY_URL', 'https://host/x')).toBe('https://host/x');
  });

  it('the token test is conservative: ordinary generated names stay quiet, most random tokens do not', () => {
    const random = seededRandom(99);
    let found = 0;
    for (let i = 0; i < 500; i++) {
      const bytes = random.bytes(32);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      if (looksLikeToken([...bytes].map((b) => alphabet[b % alphabet.length]).join(''))) found++;
    }
    expect(found).toBeGreaterThan(480);
    for (const words of ['SomeVeryLongComponentNameForTheCustomerAcme', 'nextauth-production-cluster-eu-west-1a'])
      expect(looksLikeToken(words)).toBe(false);
  });
});

describe('NA046: a secret in clear text is an error', () => {
  it('is an error by default and names the variable, never the value', () => {
    const p = setEnv(
      setEnv(manual, 'mysql', 'MYSQL_PASSWORD', 'vT9#qL2!xPz7'),
      'nextauth',
      'NEXTAUTH_DB_URI',
      'mysql://nextauth:Str0ng-Pa55@mysql:3306/nextauth?loc=Local',
    );
    const found = na046(p);
    expect(found.map((d) => d.severity)).toEqual(['error', 'error']);
    for (const d of checkProject(p)) {
      expect(d.message).not.toContain('vT9#qL2!xPz7');
      expect(d.message).not.toContain('Str0ng-Pa55');
    }
  });

  it('can be accepted with a reason, like any rule: then it no longer counts as an error', () => {
    const p = setEnv(manual, 'nextauth', 'BACKUP_S3_ACCESS', 'AKIAZ7XQ3M5N2P4R6T8V');
    expect(summarize(checkProject(p)).error).toBe(1);
    const reason = 'Read-only key of the lab bucket, rotated after the demo';
    const accepted = suppress(p, { rule: 'NA046', element: 'nextauth', reason });
    expect(na046(accepted).map((d) => d.suppressed)).toEqual([{ reason }]);
    expect(summarize(checkProject(accepted))).toMatchObject({ error: 0, suppressed: 1 });
  });

  it('fix: a password the deployment creates is generated at export', () => {
    const p = setEnv(manual, 'mysql', 'MYSQL_PASSWORD', 'vT9#qL2!xPz7');
    const [d] = na046(p);
    expect(fixFor(d!, p)!.title(d!, p)).toBe('Generate MYSQL_PASSWORD at export instead');
    const fixed = applyFix(p, d!);
    expect(mysql(fixed).environment.MYSQL_PASSWORD).toEqual({ type: 'secret', length: 32 });
    expect(na046(fixed)).toEqual([]);
    expect(checkProject(fixed).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it("fix: a key of someone else's service becomes an operator input", () => {
    const p = setEnv(manual, 'nextauth', 'BACKUP_S3_ACCESS', 'AKIAZ7XQ3M5N2P4R6T8V');
    const [d] = na046(p);
    const fixed = applyFix(p, d!);
    expect(nextauth(fixed).environment.BACKUP_S3_ACCESS).toMatchObject({ type: 'input' });
    expect(na046(fixed)).toEqual([]);
  });

  it("fix: a customer database's password becomes an operator input, not a generated one", () => {
    const p = setEnv(ha, 'mysql', 'MYSQL_PASSWORD', 'Xk9$mP2q!w');
    const [d] = na046(p);
    const fixed = applyFix(p, d!);
    expect(mysql(fixed).environment.MYSQL_PASSWORD).toMatchObject({ type: 'input' });
    expect(checkProject(fixed).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it("fix: nextauth's typed database URI uses the drawn database's password variable", () => {
    const p = setEnv(
      manual,
      'nextauth',
      'NEXTAUTH_DB_URI',
      'mysql://nextauth:Str0ng-Pa55@mysql:3306/nextauth?loc=Local',
    );
    // The typed password also disagrees with the drawing (NA034); the fix repairs both.
    expect(checkProject(p).map((x) => x.rule)).toEqual(expect.arrayContaining(['NA034', 'NA046']));
    const [d] = na046(p);
    expect(fixFor(d!, p)!.title(d!, p)).toBe('Use ${MYSQL_PASSWORD} as the password');
    const fixed = applyFix(p, d!);
    expect(nextauth(fixed).environment.NEXTAUTH_DB_URI).toEqual({
      type: 'literal',
      value: 'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth?loc=Local',
    });
    expect(checkProject(fixed).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('fix: any other URI gets its password from a new operator input', () => {
    const p = setEnv(manual, 'nextauth', 'SMTP_SERVER', 'smtps://mailer:Tr0ub4dor@smtp.example.com:465');
    const [d] = na046(p);
    const fixed = applyFix(p, d!);
    expect(nextauth(fixed).environment.SMTP_SERVER).toEqual({
      type: 'literal',
      value: 'smtps://mailer:${SMTP_SERVER_PASSWORD}@smtp.example.com:465',
    });
    expect(nextauth(fixed).environment.SMTP_SERVER_PASSWORD).toMatchObject({ type: 'input' });
    expect(checkProject(fixed).filter((x) => x.severity === 'error')).toEqual([]);
  });
});

describe('export: a secret in clear text goes to .env, never to docker-compose.yml', () => {
  const PASSWORD = 'vT9#qL2!xPz7';
  const ROOT = 'r00t-Pa55-2024';
  const URI_PASSWORD = 'Str0ng-Pa55';
  const TOKEN = 'AKIAZ7XQ3M5N2P4R6T8V';
  const KEY = 'q8Xv2LmN4pR7sT1wY5zA3bC6dE9fG0hJ';
  // A customer-run database's URI keeps its literal password past NA034 (the account is theirs).
  let project = setEnv(
    ha,
    'nextauth',
    'NEXTAUTH_DB_URI',
    `mysql://nextauth:${URI_PASSWORD}@db.customer.example:3306/nextauth?loc=Local`,
  );
  project = setEnv(project, 'nextauth', 'BACKUP_S3_ACCESS', TOKEN);
  project = setEnv(project, 'nextauth', 'PARTNER_CREDENTIAL', KEY);
  project = setEnv(project, 'redis', 'REDIS_PASSWORD', PASSWORD);
  project = setEnv(project, 'mgmt', 'MGMT_ROOT_PASSWORD', ROOT);
  const secrets = [PASSWORD, ROOT, URI_PASSWORD, TOKEN, KEY];

  it('the project has the secrets, and NA046 reports each', () => {
    expect(na046(project)).toHaveLength(secrets.length);
  });

  const files = exported(project);
  const compose = file(files, 'docker-compose.yml');
  const dotenv = file(files, '.env');

  it('every literal is in .env (0600) and in no other file: compose, DEPLOYMENT.md, proxy configs', () => {
    expect(dotenv.mode).toBe(0o600);
    expect(compose.mode).toBe(0o644);
    for (const secret of secrets) {
      expect(dotenv.contents).toContain(secret);
      for (const f of files) if (f.path !== '.env') expect(f.contents, `${secret} in ${f.path}`).not.toContain(secret);
    }
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['DEPLOYMENT.md', 'haproxy/haproxy.cfg']));
  });

  it('compose refers to it by name, and reads exactly the typed values back through .env', () => {
    const env = parseDotenv(dotenv.contents);
    expect(env.duplicates).toEqual([]);
    expect(env.invalid).toEqual([]);
    expect(env.vars.get('BACKUP_S3_ACCESS')).toBe(TOKEN);
    expect(env.vars.get('NEXTAUTH_DB_URI_PASSWORD')).toBe(URI_PASSWORD);
    const missing = new Set<string>();
    const services = (
      interpolateTree(parse(compose.contents), env.vars, missing) as {
        services: Record<string, { environment: Record<string, string> }>;
      }
    ).services;
    expect([...missing]).toEqual([]);
    expect(services.nextauth!.environment).toMatchObject({
      NEXTAUTH_DB_URI: `mysql://nextauth:${URI_PASSWORD}@db.customer.example:3306/nextauth?loc=Local`,
      BACKUP_S3_ACCESS: TOKEN,
      PARTNER_CREDENTIAL: KEY,
    });
    expect(services.redis!.environment.REDIS_PASSWORD).toBe(PASSWORD);
    expect(services.mgmt!.environment.MGMT_ROOT_PASSWORD).toBe(ROOT);
    // The URI stays readable in compose; only its password is a reference.
    expect(compose.contents).toContain('mysql://nextauth:${NEXTAUTH_DB_URI_PASSWORD}@db.customer.example:3306/');
  });

  it('the export dialog masks every moved value (the same secret test)', () => {
    const masked = maskDotenv(dotenv.contents, dotenvSecrets(project));
    for (const secret of secrets) expect(masked).not.toContain(secret);
    expect(masked).toContain(`BACKUP_S3_ACCESS=${MASK}`);
    expect(masked).toContain(`NEXTAUTH_DB_URI_PASSWORD=${MASK}`);
  });

  it('two components with different values under one name get a line each; the same value is written once', () => {
    let p = setEnv(manual, 'nextauth', 'SHARED_TOKEN', 'first-token-value');
    p = setEnv(p, 'mgmt', 'SHARED_TOKEN', 'second-token-value');
    p = setEnv(p, 'redis', 'SHARED_TOKEN', 'first-token-value');
    // A name .env already holds for a generated secret is not taken over either.
    p = setEnv(p, 'redis', 'MYSQL_PASSWORD', 'redis-copy-of-a-password');
    const f = exported(p);
    const env = parseDotenv(file(f, '.env').contents);
    expect(env.duplicates).toEqual([]);
    expect(env.vars.get('SHARED_TOKEN')).toBe('first-token-value');
    expect(env.vars.get('SHARED_TOKEN_MGMT_SECRET')).toBe('second-token-value');
    expect(env.vars.get('MYSQL_PASSWORD')).not.toBe('redis-copy-of-a-password');
    expect(env.vars.get('MYSQL_PASSWORD_REDIS_SECRET')).toBe('redis-copy-of-a-password');
    const services = (
      interpolateTree(parse(file(f, 'docker-compose.yml').contents), env.vars) as {
        services: Record<string, { environment: Record<string, string> }>;
      }
    ).services;
    expect(services.nextauth!.environment.SHARED_TOKEN).toBe('first-token-value');
    expect(services.mgmt!.environment.SHARED_TOKEN).toBe('second-token-value');
    expect(services.redis!.environment.SHARED_TOKEN).toBe('first-token-value');
    expect(services.redis!.environment.MYSQL_PASSWORD).toBe('redis-copy-of-a-password');
    expect(services.mysql!.environment.MYSQL_PASSWORD).toBe(env.vars.get('MYSQL_PASSWORD'));
    const masked = maskDotenv(file(f, '.env').contents, dotenvSecrets(p));
    for (const v of ['first-token-value', 'second-token-value', 'redis-copy-of-a-password'])
      expect(masked).not.toContain(v);
  });

  it('a value .env cannot hold (a single quote) is left for the operator, still not written into compose', () => {
    const p = setEnv(manual, 'nextauth', 'PARTNER_PASSWORD', "it's-a-Secret-42");
    const f = exported(p);
    for (const x of f) expect(x.contents).not.toContain("it's-a-Secret-42");
    expect(file(f, '.env').contents).toMatch(/# Fill in: PARTNER_PASSWORD of nextauth\. .*\nPARTNER_PASSWORD=\n/);
    expect(file(f, 'docker-compose.yml').contents).toContain('PARTNER_PASSWORD: ${PARTNER_PASSWORD}');
  });

  it('the templates have no secret in clear text, and export as before', () => {
    for (const id of ['default', 'manual', 'ha'] as const) {
      const p = template(id);
      expect(na046(p)).toEqual([]);
      const env = parseDotenv(file(exported(p), '.env').contents);
      expect([...env.vars.keys()].filter((n) => /_SECRET$|_URI_PASSWORD$/.test(n))).toEqual([]);
    }
  });
});
