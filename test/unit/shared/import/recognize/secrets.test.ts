import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourcePos } from '../../../../../shared/import/types';
import { classifyEnvironments } from '../../../../../shared/import/recognize/environments';
import { classifyVariable, type EnvSubject } from '../../../../../shared/import/recognize/secrets';

const nextauth: EnvSubject = { kind: 'nextauth' };
const mysql: EnvSubject = { kind: 'database', flavour: 'mysql' };
const redis: EnvSubject = { kind: 'redis' };
const container: EnvSubject = { kind: 'container' };
const at = (line: number): SourcePos => ({ file: 'compose.yml', line, column: 7 });

describe('the catalog wins for the variables it knows', () => {
  it('the license is an operator input, whatever its value looks like', () => {
    for (const value of [
      '',
      'abc',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ])
      expect(classifyVariable(nextauth, 'NEXTAUTH_LICENSE', value)).toEqual({
        kind: 'input',
        prompt: 'License string issued by nextAuth',
        reason: { by: 'catalog' },
      });
    // The newer layout's name, on any service (its images are custom containers).
    expect(classifyVariable(container, 'NEXTAUTH_NS_LICENSE', 'x')).toMatchObject({
      kind: 'input',
      prompt: 'License string issued by nextAuth',
    });
  });

  it('secrets it marks are generated, at least as long as the default', () => {
    expect(classifyVariable(nextauth, 'NEXTAUTH_ROOT_API_KEY', 'changeme')).toEqual({
      kind: 'secret',
      length: 32,
      reason: { by: 'catalog' },
    });
    expect(classifyVariable(mysql, 'MYSQL_PASSWORD', 'x'.repeat(48))).toMatchObject({ kind: 'secret', length: 48 });
    expect(classifyVariable(mysql, 'MYSQL_ROOT_PASSWORD', 'x'.repeat(999))).toMatchObject({
      kind: 'secret',
      length: 256,
    });
  });

  it('keys cannot be generated: the TLS key is an input', () => {
    expect(
      classifyVariable(nextauth, 'NEXTAUTH_WS_TLS_KEY', '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----'),
    ).toMatchObject({
      kind: 'input',
      reason: { by: 'catalog' },
    });
  });

  it('variables it marks public stay text (the WebSocket URL, the certificate)', () => {
    expect(classifyVariable(nextauth, 'NEXTAUTH_DEFAULT_WS_URL', 'wss://auth.example.com/')).toEqual({
      kind: 'literal',
      value: 'wss://auth.example.com/',
    });
    expect(classifyVariable(nextauth, 'NEXTAUTH_WS_TLS_CERT', '/certs/ws.crt').kind).toBe('literal');
  });
});

