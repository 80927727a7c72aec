import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIpAddress } from '../../../../../shared/model/ip-address';
import {
  MAX_EXPANDED_PORTS,
  parsePorts,
  parseShortPort,
  type PortSpec,
} from '../../../../../shared/import/compose/ports';
import type { SourcePos } from '../../../../../shared/import/types';
import { yamlMap } from './yaml-cnode';

const AT: SourcePos = { file: 'compose.yml', line: 1, column: 1 };

/** A spec without its position and defaults, as `docker compose config` would show it. */
function brief(spec: PortSpec): string {
  const host =
    spec.published === undefined ? '' : `${spec.published}${spec.publishedEnd ? `-${spec.publishedEnd}` : ''}`;
  const ip = spec.hostIp === undefined ? '' : `${spec.hostIp.includes(':') ? `[${spec.hostIp}]` : spec.hostIp}:`;
  const extra = [
    spec.mode === 'host' ? 'mode=host' : '',
    spec.name ? `name=${spec.name}` : '',
    spec.appProtocol ? `app=${spec.appProtocol}` : '',
  ].filter(Boolean);
  return `${ip}${host === '' && ip === '' ? '' : `${host}:`}${spec.target}/${spec.protocol}${extra.length ? ` ${extra.join(' ')}` : ''}`;
}

function short(text: string): string[] {
  const parsed = parseShortPort(text, AT);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
  return parsed.value.map(brief);
}

function shortError(text: string): string {
  const parsed = parseShortPort(text, AT);
  if (parsed.ok) throw new Error(`${text} parsed: ${parsed.value.map(brief).join(', ')}`);
  return parsed.message;
}

describe('parseShortPort: every short form compose v2 (nat.ParsePortSpec) accepts', () => {
  it.each([
    ['80', ['80/tcp']],
    ['8080:80', ['8080:80/tcp']],
    ['127.0.0.1:8443:443/tcp', ['127.0.0.1:8443:443/tcp']],
    ['127.0.0.1::80', ['127.0.0.1::80/tcp']],
    [':80', ['80/tcp']], // an empty host port: the engine picks one
    ['[::1]:8080:80', ['[::1]:8080:80/tcp']],
    ['::1:8080:80', ['[::1]:8080:80/tcp']], // more than three parts: all but the last two are the IP
    ['[::1]::80', ['[::1]::80/tcp']],
    ['::ffff:10.0.0.1:53:53/udp', ['[::ffff:10.0.0.1]:53:53/udp']],
    ['fe80::1:8080:80', ['[fe80::1]:8080:80/tcp']],
    ['0.0.0.0:80:80', ['0.0.0.0:80:80/tcp']],
    ['53/udp', ['53/udp']],
    ['53:53/UDP', ['53:53/udp']],
    ['9000/sctp', ['9000/sctp']],
    ['80/', ['80/tcp']],
    ['080', ['80/tcp']],
    ['+80', ['80/tcp']], // strconv.ParseInt takes a sign
    ['0', ['0/tcp']],
    ['65535:65535', ['65535:65535/tcp']],
    ['8000-8000:80', ['8000:80/tcp']],
    ['8000-8002:8000-8002', ['8000:8000/tcp', '8001:8001/tcp', '8002:8002/tcp']],
    ['9090-9091:8080-8081', ['9090:8080/tcp', '9091:8081/tcp']],
    ['3000-3002', ['3000/tcp', '3001/tcp', '3002/tcp']],
    ['127.0.0.1:5000-5001:6000-6001/udp', ['127.0.0.1:5000:6000/udp', '127.0.0.1:5001:6001/udp']],
    ['7000-7010:70', ['7000-7010:70/tcp']], // a host range for one container port: the engine picks from it
    // compose-go sorts one entry's ports by their text (docker-compose 1.29 sorts by number)
    ['98-101:98-101/udp', ['100:100/udp', '101:101/udp', '98:98/udp', '99:99/udp']],
  ])('%j', (text, expected) => {
    expect(short(text)).toEqual(expected);
  });

  it.each([
    ['', 'no port specified'],
    ['80:', 'no port specified'],
    ['127.0.0.1:80:', 'no port specified'],
    ['/tcp', 'no port specified'],
    ['80/tcpx', 'invalid proto: tcpx'],
    ['80/tcp/udp', 'invalid proto: tcp/udp'],
    ['65536', 'out of range'],
    ['-1', 'invalid containerPort'],
    ['80-', 'invalid containerPort'],
    ['81-80', 'invalid port range'],
    ['a', 'invalid containerPort'],
    [' 80', 'invalid containerPort'],
    ['8.0', 'invalid containerPort'],
    ['a:80', 'invalid hostPort'],
    ['127.0.0.1:80', 'invalid hostPort'], // an IP where the host port goes
    ['70000:80', 'invalid hostPort'],
    ['1::80', 'invalid IP address: 1'],
    ['localhost:80:80', 'invalid IP address: localhost'],
    ['256.0.0.1:80:80', 'invalid IP address'],
    ['01.2.3.4:80:80', 'invalid IP address'], // Go 1.17+ refuses leading zeros
    ['[::1:8080:80', 'invalid IP address'],
    ['[::1]x:8080:80', 'invalid IP address'],
    ['fe80::1%eth0:80:80', 'invalid IP address'],
    ['8000-8001:80-82', 'invalid ranges'],
    ['80:8000-8001', 'invalid ranges'],
  ])('refuses %j (%s)', (text, fragment) => {
    expect(shortError(text)).toContain(fragment);
  });
});

