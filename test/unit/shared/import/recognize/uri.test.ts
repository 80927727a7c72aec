import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectivePort, parseConnectionUri } from '../../../../../shared/connections/uri';
import { findUris, percentDecode, portOf, wholeUri } from '../../../../../shared/import/recognize/uri';

const one = (text: string, loose = false) => {
  const all = findUris(text, loose);
  expect(all).toHaveLength(1);
  return all[0]!;
};
const password = (text: string, loose = false) => {
  const u = one(text, loose);
  return u.password === undefined ? undefined : text.slice(u.password.start, u.password.end);
};

describe('findUris', () => {
  it('reads scheme, user, password span, host, port, path and query', () => {
    const text = 'mysql://nextauth:s3cr3t@mysql:3306/nextauth?loc=Local';
    expect(one(text)).toMatchObject({
      scheme: 'mysql',
      baseScheme: 'mysql',
      user: 'nextauth',
      hosts: [{ host: 'mysql', ipv6: false, port: 3306 }],
      path: 'nextauth',
      query: 'loc=Local',
    });
    expect(password(text)).toBe('s3cr3t');
  });

  it.each([
    ['redis://[::1]:6379', '::1', 6379],
    ['redis://:pw@[fd00::5]:6380/0', 'fd00::5', 6380],
    ['postgres://u:p@[2001:db8::1]/db', '2001:db8::1', undefined],
    ['redis://[fe80::1%25eth0]:6379', 'fe80::1%eth0', 6379],
  ])('IPv6 host %s', (text, host, port) => {
    const u = one(text);
    expect(u.hosts).toEqual([{ host, ipv6: true, ...(port !== undefined ? { port } : {}) }]);
  });

  it('refuses a broken IPv6 host or port instead of guessing', () => {
    expect(findUris('redis://[::1:6379')).toEqual([]);
    expect(findUris('redis://[::1]x:6379')).toEqual([]);
    expect(findUris('redis://db:99999')).toEqual([]);
    expect(findUris('redis://db:0')).toEqual([]);
    expect(findUris('redis://db:port')).toEqual([]);
  });

  it('decodes percent-encoded user names and hosts, and finds the password as written', () => {
    const text = 'mysql://app%40acme:p%40ss%2Fw0rd@db.internal/x';
    const u = one(text);
    expect(u.user).toBe('app@acme');
    expect(password(text)).toBe('p%40ss%2Fw0rd');
    expect(percentDecode(password(text)!)).toBe('p@ss/w0rd');
    expect(one('redis://my%2Dredis:6379').hosts[0]!.host).toBe('my-redis');
    expect(percentDecode('100%')).toBe('100%');
  });

  it('reads an unencoded @ in the password up to the last @ of the authority', () => {
    expect(password('mysql://root:p@ss@db:3306/x')).toBe('p@ss');
  });

  it('reads a password with an unencoded / only when the variable is known to hold a secret', () => {
    expect(password('mysql://root:pa/ss@db/x', true)).toBe('pa/ss');
    expect(one('mysql://root:pa/ss@db/x', true).hosts).toEqual([{ host: 'db', ipv6: false }]);
    // Read strictly, `root:pa` is a host and a port that is not one: no URI.
    expect(findUris('mysql://root:pa/ss@db/x')).toEqual([]);
    // A URL with an @ in its path is not credentials, read strictly.
    expect(one('http://host:8080/a@b').hosts).toEqual([{ host: 'host', ipv6: false, port: 8080 }]);
  });

  it('reads host lists (Sentinel, MongoDB)', () => {
    expect(one('redis-sentinel://s1:26379,s2,[::2]:26380/mymaster').hosts).toEqual([
      { host: 's1', ipv6: false, port: 26379 },
      { host: 's2', ipv6: false },
      { host: '::2', ipv6: true, port: 26380 },
    ]);
  });

  it('finds URIs inside longer values, with jdbc: and driver suffixes', () => {
    const value = '-Dspring.datasource.url=jdbc:mysql://db:3306/app -Dcache=redis://cache "http://x.test/"';
    const all = findUris(value);
    expect(all.map((u) => [u.scheme, u.hosts[0]?.host])).toEqual([
      ['mysql', 'db'],
      ['redis', 'cache'],
      ['http', 'x.test'],
    ]);
    expect(value.slice(all[0]!.span.start, all[0]!.span.end)).toBe('jdbc:mysql://db:3306/app');
    expect(one('postgresql+psycopg2://u:p@pg/app')).toMatchObject({
      scheme: 'postgresql+psycopg2',
      baseScheme: 'postgresql',
    });
  });

  it('finds no URI in text without ://, and a Unix socket URI has no host', () => {
    expect(findUris('db:3306')).toEqual([]);
    expect(findUris('not a uri')).toEqual([]);
    expect(one('redis:///var/run/redis.sock').hosts).toEqual([]);
  });

  it('wholeUri: only a value that is one URI (spaces around allowed)', () => {
    expect(wholeUri('  redis://cache:6379  ')).toBeDefined();
    expect(wholeUri('url=redis://cache')).toBeUndefined();
    expect(wholeUri('redis://a redis://b')).toBeUndefined();
  });
});

