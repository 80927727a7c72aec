import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixFor, getRule } from '../../../../shared/rules/index';
import { TRANSPORT_WHY } from '../../../../shared/rules/checks/transport';
import { expectFixRemoves, of } from '../../../support/fix-check';
import { patchRoute, route, setEnv, template } from '../../../support/fixtures';

/**
 * NA004 (nextauth) and NA017 (mgmt) share one transport policy: every public route to their
 * ports is https:// or wss:// with TLS ended at the entry point, else a warning with the same
 * reasoning. Routes through portmap are NA029's.
 */

const manual = template('manual');
const portmap = template('default');
const PLAIN = { terminate: false, reencrypt: false } as const;
const SEED = fileURLToPath(new URL('../../../../../shared/seed-networking.txt', import.meta.url));

describe('one policy for nextauth and mgmt', () => {
  it('both rules warn, with the same why, quoting the seed sentence it rests on', () => {
    const sentence = 'TLS termination always takes place on the reverse proxy.';
    expect(readFileSync(SEED, 'utf8')).toContain(sentence);
    for (const id of ['NA004', 'NA017']) {
      const rule = getRule(id)!;
      expect(rule.severity, id).toBe('warning');
      expect(rule.why, id).toBe(TRANSPORT_WHY);
      expect(rule.docs, id).toEqual(getRule('NA033')!.docs);
      expect(rule.fix, id).toBeDefined();
    }
    expect(TRANSPORT_WHY).toContain(`"${sentence}"`);
  });

  it('the templates serve every nextauth and mgmt URL over TLS', () => {
    for (const id of ['default', 'manual', 'ha'] as const) {
      expect(of(template(id), 'NA004'), id).toEqual([]);
      expect(of(template(id), 'NA017'), id).toEqual([]);
    }
  });
});

