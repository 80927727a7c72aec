import fc from 'fast-check';
import { componentPorts, flavoursOf, KINDS } from '../../shared/catalog/index';
import { CONTAINER_PORT_PROTOCOLS, hasControlCharacters, MODELLED_SERVICE_KEYS } from '../../shared/model/constraints';
import {
  FORMAT_VERSION,
  type Component,
  type ComponentId,
  type ContainerPort,
  type PassMap,
  type PassValue,
  type EnvValue,
  type Link,
  type LinkId,
  type Project,
  type Route,
  type RouteId,
  type Zone,
  type ZoneId,
} from '../../shared/model/types';

/** Any text at all: control characters, quotes, YAML indicators, emoji, long lines. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    'yes',
    'no',
    'null',
    '~',
    '0x1F',
    '1e3',
    '1.10',
    '010',
    'True',
    '.inf',
    '-0',
    '12345678901234567890',
    '- x',
    ': x',
    '#c',
    '&a',
    '*a',
    '!!str',
    '"',
    "'",
    '\n',
    '\t',
    '{',
    '}',
  ),
);
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/);
const envName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/);
/** Any finite number a property may hold, -0 and 1e21 included (the file keeps it as a number). */
const finiteNumber = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Positions as the canvas stores them: two decimals. */
const coordinate = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 100);

const envValueOf = (anyText: fc.Arbitrary<string>): fc.Arbitrary<EnvValue> =>
  fc.oneof(
    anyText.map((value) => ({ type: 'literal' as const, value })),
    fc.integer({ min: 16, max: 256 }).map((length) => ({ type: 'secret' as const, length })),
    anyText.map((prompt) => ({ type: 'input' as const, prompt })),
  );

/**
 * Text made to forge output: line breaks (and a fake summary line after one), terminal escape
 * sequences (CSI, OSC with a title or a link, the 8-bit C1 CSI 0x9B), every C0 and C1 control,
 * DEL, the Unicode line separators and the bidi overrides — mixed with ordinary text and with
 * any other character at all.
 */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\n',
        '\r',
        '\r\n',
        '\t',
        '\u001b[31m',
        '\u001b[2J\u001b[H',
        '\u001b]0;pwned\u0007',
        '\u001b]8;;https://evil.example/\u001b\\',
        '\u009b31m',
        '\u009d0;title\u009c',
        '\u007f',
        '\u0085',
        '\u2028',
        '\u2029',
        '\u202e',
        '\u2066',
        '\u2069',
        '\n0 errors, 0 warnings, 0 infos, 0 suppressed\n',
        'acme.portolan.yaml:1:1 error NA001 forged\n',
        '\\n',
        '"',
        ' ',
      ),
      fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
      fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/**
 * Kept (pass-through) values: JSON-like data whose texts and keys come from `anyText`, with the keys
 * and texts a YAML writer must quote (`<<`, `__proto__`, `on`, `yes`, `1.10`, `~`, empty), empty
 * maps and lists, lists in lists, and numbers of every size.
 */
export function passValueArbitrary(anyText: fc.Arbitrary<string>): fc.Arbitrary<PassValue> {
  const awkward = fc.constantFrom(
    '<<',
    '__proto__',
    'constructor',
    'on',
    'yes',
    'no',
    'off',
    'y',
    '1.10',
    '~',
    'null',
    '',
    '- a',
    'a: b',
    '#x',
    '0x1F',
    '8080',
    '-1',
  );
  const key = fc.oneof(awkward, anyText);
  const leaf = fc.oneof(
    anyText,
    awkward,
    fc.boolean(),
    fc.constant(null),
    fc.integer(),
    // -0 is saved as the 0 it equals (a project holds no -0: see save.ts), so the model never has one.
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.constantFrom(1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER + 2, 1.5e300),
  );
  return fc.letrec<{ value: PassValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength: 3 }),
      fc.array(fc.tuple(key, tie('value')), { maxLength: 3 }).map(passMap),
    ),
  })).value;
}