describe('portOf: missing ports take the scheme default', () => {
  it.each([
    ['mysql://db/x', 3306],
    ['mariadb://db/x', 3306],
    ['postgres://db/x', 5432],
    ['postgresql+asyncpg://db/x', 5432],
    ['jdbc:postgresql://db/x', 5432],
    ['redis://cache', 6379],
    ['rediss://cache', 6379],
    ['redis-sentinel://s/m', 26379],
    ['amqp://mq', 5672],
    ['mongodb://mongo', 27017],
    ['https://api.example.com', 443],
    ['ws://x', 80],
    ['redis://cache:7000', 7000],
  ])('%s → %i', (text, port) => {
    const u = one(text);
    expect(portOf(u, u.hosts[0]!)).toBe(port);
  });

  it('knows no default for an unknown scheme', () => {
    const u = one('foo://bar/x');
    expect(portOf(u, u.hosts[0]!)).toBeUndefined();
  });
});

describe('agrees with shared/connections/uri.ts on every URI that one accepts', () => {
  const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
  it('same scheme, user, password, host, port, path, query, effective port', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('mysql', 'postgres', 'redis', 'redis-sentinel', 'https', 'wss'),
        fc.option(word),
        fc.option(fc.stringMatching(/^[A-Za-z0-9._~!*-]{1,12}$/)),
        word,
        fc.option(fc.integer({ min: 1, max: 65535 })),
        fc.option(word),
        fc.option(fc.stringMatching(/^[a-z]{1,5}=[A-Za-z0-9]{1,5}$/)),
        (scheme, user, pw, host, port, path, query) => {
          const auth = user === null ? '' : `${user}${pw === null ? '' : `:${pw}`}@`;
          const text = `${scheme}://${auth}${host}${port === null ? '' : `:${port}`}${path === null ? '' : `/${path}`}${query === null ? '' : `?${query}`}`;
          const theirs = parseConnectionUri(text);
          fc.pre(theirs !== undefined);
          const mine = one(text);
          expect(mine.scheme).toBe(theirs!.scheme);
          expect(mine.user).toBe(theirs!.user);
          expect(mine.password === undefined ? undefined : text.slice(mine.password.start, mine.password.end)).toBe(
            theirs!.password,
          );
          expect(mine.hosts).toEqual([
            { host: theirs!.host, ipv6: false, ...(theirs!.port !== undefined ? { port: theirs!.port } : {}) },
          ]);
          expect(mine.path).toBe(theirs!.path);
          expect(mine.query).toBe(theirs!.query);
          expect(portOf(mine, mine.hosts[0]!)).toBe(effectivePort(theirs!));
        },
      ),
    );
  });
});

describe('hostile input', () => {
  it('never throws, and every span lies inside the value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.boolean(), (text, loose) => {
        for (const u of findUris(text, loose)) {
          expect(u.span.start).toBeGreaterThanOrEqual(0);
          expect(u.span.end).toBeLessThanOrEqual(text.length);
          if (u.password) expect(u.password.start).toBeLessThanOrEqual(u.password.end);
        }
      }),
    );
  });

  it('stays fast on long values', () => {
    findUris(`${'a://'.repeat(50_000)}`);
    // Each candidate fails at its host: the scans must not restart from the value's start or end.
    findUris('a://['.repeat(100_000));
    findUris(`${'a://a:/'.repeat(50_000)}@x`, true);
    findUris(`redis://${'a:'.repeat(50_000)}@x`, true);
    findUris(`redis://${'[::'.repeat(30_000)}`);
    findUris(`x://${'a,'.repeat(50_000)}`);
  });
});
