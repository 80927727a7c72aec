import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageRefOrNull, parseImageRef } from '../../../../../shared/import/recognize/image-ref';

/**
 * The cases of github.com/distribution/reference normalize_test.go (TestValidateReferenceName,
 * TestValidateRemoteName, TestParseRepositoryInfo, TestNormalizedSplitHostname,
 * TestParseAnyReference), which pin what ParseNormalizedNamed — the function `docker compose`
 * reads `image:` with — accepts, and how it splits and normalises the name.
 */

const SHA = 'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
const HEX64 = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';

describe('parseImageRef: what Docker accepts (normalize_test.go)', () => {
  it.each([
    'docker/docker',
    'library/debian',
    'debian',
    'docker.io/docker/docker',
    'docker.io/library/debian',
    'docker.io/debian',
    'index.docker.io/docker/docker',
    'index.docker.io/library/debian',
    'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker',
    '127.0.0.1:5000/library/debian',
    '127.0.0.1:5000/debian',
    '192.168.0.1',
    '192.168.0.1:80',
    '192.168.0.1:8/debian',
    '192.168.0.2:25000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
    '[fc00::1]:5000/docker',
    '[fc00::1]:5000/docker/docker',
    '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    `docker.io/${HEX64}`,
    'Docker/docker',
    'DOCKER/docker',
    'docker-rules/docker',
    'docker---rules/docker',
    'doc/docker',
    'd/docker',
    'jess/t',
    'dock__er/docker',
    `busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa`,
    `redis@sha256:${SHA}`,
    `dmcgowan/myapp@sha256:${SHA}`,
    `${SHA.slice(0, -1)}`,
  ])('accepts %s', (text) => {
    expect(parseImageRef(text)).toMatchObject({ ok: true });
  });

  it.each([
    ['https://github.com/docker/docker', 'invalid-format'],
    ['docker/Docker', 'uppercase'],
    ['-docker', 'invalid-format'],
    ['-docker/docker', 'invalid-format'],
    ['-docker.io/docker/docker', 'invalid-format'],
    ['docker///docker', 'invalid-format'],
    ['docker.io/docker/Docker', 'uppercase'],
    ['docker.io/docker///docker', 'invalid-format'],
    ['[fc00::1]', 'invalid-format'],
    ['[fc00::1]:5000', 'invalid-format'],
    ['fc00::1:5000/debian', 'invalid-format'],
    ['[fe80::1%eth0]:5000/debian', 'invalid-format'],
    ['[2001:db8:3:4::192.0.2.33]:5000/debian', 'invalid-format'],
    [HEX64, 'identifier'],
    ['docker-/docker', 'invalid-format'],
    ['-docker-/docker', 'invalid-format'],
    ['____/____', 'invalid-format'],
    ['_docker/_docker', 'invalid-format'],
    ['dock..er/docker', 'invalid-format'],
    ['dock_.er/docker', 'invalid-format'],
    ['dock-.er/docker', 'invalid-format'],
    ['docker/', 'invalid-format'],
    [`${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(4)}x/docker`, 'name-too-long'],
    ['', 'empty'],
    // Compose interpolated `${REGISTRY}nextauth:${TAG}` with an empty TAG.
    ['nextauth:', 'invalid-format'],
    ['nginx:-latest', 'invalid-format'],
    [`nginx:${'a'.repeat(129)}`, 'invalid-format'],
    ['nginx@sha256:abc', 'invalid-format'],
    [`nginx@md5:${'a'.repeat(32)}`, 'digest-unsupported'],
    [`nginx@sha256:${SHA.toUpperCase()}`, 'digest-invalid'],
    [`nginx@sha256:${SHA}00`, 'digest-invalid'],
    [`nginx@sha256:${SHA}@sha256:${SHA}`, 'invalid-format'],
    ['nginx latest', 'invalid-format'],
    ['Nginx', 'uppercase'],
  ])('refuses %s (%s)', (text, problem) => {
    expect(parseImageRef(text)).toEqual({ ok: false, problem });
    expect(imageRefOrNull(text)).toBeNull();
  });
});

