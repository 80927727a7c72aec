import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHostname, normalizeUrl, parseUrl } from '../../../../shared/rules/checks/url';

/** The RFC 1123 grammar as one regular expression: the reference the fast loop must agree with. */
const REFERENCE = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

describe('isHostname', () => {
  it.each(['auth.example.com', 'a', 'xn--bcher-kva.example', '1.2.3.4', 'A-1.B-2', `${'a'.repeat(63)}.com`])(
    'accepts %s',
    (h) => expect(isHostname(h)).toBe(true),
  );
  it.each([
    '',
    '.',
    'a.',
    '.a',
    'a..b',
    '-a.com',
    'a-.com',
    'a_b.com',
    'a b',
    'ä.com',
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(127)}ab`,
  ])('refuses %j', (h) => expect(isHostname(h)).toBe(false));
  it('agrees with the grammar on random input', () => {
    const chars = fc.constantFrom(...'ab09-._ Z\u00e4');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 80 }), (h) => {
        expect(isHostname(h)).toBe(REFERENCE.test(h));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('URLs', () => {
  it('normalises what the WebSocket URL comparison must treat as equal', () => {
    expect(normalizeUrl('WSS://Auth.Example.com:443')).toBe('wss://auth.example.com/');
    expect(normalizeUrl('wss://auth.example.com:8443/ws')).toBe('wss://auth.example.com:8443/ws');
    expect(normalizeUrl('https://h/p?x=1')).toBe('https://h/p?x=1');
  });
  it.each(['wss//auth', 'wss://', 'wss://a b/', 'wss://h:99999/', 'auth.example.com', 'wss://u@h/'])(
    'refuses %s',
    (u) => expect(parseUrl(u)).toBeUndefined(),
  );
});