describe('isIpAddress: Go net.ParseIP', () => {
  it.each([
    ['127.0.0.1', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['::', true],
    ['::1', true],
    ['1::', true],
    ['2001:db8::8a2e:370:7334', true],
    ['2001:0db8:0000:0000:0000:8a2e:0370:7334', true],
    ['::ffff:192.0.2.1', true],
    ['1:2:3:4:5:6:1.2.3.4', true],
    ['', false],
    ['1.2.3', false],
    ['1.2.3.4.5', false],
    ['1.2.3.04', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1:2:3:4:5:6:7', false],
    ['1:2:3:4:5:6:7::8', false], // `::` must stand for at least one group
    [':::', false],
    ['1::2::3', false],
    [':1::', false],
    ['12345::', false],
    ['::1.2.3.4.5', false],
    ['::1.2.3.4:5', false],
    ['g::', false],
  ])('%j → %s', (text, ok) => {
    expect(isIpAddress(text)).toBe(ok);
  });
});

function ports(yaml: string): string[] {
  const outcome = parsePorts(yamlMap(yaml, 'services', 'app').entries.find((e) => e.key === 'ports')?.value);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.value.map(brief);
}

function portsProblem(yaml: string): string {
  const outcome = parsePorts(yamlMap(yaml, 'services', 'app').entries.find((e) => e.key === 'ports')?.value);
  if (outcome.ok) throw new Error(`parsed: ${outcome.value.map(brief).join(', ')}`);
  const p = outcome.problems[0]!;
  return `${p.code} ${p.at.line}:${p.at.column} ${p.message}`;
}

describe('parsePorts: a service ports list', () => {
  it('reads integers, strings and the long form, in order, one per container port', () => {
    const yaml = `
services:
  app:
    ports:
      - 80
      - "8080:81"
      - 8000-8001:9000-9001
      - target: 100
        published: "8100"
        host_ip: 127.0.0.1
        protocol: UDP
        mode: host
        name: web
        app_protocol: http
        x-note: kept aside
      - target: "101"
        published: 8101
      - target: 102
        published: 8102-8110
      - target: 103
        published: ""
        host_ip: "::1"
      - target: 104
        published: null
        protocol: null
`;
    expect(ports(yaml)).toEqual([
      '80/tcp',
      '8080:81/tcp',
      '8000:9000/tcp',
      '8001:9001/tcp',
      '127.0.0.1:8100:100/udp mode=host name=web app=http',
      '8101:101/tcp',
      '8102-8110:102/tcp',
      '[::1]::103/tcp',
      '104/tcp',
    ]);
  });

  it('gives each port the position of its entry', () => {
    const outcome = parsePorts(
      yamlMap('services:\n  app:\n    ports:\n      - "1-2:1-2"\n      - target: 3\n', 'services', 'app').entries[0]!
        .value,
    );
    expect(outcome.ok && outcome.value.map((p) => `${p.target} ${p.at.line}:${p.at.column}`)).toEqual([
      '1 4:9',
      '2 4:9',
      '3 5:9',
    ]);
  });

  it('reads no ports from an empty or missing list', () => {
    expect(ports('services:\n  app:\n    ports:\n')).toEqual([]);
    expect(ports('services:\n  app:\n    ports: []\n')).toEqual([]);
    expect(ports('services:\n  app:\n    image: x\n')).toEqual([]);
  });

  it.each([
    ['ports: "80:80"', 'wrong-type 3:12'],
    ['ports: {a: 1}', 'wrong-type 3:12'],
    ['ports: [80.5]', 'wrong-type 3:13'],
    ['ports: [80.0]', 'wrong-type 3:13'], // a YAML float: compose-go refuses it
    ['ports: [true]', 'wrong-type 3:13'],
    ['ports: [[80]]', 'wrong-type 3:13'],
    ['ports: [-1]', 'invalid-value 3:13'],
    ['ports: ["80", "x:80"]', 'invalid-value 3:19'],
    ['ports: [{published: 80}]', 'invalid-value 3:13'],
    ['ports: [{target: 70000}]', 'invalid-value 3:22'],
    ['ports: [{target: "x"}]', 'invalid-value 3:22'],
    ['ports: [{target: 1.5}]', 'wrong-type 3:22'],
    ['ports: [{target: 80, published: abc}]', 'invalid-value 3:37'],
    ['ports: [{target: 80, published: 90-80}]', 'invalid-value 3:37'],
    ['ports: [{target: 80, published: [1]}]', 'wrong-type 3:37'],
    ['ports: [{target: 80, protocol: icmp}]', 'invalid-value 3:36'],
    ['ports: [{target: 80, protocol: 6}]', 'wrong-type 3:36'],
    ['ports: [{target: 80, mode: bridge}]', 'invalid-value 3:32'],
    ['ports: [{target: 80, host_ip: localhost}]', 'invalid-value 3:35'],
    ['ports: [{target: 80, hostip: 1.2.3.4}]', 'invalid-value 3:26'],
  ])('refuses %s at %s', (line, expected) => {
    expect(portsProblem(`services:\n  app:\n    ${line}\n`)).toMatch(new RegExp(`^${expected} `));
  });

  it('quotes the entry and says why in the message', () => {
    expect(portsProblem('services:\n  app:\n    ports: ["8000-8001:80-82"]\n')).toBe(
      'invalid-value 3:13 invalid port "8000-8001:80-82": invalid ranges specified for container and host Ports: 80-82 and 8000-8001',
    );
  });
});

describe('parsePorts: hostile input', () => {
  it(`stops expanding ranges beyond ${MAX_EXPANDED_PORTS} ports`, () => {
    const yaml = `services:\n  app:\n    ports:\n${'      - "0-65535"\n'.repeat(50)}`;
    expect(portsProblem(yaml)).toMatch(/^invalid-value 7:9 the port ranges expand to more than/);
  });

  it('reads a huge entry', () => {
    expect(shortError(`${':'.repeat(1_000_000)}80`)).toContain('invalid IP address');
    expect(shortError(`${'1'.repeat(1_000_000)}:80`)).toContain('invalid hostPort');
  });
});

describe('parseShortPort: properties', () => {
  const port = fc.integer({ min: 0, max: 65535 });
  const protocol = fc.constantFrom('tcp', 'udp', 'sctp');

  it('HOST:CONTAINER/PROTO reads back as written', () => {
    fc.assert(
      fc.property(port, port, protocol, (host, container, proto) => {
        expect(short(`${host}:${container}/${proto}`)).toEqual([`${host}:${container}/${proto}`]);
      }),
    );
  });

  it('equal ranges expand pairwise to as many ports as the range holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 65000 }),
        fc.integer({ min: 0, max: 65000 }),
        fc.integer({ min: 0, max: 200 }),
        (host, container, extra) => {
          const parsed = parseShortPort(`${host}-${host + extra}:${container}-${container + extra}`, AT);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect(parsed.value).toHaveLength(extra + 1);
          for (const spec of parsed.value) expect(spec.published! - host).toBe(spec.target - container);
        },
      ),
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9:./\-[\]a-fA-F%tcpudsx]*$/), (text) => {
        const parsed = parseShortPort(text, AT);
        if (parsed.ok) for (const spec of parsed.value) expect(spec.target).toBeLessThanOrEqual(65535);
      }),
    );
  });
});