/** A prototype-less record from entries (the first of a repeated key wins, as a YAML reader refuses repeats). */
function passMap(entries: readonly (readonly [string, PassValue])[]): PassValue {
  const out = Object.create(null) as Record<string, PassValue>;
  for (const [k, v] of entries) if (!Object.hasOwn(out, k)) out[k] = v;
  return out;
}

/** Kept service keys: compose's own that the model does not hold, and `x-` fields. */
const serviceKeyOf = (anyText: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'logging',
      'healthcheck',
      'labels',
      'volumes',
      'ulimits',
      'deploy',
      'command',
      'restart',
      'cap_add',
    ),
    fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/).filter((k) => !MODELLED_SERVICE_KEYS.has(k)),
    anyText.filter((t) => !hasControlCharacters(t)).map((t) => `x-${t}`),
  );
const topKeyOf = (anyText: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('volumes', 'secrets', 'configs'),
    anyText.filter((t) => !hasControlCharacters(t)).map((t) => `x-${t}`),
  );

function keptOf(
  keyOf: fc.Arbitrary<string>,
  value: fc.Arbitrary<PassValue>,
): fc.Arbitrary<Readonly<Record<string, PassValue>> | undefined> {
  return fc.option(
    fc
      .array(fc.tuple(keyOf, value), { minLength: 1, maxLength: 3 })
      // A kept `deploy` never holds `replicas` (the component's own): any other map, list or value may be kept.
      .map((entries) =>
        entries.filter(
          ([k, v]) => !(k === 'deploy' && v !== null && typeof v === 'object' && Object.hasOwn(v, 'replicas')),
        ),
      )
      .filter((entries) => entries.length > 0)
      .map((entries) => passMap(entries) as Readonly<Record<string, PassValue>>),
    { nil: undefined, freq: 3 },
  );
}

/**
 * A component's networks from the declared ones, by index (`default` beyond them: compose's own
 * network), each with kept per-network settings or none.
 */
function componentNetworks(
  declared: readonly { readonly name: string }[] | undefined,
  picks: readonly (readonly [number, Readonly<Record<string, PassValue>> | undefined])[] | undefined,
): Pick<Component, 'networks' | 'networkPassThrough'> {
  if (picks === undefined) return {};
  const names = [...(declared ?? []).map((n) => n.name), 'default'];
  const networks: string[] = [];
  const settings = Object.create(null) as Record<string, PassMap>;
  for (const [n, kept] of picks) {
    const name = names[n % names.length]!;
    if (networks.includes(name)) continue;
    networks.push(name);
    if (kept !== undefined) settings[name] = kept as PassMap;
  }
  return { networks, ...(Object.keys(settings).length > 0 ? { networkPassThrough: settings } : {}) };
}

/** A custom container's own ports: unique names, numbers of any port. */
const containerPortsArbitrary: fc.Arbitrary<ContainerPort[]> = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,8}$/),
    number: fc.integer({ min: 1, max: 65535 }),
    protocol: fc.constantFrom(...CONTAINER_PORT_PROTOCOLS),
  }),
  { selector: (p) => p.name, maxLength: 4 },
);

export interface ProjectArbitraryOptions {
  /**
   * Whether projects may use what format 3 adds (custom containers, pass-through keys); false gives
   * projects a format 2 file holds (and the format 1 migration tests write as format 1).
   */
  readonly format3?: boolean;
}

/**
 * Random valid projects whose every free text (names, description, registry, tag, values,
 * prompts, property keys and values, hosts, paths, suppression reasons) comes from `anyText`.
 */