describe('parseImageRef: how Docker splits and normalises (TestParseRepositoryInfo, TestNormalizedSplitHostname)', () => {
  it.each([
    ['fooo/bar', 'docker.io', 'fooo/bar', 'fooo/bar'],
    ['index.docker.io/fooo/bar', 'docker.io', 'fooo/bar', 'fooo/bar'],
    ['ubuntu', 'docker.io', 'library/ubuntu', 'ubuntu'],
    ['library/ubuntu', 'docker.io', 'library/ubuntu', 'ubuntu'],
    ['docker.io/library/ubuntu', 'docker.io', 'library/ubuntu', 'ubuntu'],
    ['other/library', 'docker.io', 'other/library', 'other/library'],
    ['127.0.0.1:8000/private/moonbase', '127.0.0.1:8000', 'private/moonbase', '127.0.0.1:8000/private/moonbase'],
    ['example.com/privatebase', 'example.com', 'privatebase', 'example.com/privatebase'],
    ['example.com:8000/private/moonbase', 'example.com:8000', 'private/moonbase', 'example.com:8000/private/moonbase'],
    ['docker.io/foo', 'docker.io', 'library/foo', 'foo'],
    ['library/foo/bar', 'docker.io', 'library/foo/bar', 'library/foo/bar'],
    ['store/foo/bar', 'docker.io', 'store/foo/bar', 'store/foo/bar'],
    ['Foo/bar', 'Foo', 'bar', 'Foo/bar'],
    ['FOO/bar', 'FOO', 'bar', 'FOO/bar'],
    ['test.com/foo', 'test.com', 'foo', 'test.com/foo'],
    ['test_com/foo', 'docker.io', 'test_com/foo', 'test_com/foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo', 'test-com:8080/foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo', 'xn--n3h.com:18080/foo'],
    ['localhost/foo', 'localhost', 'foo', 'localhost/foo'],
    ['[::1]:5000/team/app', '[::1]:5000', 'team/app', '[::1]:5000/team/app'],
  ])('%s → domain %s, path %s, familiar %s', (text, domain, path, familiar) => {
    const ref = imageRefOrNull(text);
    expect(ref).toMatchObject({ domain, path, familiar, name: `${domain}/${path}` });
  });

  it('keeps tag and digest, and splits namespace and repository', () => {
    expect(imageRefOrNull(`registry.example.com:5000/team/sub/app:1.2@sha256:${SHA}`)).toEqual({
      domain: 'registry.example.com:5000',
      path: 'team/sub/app',
      tag: '1.2',
      digest: `sha256:${SHA}`,
      name: 'registry.example.com:5000/team/sub/app',
      familiar: 'registry.example.com:5000/team/sub/app',
      repository: 'app',
      namespace: 'team/sub',
    });
  });

  it('reads a one-component name with a colon as name and tag, never as a registry (splitDockerDomain fast path)', () => {
    expect(imageRefOrNull('localhost:5000')).toMatchObject({ path: 'library/localhost', tag: '5000' });
  });

  it('a 64-digit hex name is an image id alone, but a repository with a registry', () => {
    expect(parseImageRef(HEX64)).toEqual({ ok: false, problem: 'identifier' });
    expect(imageRefOrNull(`docker.io/${HEX64}`)).toMatchObject({ path: `library/${HEX64}` });
  });

  it('accepts sha384 and sha512 digests of their own lengths only', () => {
    expect(parseImageRef(`a@sha384:${'b'.repeat(96)}`).ok).toBe(true);
    expect(parseImageRef(`a@sha512:${'b'.repeat(128)}`).ok).toBe(true);
    expect(parseImageRef(`a@sha512:${'b'.repeat(64)}`)).toEqual({ ok: false, problem: 'digest-invalid' });
  });
});

describe('parseImageRef: properties', () => {
  const component = fc.stringMatching(/^[a-z0-9]{1,6}(?:[._-][a-z0-9]{1,6}){0,2}$/);
  const tag = fc.stringMatching(/^\w[\w.-]{0,20}$/);

  it('reads back what it is given: registry, path, tag', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom('registry.example.com', 'localhost:5000', '10.0.0.1:443', '[fd00::1]:5000')),
        fc.array(component, { minLength: 1, maxLength: 3 }),
        fc.option(tag),
        (registry, parts, t) => {
          const path = parts.join('/');
          const text = `${registry === null ? '' : `${registry}/`}${path}${t === null ? '' : `:${t}`}`;
          fc.pre(!/^[a-f0-9]{64}$/.test(text));
          const ref = imageRefOrNull(text);
          expect(ref).not.toBeNull();
          expect(ref!.tag).toBe(t ?? undefined);
          expect(ref!.repository).toBe(parts[parts.length - 1]);
          if (registry !== null) expect(ref).toMatchObject({ domain: registry, path });
          // Without a registry, a first component with a `.` is read as one (splitDockerDomain) — unless
          // it is no host name (`a_b.c`): then Parse's anchoredNameRegexp finds no domain and the whole is the path.
          else if (parts.length > 1 && parts[0]!.includes('.'))
            expect(ref).toMatchObject(
              parts[0]!.includes('_') ? { domain: '', path } : { domain: parts[0], path: parts.slice(1).join('/') },
            );
          else expect(ref).toMatchObject({ domain: 'docker.io', path: parts.length > 1 ? path : `library/${path}` });
        },
      ),
    );
  });

  it('never throws and stays fast on hostile text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseImageRef(text);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
    for (const hostile of [
      `${'a-'.repeat(50_000)}!`,
      `${'a.'.repeat(50_000)}/x`,
      `${'a/'.repeat(50_000)}:`,
      `x@${'sha256+'.repeat(20_000)}:`,
      `${'[::'.repeat(20_000)}/a`,
    ])
      expect(parseImageRef(hostile).ok).toBe(false);
  });
});