describe('classifyVariable', () => {
  it.each([
    // by name
    [container, 'API_KEY', 'abc', { kind: 'input', prompt: 'Secret value of API_KEY', reason: { by: 'name' } }],
    [container, 'SMTP_PASSWORD', 'hunter2', { kind: 'input', reason: { by: 'name' } }],
    [redis, 'REDIS_PASSWORD', 'hunter2', { kind: 'secret', length: 32, reason: { by: 'name' } }],
    [
      { kind: 'database', flavour: 'postgres' },
      'POSTGRES_PASSWORD',
      'pw',
      { kind: 'secret', reason: { by: 'catalog' } },
    ],
    [{ kind: 'database' }, 'DB_TOKEN', 'abc', { kind: 'input', reason: { by: 'name' } }],
    // by shape, under neutral names
    [container, 'SETTING', 'AKIAIOSFODNN7EXAMPLE', { kind: 'input', reason: { by: 'shape', shape: 'aws-access-key' } }],
    [
      container,
      'SETTING',
      'c0ffee5e7d9c1b3a5f7e9d1c3b5a7f9e',
      { kind: 'input', reason: { by: 'shape', shape: 'hex' } },
    ],
    [
      mysql,
      'MYSQL_DATABASE',
      'c0ffee5e7d9c1b3a5f7e9d1c3b5a7f9e',
      { kind: 'input', reason: { by: 'shape', shape: 'hex' } },
    ],
    // credentials inside URIs
    [
      container,
      'DATABASE_URL',
      'mysql://user:pw@db/x',
      {
        kind: 'uri-with-secret',
        uri: 'mysql://user:${DATABASE_URL_PASSWORD}@db/x',
        secretName: 'DATABASE_URL_PASSWORD',
        prompt: 'Password inside DATABASE_URL',
        passwordLength: 2,
      },
    ],
    [
      container,
      'REDIS_URL',
      'redis://:s3cr3t@redis:6379',
      { kind: 'uri-with-secret', uri: 'redis://:${REDIS_URL_PASSWORD}@redis:6379', passwordLength: 6 },
    ],
    [
      container,
      'CACHE',
      'redis://:s3cr3t@[fd00::5]:6379/0',
      { kind: 'uri-with-secret', uri: 'redis://:${CACHE_PASSWORD}@[fd00::5]:6379/0' },
    ],
    [
      container,
      'DSN',
      'postgres://app:p%40ss%2Fw0rd@pg/app?sslmode=disable',
      { kind: 'uri-with-secret', uri: 'postgres://app:${DSN_PASSWORD}@pg/app?sslmode=disable', passwordLength: 13 },
    ],
    [
      nextauth,
      'NEXTAUTH_DB_URI',
      'mysql://root:pa/ss@mysql:3306/nextauth?loc=Local',
      { kind: 'uri-with-secret', uri: 'mysql://root:${NEXTAUTH_DB_URI_PASSWORD}@mysql:3306/nextauth?loc=Local' },
    ],
    [container, 'JAVA_OPTS', '-Ddb=jdbc:mysql://u:pw@db/x -Xmx1g', { kind: 'input', reason: { by: 'uri' } }],
    [
      container,
      'MONGO_URL',
      'mongodb://mongo/?authSource=admin&password=hunter2',
      { kind: 'input', reason: { by: 'query' } },
    ],
    [
      container,
      'GIT_REMOTE',
      `https://ghp_${'a1B2'.repeat(9)}@github.com/acme/app`,
      { kind: 'input', reason: { by: 'shape', shape: 'service-token' } },
    ],
  ] as const)('%j %s=%s', (subject, name, value, expected) => {
    expect(classifyVariable(subject, name, value)).toMatchObject(expected);
  });

  it.each([
    // false positives by name
    [container, 'KEYCLOAK_URL', 'http://keycloak:8080/auth'],
    [container, 'MONKEY', 'banana'],
    [container, 'PASSWORD_MIN_LENGTH', '12'],
    [container, 'TOKEN_TTL', '3600'],
    [container, 'DB_PASSWORD_FILE', '/run/secrets/db_password'],
    [container, 'PUBLIC_KEY', 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'],
    [mysql, 'MYSQL_ALLOW_EMPTY_PASSWORD', 'yes'],
    [mysql, 'MYSQL_RANDOM_ROOT_PASSWORD', '1'],
    // values of secret names that are no secret
    [container, 'SECRET', ''],
    [container, 'PASSWORD', '   '],
    [container, 'PASSWORD', '${DB_PASSWORD}'],
    [container, 'DB_PASSWORD', '/run/secrets/db'],
    [nextauth, 'NEXTAUTH_DB_URI', ':memory:'],
    // URIs without credentials, or with a reference as the password
    [container, 'DATABASE_URL', 'postgres://pg:5432/app'],
    [container, 'DATABASE_URL', 'mysql://app:${MYSQL_PASSWORD}@db/app'],
    [container, 'REDIS_URL', 'redis://:@redis:6379'],
    [container, 'DATABASE_URL', 'mysql://app@db/app'],
    // shapes that are ids and digests
    [container, 'GIT_COMMIT', '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'],
    [container, 'RELEASE_ID', '550e8400-e29b-41d4-a716-446655440000'],
    [container, 'LOG_LEVEL', 'debug'],
  ] as const)('%j %s=%s stays text', (subject, name, value) => {
    expect(classifyVariable(subject, name, value)).toEqual({ kind: 'literal', value });
  });

  it('names the moved password so that it does not collide', () => {
    const taken = new Set(['DB_URL_PASSWORD', 'DB_URL_2_PASSWORD']);
    expect(classifyVariable(container, 'DB_URL', 'mysql://a:b@c/d', taken)).toMatchObject({
      secretName: 'DB_URL_3_PASSWORD',
    });
  });
});

describe('classifyEnvironments', () => {
  it('points a URI at the variable that holds the same password, percent-decoded, preferring the service it connects to', () => {
    const { variables, notes } = classifyEnvironments([
      {
        service: 'other',
        kind: 'database',
        flavour: 'mysql',
        environment: [{ name: 'MYSQL_PASSWORD', value: 'p@ss', at: at(3) }],
      },
      {
        service: 'db',
        kind: 'database',
        flavour: 'mysql',
        environment: [{ name: 'MYSQL_PASSWORD', value: 'p@ss', at: at(8) }],
      },
      {
        service: 'nextauth',
        kind: 'nextauth',
        environment: [
          { name: 'NEXTAUTH_DB_URI', value: 'mysql://nextauth:p%40ss@db:3306/nextauth?loc=Local', at: at(14) },
        ],
      },
    ]);
    expect(variables[2]).toEqual({
      service: 'nextauth',
      name: 'NEXTAUTH_DB_URI',
      at: at(14),
      meaning: {
        kind: 'uri-with-secret',
        uri: 'mysql://nextauth:${MYSQL_PASSWORD}@db:3306/nextauth?loc=Local',
        secretName: 'MYSQL_PASSWORD',
        prompt: 'Password inside NEXTAUTH_DB_URI',
        passwordLength: 6,
        reason: { by: 'uri' },
        sharedWith: { service: 'db', variable: 'MYSQL_PASSWORD' },
      },
    });
    expect(variables[1]!.sameAs).toEqual({ service: 'other', variable: 'MYSQL_PASSWORD' });
    expect(notes.map((n) => [n.kind, n.at.line])).toEqual([
      ['interpreted', 3],
      ['interpreted', 8],
      ['interpreted', 14],
    ]);
    expect(notes[2]!.text).toContain('MYSQL_PASSWORD of db');
  });

  it('gives two URIs with the same unknown password one new variable, unique across services', () => {
    const { variables } = classifyEnvironments([
      { service: 'a', kind: 'container', environment: [{ name: 'DB_URL', value: 'mysql://u:zz@db/x', at: at(1) }] },
      {
        service: 'b',
        kind: 'container',
        environment: [
          { name: 'DB_URL', value: 'mysql://u:zz@db/x', at: at(2) },
          { name: 'DB_URL_PASSWORD', value: 'unrelated', at: at(3) },
        ],
      },
    ]);
    expect(variables[0]!.meaning).toMatchObject({ secretName: 'DB_URL_2_PASSWORD' });
    expect(variables[1]!.meaning).toMatchObject({
      secretName: 'DB_URL_2_PASSWORD',
      sharedWith: { service: 'a', variable: 'DB_URL_2_PASSWORD' },
    });
  });

  it('writes no note for plain text', () => {
    expect(
      classifyEnvironments([
        { service: 'a', kind: 'container', environment: [{ name: 'LOG_LEVEL', value: 'info', at: at(1) }] },
      ]).notes,
    ).toEqual([]);
  });
});

describe('property: a secret never appears in what is returned', () => {
  const secret = fc
    .stringMatching(/^[A-Za-z0-9!#%&*+,.;<=>?^_|~-]{8,40}$/)
    .filter((s) => s !== ':memory:' && !/^(?:true|false|yes|no|on|off)$/i.test(s));
  const secretName = fc
    .tuple(
      fc.constantFrom('', 'DB_', 'MYSQL_ROOT_', 'SMTP_', 'APP_', 'JWT_', 'AWS_'),
      fc.constantFrom(
        'PASSWORD',
        'PASSWD',
        'PASS',
        'SECRET',
        'TOKEN',
        'API_KEY',
        'KEY',
        'PRIVATE_KEY',
        'CREDENTIALS',
        'SECRET_ACCESS_KEY',
      ),
      fc.constantFrom('', '_B64', '_2', '_VALUE'),
    )
    .map(([a, b, c]) => `${a}${b}${c}`);
  const subject = fc.constantFrom<EnvSubject>(nextauth, mysql, redis, container, {
    kind: 'reverse-proxy',
    flavour: 'nginx',
  });
  const scheme = fc.constantFrom(
    'mysql',
    'postgres',
    'postgresql+psycopg2',
    'redis',
    'rediss',
    'amqp',
    'mongodb',
    'https',
  );
  const host = fc.constantFrom('db', 'redis', '[fd00::5]', '10.0.0.7', 'db.internal');

  const leaks = (result: unknown, text: string): boolean => {
    const json = JSON.stringify(result);
    return (
      json.includes(text) || json.includes(encodeURIComponent(text)) || json.includes(JSON.stringify(text).slice(1, -1))
    );
  };

  it('secrets under secret names', () => {
    fc.assert(
      fc.property(subject, secretName, secret, (s, name, value) => {
        fc.pre(!name.includes(value) && !'Secret value of'.includes(value));
        const r = classifyVariable(s, name, value);
        expect(r.kind).not.toBe('literal');
        expect(leaks(r, value)).toBe(false);
      }),
    );
  });

  it('passwords inside URIs, raw or percent-encoded, under any name', () => {
    fc.assert(
      fc.property(
        subject,
        fc.constantFrom('DATABASE_URL', 'NEXTAUTH_DB_URI', 'CACHE', 'X'),
        scheme,
        fc.option(fc.constantFrom('app', 'nextauth', 'root')),
        secret,
        fc.boolean(),
        host,
        fc.option(fc.integer({ min: 1, max: 65535 })),
        (s, name, sch, user, pw, encode, h, port) => {
          const written = encode ? encodeURIComponent(pw) : pw.replace(/[#?%;]/g, encodeURIComponent);
          const value = `${sch}://${user ?? ''}:${written}@${h}${port === null ? '' : `:${port}`}/app`;
          fc.pre(!`${sch}://${user ?? ''}:@${h}:${port ?? ''}/app ${name}_PASSWORD`.includes(pw));
          const r = classifyVariable(s, name, value);
          expect(r.kind === 'uri-with-secret' || r.kind === 'input').toBe(true);
          expect(leaks(r, pw)).toBe(false);
          expect(leaks(r, written)).toBe(false);
          // And through the whole-file pass, beside the variable that holds the same password.
          const all = classifyEnvironments([
            {
              service: 'db',
              kind: 'database',
              flavour: 'mysql',
              environment: [{ name: 'MYSQL_PASSWORD', value: pw, at: at(1) }],
            },
            { service: 'app', kind: s.kind, flavour: s.flavour, environment: [{ name, value, at: at(2) }] },
          ]);
          expect(leaks(all, pw)).toBe(false);
          expect(leaks(all, written)).toBe(false);
        },
      ),
    );
  });

  const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
  const shaped = fc.oneof(
    bytes(16, 32).map((b) => Buffer.from(b).toString('hex')),
    bytes(32, 48).map((b) => Buffer.from(b).toString('base64')),
    bytes(32, 48).map((b) => Buffer.from(b).toString('base64url')),
    fc.stringMatching(/^[A-Z0-9]{16}$/).map((s) => `AKIA${s}`),
    fc.stringMatching(/^[A-Za-z0-9]{36}$/).map((s) => `ghp_${s}`),
    fc
      .tuple(bytes(12, 40), bytes(12, 40), bytes(24, 40))
      .map(
        ([h, p, sig]) =>
          `eyJ${Buffer.from(h).toString('base64url')}.eyJ${Buffer.from(p).toString('base64url')}.${Buffer.from(sig).toString('base64url')}`,
      ),
    bytes(64, 200).map(
      (b) => `-----BEGIN EC PRIVATE KEY-----\n${Buffer.from(b).toString('base64')}\n-----END EC PRIVATE KEY-----`,
    ),
  );

  it('secrets by shape under neutral names', () => {
    fc.assert(
      fc.property(subject, fc.constantFrom('SETTING', 'CONFIG_VALUE', 'X', 'OPTIONS'), shaped, (s, name, value) => {
        // A hex string is all digits once in ~10^7 draws: then it is a number, not a key.
        fc.pre(/[a-f]/.test(value) || !/^[0-9a-f]+$/.test(value));
        const r = classifyVariable(s, name, value);
        expect(r.kind).not.toBe('literal');
        expect(leaks(r, value)).toBe(false);
        expect(
          leaks(
            classifyEnvironments([{ service: 'a', kind: s.kind, environment: [{ name, value, at: at(1) }] }]),
            value,
          ),
        ).toBe(false);
      }),
    );
  });
});