describe('NA004 every nextauth port', () => {
  it('fires: the Mobile API over http:// (silent before)', () => {
    const p = patchRoute(manual, 'mobile-api', { scheme: 'http', tls: PLAIN });
    const [d, ...more] = of(p, 'NA004');
    expect(more).toEqual([]);
    expect(d).toMatchObject({
      severity: 'warning',
      elements: [
        { type: 'route', id: 'mobile-api' },
        { type: 'component', id: 'nextauth' },
      ],
    });
    expect(d!.message).toMatch(
      /^the Mobile API port of "nextauth" is public at http:\/\/mobile\.auth\.example\.com\/ without TLS; serve it as https:\/\//,
    );
  });

  it('fires: the WebSocket over ws://, as before', () => {
    const p = patchRoute(manual, 'ws', { scheme: 'ws', tls: PLAIN });
    expect(of(p, 'NA004').map((d) => d.message)).toEqual([
      'the WebSockets port of "nextauth" is public at ws://auth.example.com/ without TLS; serve it as wss:// with TLS terminated at "nginx"',
    ]);
  });

  it('fires: the REST API over http:// (besides NA001, which warns that it is public at all)', () => {
    const p = route(manual, {
      via: 'proxy',
      scheme: 'http',
      host: 'api.example.com',
      path: '/',
      target: 'nextauth',
      port: 'rest',
    });
    expect(of(p, 'NA004').map((d) => d.message)).toEqual([
      expect.stringMatching(/^the REST API port of "nextauth" is public at http:\/\/api\.example\.com\/ without TLS/),
    ]);
    expect(of(p, 'NA001')).toHaveLength(1);
  });

  it('fires: https:// passed through to the Mobile API, which serves no TLS of its own', () => {
    const p = patchRoute(manual, 'mobile-api', { tls: PLAIN });
    expect(of(p, 'NA004').map((d) => d.message)).toEqual([
      expect.stringMatching(
        /passes TLS for https:\/\/mobile\.auth\.example\.com\/ through to the Mobile API port of "nextauth", which does not serve TLS itself/,
      ),
    ]);
    expect(of(p, 'NA033')).toHaveLength(1); // and the export cannot pass TLS through
  });

  it('stays quiet: wss:// passed through to a WebSocket that serves TLS itself (deliberate; NA033 reports it)', () => {
    let p = patchRoute(manual, 'ws', { tls: PLAIN });
    p = setEnv(p, 'nextauth', 'NEXTAUTH_WS_TLS_CERT', '/certs/ws.crt');
    p = setEnv(p, 'nextauth', 'NEXTAUTH_WS_TLS_KEY', { type: 'secret', length: 32 });
    expect(of(p, 'NA004')).toEqual([]);
    expect(of(p, 'NA033')).toHaveLength(1);
    // Half a pair is no TLS: the same route then warns.
    expect(of(setEnv(p, 'nextauth', 'NEXTAUTH_WS_TLS_KEY', undefined), 'NA004')).toHaveLength(1);
  });

  it('stays quiet: terminated and re-encrypted routes', () => {
    expect(of(manual, 'NA004')).toEqual([]);
    expect(of(patchRoute(manual, 'mobile-api', { tls: { terminate: true, reencrypt: true } }), 'NA004')).toEqual([]);
  });

  it('stays quiet: plain routes through portmap, which NA029 reports as errors', () => {
    for (const id of ['ws', 'mobile-api']) {
      const p = patchRoute(portmap, id, { scheme: id === 'ws' ? 'ws' : 'http', tls: PLAIN });
      expect(of(p, 'NA004'), id).toEqual([]);
      expect(of(p, 'NA029'), id).toHaveLength(1);
    }
  });

  it('its fix serves the Mobile API over https:// on 443 with TLS terminated', () => {
    const p = patchRoute(manual, 'mobile-api', { scheme: 'http', publicPort: 8080, tls: PLAIN });
    const fixed = expectFixRemoves(p, 'NA004');
    expect(fixed.routes.find((r) => r.id === 'mobile-api')).toEqual(manual.routes.find((r) => r.id === 'mobile-api'));
  });

  it('its fix keeps NEXTAUTH_DEFAULT_WS_URL in step with the WebSocket route', () => {
    const p = setEnv(
      patchRoute(manual, 'ws', { scheme: 'ws', tls: PLAIN }),
      'nextauth',
      'NEXTAUTH_DEFAULT_WS_URL',
      'ws://auth.example.com/',
    );
    const fixed = expectFixRemoves(p, 'NA004');
    expect(fixed.components.find((c) => c.id === 'nextauth')!.environment.NEXTAUTH_DEFAULT_WS_URL).toEqual({
      type: 'literal',
      value: 'wss://auth.example.com/',
    });
    expect(of(fixed, 'NA003')).toEqual([]);
  });

  it('its fix terminates TLS on a passthrough to a port without TLS', () => {
    const fixed = expectFixRemoves(patchRoute(manual, 'mobile-api', { tls: PLAIN }), 'NA004');
    expect(fixed.routes.find((r) => r.id === 'mobile-api')!.tls.terminate).toBe(true);
    expect(of(fixed, 'NA033')).toEqual([]);
  });

  it('offers no fix when the secured route would claim a URL another route serves (NA008)', () => {
    const p = route(manual, {
      id: 'mobile-plain',
      via: 'proxy',
      scheme: 'http',
      host: 'mobile.auth.example.com',
      path: '/',
      target: 'nextauth',
      port: 'mobile',
    });
    const [d] = of(p, 'NA004');
    expect(d, 'the plain route must be reported').toBeDefined();
    expect(d!.elements[0]!.id).toBe('mobile-plain');
    expect(fixFor(d!, p)).toBeUndefined();
  });
});

describe('NA017 every mgmt port, same policy', () => {
  it.each(['dashboard', 'accounts', 'idp'])('fires: %s over http://', (id) => {
    const p = patchRoute(manual, id, { scheme: 'http', tls: PLAIN });
    const found = of(p, 'NA017');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toMatch(/ port of "mgmt" is public at http:\/\/.* without TLS; serve it as https:\/\//);
  });

  it('fires: https:// passed through to a plain HTTP interface', () => {
    expect(of(patchRoute(manual, 'dashboard', { tls: PLAIN }), 'NA017')).toHaveLength(1);
  });

  it('stays quiet: https:// terminated, and through portmap (NA029)', () => {
    expect(of(manual, 'NA017')).toEqual([]);
    expect(of(patchRoute(portmap, 'dashboard', { scheme: 'http', tls: PLAIN }), 'NA017')).toEqual([]);
  });

  it('its fix serves the interface over https:// on 443', () => {
    const p = patchRoute(manual, 'accounts', { scheme: 'http', publicPort: 8081, tls: PLAIN });
    const fixed = expectFixRemoves(p, 'NA017');
    expect(fixed.routes.find((r) => r.id === 'accounts')).toEqual(manual.routes.find((r) => r.id === 'accounts'));
  });
});
