import { describe, expect, it } from 'vitest';
import { isSecretName } from '../../../../../shared/model/constraints';
import { isSecretByName, isSwitch, nameWords } from '../../../../../shared/import/recognize/secret-names';
import { secretShapeOf } from '../../../../../shared/import/recognize/secret-shapes';

describe('isSecretByName', () => {
  it.each([
    'PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'DB_PASS',
    'SMTP_PWD',
    'REDIS_PASSWORD2',
    'dbPassword',
    'db-password',
    'KEY',
    'API_KEY',
    'APIKEY',
    'STRIPE_API_KEY',
    'SECRET',
    'JWT_SECRET',
    'SECRET_KEY_BASE',
    'DJANGO_SECRET_KEY',
    'AWS_SECRET_ACCESS_KEY',
    'GITHUB_TOKEN',
    'ACCESS_TOKENS',
    'JWT_PRIVATE_KEY',
    'NEXTAUTH_WS_TLS_KEY',
    'GOOGLE_CREDENTIALS',
    'PASSWORD_SALT',
    'SIGNING_KEY_PEM',
    'ENCRYPTION_KEY_B64',
    'HTPASSWD',
    'ADMINPASSWORD',
  ])('%s is secret', (name) => {
    expect(isSecretByName(name)).toBe(true);
  });

  it.each([
    'KEYCLOAK_URL',
    'MONKEY',
    'TURKEY_SANDWICH',
    'DONKEYKONG',
    'BYPASS_CACHE',
    'PASS_THROUGH',
    'PASSWORD_FILE',
    'DB_PASSWORD_FILE',
    'PASSWORD_MIN_LENGTH',
    'TOKEN_TTL',
    'TOKEN_URL',
    'TOKEN_ENDPOINT',
    'AWS_ACCESS_KEY_ID',
    'KEY_ID',
    'SESSION_KEY_PREFIX',
    'API_KEY_HEADER',
    'SECRETS_DIR',
    'PUBLIC_KEY',
    'VAPID_PUBLIC_KEY',
    'STRIPE_PUBLISHABLE_KEY',
    'PRIVATE_NETWORK',
    'PRIVATE_IP',
    'ADMIN_PASSWORD_HASH',
    'NEXTAUTH_LICENSE',
    'POSTGRES_HOST_AUTH_METHOD',
    'TLS_CERT',
    'HOSTNAME',
    'KEYSPACE',
  ])('%s is not', (name) => {
    expect(isSecretByName(name)).toBe(false);
  });

  it("agrees with the model's own test on every name that one calls secret", () => {
    for (const name of [
      'MYSQL_PASSWORD',
      'X_SECRET',
      'APIKEY',
      'X_API_KEY',
      'TOKEN',
      'X_PRIVATE_KEY',
      'X_TLS_KEY',
      'XPASSWD',
    ])
      expect([name, isSecretName(name), isSecretByName(name)]).toEqual([name, true, true]);
  });

  it('splits names into words at _, -, ., case changes and digits', () => {
    expect(nameWords('dbPassword2')).toEqual(['DB', 'PASSWORD', '2']);
    expect(nameWords('HTTPServer_KEY')).toEqual(['HTTP', 'SERVER', 'KEY']);
    expect(nameWords('a.b-c')).toEqual(['A', 'B', 'C']);
  });

  it('reads switches: a yes/no value of a name with ALLOW, RANDOM, EMPTY, …', () => {
    expect(isSwitch('MYSQL_ALLOW_EMPTY_PASSWORD', 'yes')).toBe(true);
    expect(isSwitch('MYSQL_RANDOM_ROOT_PASSWORD', '1')).toBe(true);
    expect(isSwitch('ALLOW_EMPTY_PASSWORD', ' TRUE ')).toBe(true);
    expect(isSwitch('MYSQL_PASSWORD', 'yes')).toBe(false);
    expect(isSwitch('MYSQL_ALLOW_EMPTY_PASSWORD', 'maybe-later')).toBe(false);
  });
});

describe('secretShapeOf', () => {
  const hex = 'c0ffee5e7d9c1b3a5f7e9d1c3b5a7f9e';
  const b64 = 'q8X0v+3mZc1YH2rT9kP4sW7aLd6NfB0eUjRyGh5iMoE=';
  it.each([
    ['X', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', 'private-key'],
    ['X', 'AKIAIOSFODNN7EXAMPLE', 'aws-access-key'],
    ['X', `ghp_${'a1B2'.repeat(9)}`, 'service-token'],
    ['X', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt'],
    ['SETTING', hex, 'hex'],
    ['SETTING', b64, 'token'],
    // Lower case and digits only, but more distinct characters than words use: random.
    ['SETTING', 'q8xzv3mzcyhrtkpswaldnfbeujrygimoeq8xzv3mzcyhrtk=', 'base64'],
    ['SETTING', 'my_service_name_for_the_production_cluster_2024', undefined],
  ])('%s=%s → %s', (name, value, shape) => {
    expect(secretShapeOf(name, value)).toBe(shape);
  });

  it.each([
    ['GIT_COMMIT', '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'],
    ['IMAGE_DIGEST', 'sha256:2fd4e1c67a2d28fced849ee1bb76e7391b93eb122fd4e1c67a2d28fced849ee1'],
    ['BUILD_SHA256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['REQUEST_ID', '0123456789abcdef0123456789abcdef'],
    ['INSTANCE_UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['APP_NAME', 'MyCompanyProductionCluster2024Europe'],
    ['CONFIG_PATH', '/usr/local/share/application/config/production.yml'],
    ['SITE_URL', 'https://www.example.com/some/long/path/to/a/page'],
    ['TLS_CERT', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
    ['JWT_PUBLIC_KEY', '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----'],
    ['DEADBEEF', 'deadbeefdeadbeefdeadbeefdeadbeef'],
    ['LOG_LEVEL', 'info'],
  ])('%s=%s is no secret by shape', (name, value) => {
    expect(secretShapeOf(name, value)).toBeUndefined();
  });
});