export function projectArbitrary(
  anyText: fc.Arbitrary<string>,
  options: ProjectArbitraryOptions = {},
): fc.Arbitrary<Project> {
  const envValue = envValueOf(anyText);
  const format3 = options.format3 ?? true;
  const kinds = format3 ? KINDS : KINDS.filter((k) => k.kind !== 'container');
  const passValue = passValueArbitrary(anyText);
  const none = fc.constant(undefined);
  const keptService = format3 ? keptOf(serviceKeyOf(anyText), passValue) : none;
  const keptTop = format3 ? keptOf(topKeyOf(anyText), passValue) : none;
  // Compose networks (format 3): declared with kept settings, joined by components by index.
  const networkKey = fc.oneof(
    fc.constantFrom('driver', 'internal', 'ipam', 'aliases', 'ipv4_address', 'labels'),
    anyText.filter((t) => !hasControlCharacters(t)).map((t) => `x-${t}`),
  );
  const networks = format3
    ? fc.option(
        fc.uniqueArray(
          fc.record({ name: fc.stringMatching(/^[a-zA-Z0-9._-]{1,12}$/), kept: keptOf(networkKey, passValue) }),
          { selector: (n) => n.name, maxLength: 3 },
        ),
        { nil: undefined, freq: 2 },
      )
    : none;
  const memberships = format3
    ? fc.option(fc.array(fc.tuple(fc.nat(), keptOf(networkKey, passValue)), { maxLength: 3 }), {
        nil: undefined,
        freq: 2,
      })
    : none;
  return fc
    .record({
      name: anyText,
      description: anyText,
      registry: anyText,
      tag: anyText,
      ids: fc.uniqueArray(id, { minLength: 0, maxLength: 24 }),
      zoneKinds: fc.array(fc.constantFrom('internet', 'dmz', 'internal', 'host') as fc.Arbitrary<Zone['kind']>, {
        maxLength: 3,
      }),
      seed: fc.array(
        fc.record({
          kind: fc.nat(),
          flavour: fc.nat(),
          zone: fc.option(fc.nat(), { nil: undefined }),
          name: anyText,
          replicas: fc.integer({ min: 1, max: 64 }),
          properties: fc.dictionary(anyText, fc.oneof(anyText, fc.boolean(), fc.integer(), coordinate, finiteNumber), {
            maxKeys: 3,
          }),
          environment: fc.dictionary(envName, envValue, { maxKeys: 4 }),
          override: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 65535 })), { nil: undefined }),
          publish: fc.array(
            fc.tuple(
              fc.nat(),
              fc.integer({ min: 1, max: 65535 }),
              // A host address (format 3): loopback, IPv4, IPv6 (`::`, which flow style must quote).
              format3
                ? fc.option(fc.constantFrom('127.0.0.1', '10.0.0.5', '::1', '::', 'fe80::1'), { nil: undefined })
                : none,
            ),
            { maxLength: 2 },
          ),
          x: coordinate,
          y: coordinate,
          image: anyText,
          // Another deployable kind's override of its catalog image (format 3).
          imageOverride: format3 ? fc.option(anyText, { nil: undefined }) : none,
          ports: containerPortsArbitrary,
          kept: keptService,
          networks: memberships,
        }),
        { maxLength: 8 },
      ),
      kept: keptTop,
      networks,
      links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 8 }),
      suppressions: fc.array(
        fc.tuple(
          fc.stringMatching(/^[A-Z]{2}\d{3}$/),
          fc.nat(),
          anyText.filter((t) => t.trim() !== ''),
        ),
        { maxLength: 3 },
      ),
      routes: fc.array(
        fc.record({
          via: fc.nat(),
          target: fc.nat(),
          port: fc.nat(),
          scheme: fc.constantFrom('https', 'wss', 'http', 'ws') as fc.Arbitrary<Route['scheme']>,
          host: anyText,
          path: anyText,
          publicPort: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
          terminate: fc.boolean(),
          reencrypt: fc.boolean(),
        }),
        { maxLength: 6 },
      ),
    })
    .map((r) => {
      const ids = [...r.ids];
      const nextId = (fallback: string) => ids.shift() ?? fallback;
      const zones: Zone[] = r.zoneKinds.map((kind, i) => ({
        id: nextId(`zone-${i}`) as ZoneId,
        name: `Zone ${i}`,
        kind,
      }));
      const components: Component[] = r.seed.map((s, i) => {
        const spec = kinds[s.kind % kinds.length]!;
        const flavours = flavoursOf(spec.kind);
        const container = spec.kind === 'container';
        const portNames = container ? s.ports.map((p) => p.name) : spec.ports.map((p) => p.name);
        const override = s.override && portNames.length > 0 ? s.override : undefined;
        return {
          id: nextId(`component-${i}`) as ComponentId,
          kind: spec.kind,
          name: s.name,
          ...(flavours.length > 0 ? { flavour: flavours[s.flavour % flavours.length]! } : {}),
          ...(s.zone !== undefined && zones.length > 0 ? { zone: zones[s.zone % zones.length]!.id } : {}),
          replicas: s.replicas,
          properties: s.properties,
          environment: s.environment,
          portOverrides: override && !container ? { [portNames[override[0] % portNames.length]!]: override[1] } : {},
          publish:
            portNames.length > 0
              ? s.publish.map(([p, hostPort, hostIp]) => ({
                  port: portNames[p % portNames.length]!,
                  hostPort,
                  ...(hostIp !== undefined ? { hostIp } : {}),
                }))
              : [],
          position: { x: s.x, y: s.y },
          ...(container ? { image: s.image, ports: s.ports } : {}),
          ...(!container && spec.deployable && s.imageOverride !== undefined ? { image: s.imageOverride } : {}),
          ...(s.kept !== undefined ? { passThrough: s.kept } : {}),
          ...componentNetworks(r.networks, s.networks),
        };
      });
      const withPorts = components.filter((c) => componentPorts(c).length > 0);
      const pickPort = (c: Component, n: number) => {
        const ports = componentPorts(c);
        return ports[n % ports.length]!.name;
      };
      const links: Link[] =
        components.length === 0 || withPorts.length === 0
          ? []
          : r.links.map(([from, to, port], i) => {
              const target = withPorts[to % withPorts.length]!;
              return {
                id: nextId(`link-${i}`) as LinkId,
                from: components[from % components.length]!.id,
                to: target.id,
                port: pickPort(target, port),
              };
            });
      const routes: Route[] =
        components.length === 0 || withPorts.length === 0
          ? []
          : r.routes.map((rt, i) => {
              const target = withPorts[rt.target % withPorts.length]!;
              return {
                id: nextId(`route-${i}`) as RouteId,
                via: components[rt.via % components.length]!.id,
                scheme: rt.scheme,
                host: rt.host,
                ...(rt.publicPort !== undefined ? { publicPort: rt.publicPort } : {}),
                path: rt.path,
                target: target.id,
                port: pickPort(target, rt.port),
                tls: { terminate: rt.terminate, reencrypt: rt.reencrypt },
              };
            });
      const elementIds = [...zones, ...components, ...links, ...routes].map((e) => e.id as string);
      const suppressions =
        elementIds.length === 0
          ? []
          : r.suppressions.map(([rule, n, reason]) => ({ rule, element: elementIds[n % elementIds.length]!, reason }));
      const project: Project = {
        format: FORMAT_VERSION,
        meta: { name: r.name, description: r.description },
        settings: { registry: r.registry, tag: r.tag },
        zones,
        components,
        links,
        routes,
        suppressions,
        ...(r.kept !== undefined ? { passThrough: r.kept } : {}),
        ...(r.networks !== undefined
          ? {
              networks: r.networks.map((n) => ({
                name: n.name,
                ...(n.kept !== undefined ? { passThrough: n.kept } : {}),
              })),
            }
          : {}),
      };
      return project;
    });
}

/**
 * Random valid projects: every reference points at an existing element and an existing
 * port, ids are unique, and all free text is arbitrary.
 */
export const arbitraryProject: fc.Arbitrary<Project> = projectArbitrary(anyText);

/** `arbitraryProject` without what format 3 adds: projects a format 2 (or, rewritten, format 1) file holds. */
export const arbitraryFormat2Project: fc.Arbitrary<Project> = projectArbitrary(anyText, { format3: false });

/** `arbitraryProject` with text made to forge output (`hostileText`) as often as any other text. */
export const arbitraryHostileProject: fc.Arbitrary<Project> = projectArbitrary(fc.oneof(anyText, hostileText));
