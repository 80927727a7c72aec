import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './routing';

/**
 * testssl.sh (Debian's `testssl.sh` package, 3.0.x; the command is `testssl`) against a proxy on
 * loopback: an auditor's tool the project did not write. Only the checks the TLS profile speaks
 * to run — protocols (-p), the suites of each protocol (-E) and the HTTP headers (-h) — against
 * 127.0.0.1 with the host name as SNI and Host header (`--ip`, no DNS), using the system OpenSSL.
 * Results are read from its flat JSON file.
 */

export const TESTSSL = 'testssl';

export interface TestsslFinding {
  readonly id: string;
  readonly severity: string;
  readonly finding: string;
}

export type TestsslCheck = 'protocols' | 'ciphers' | 'headers';

const FLAGS: Readonly<Record<TestsslCheck, string>> = { protocols: '-p', ciphers: '-E', headers: '-h' };

/** One testssl run against `https://host:port/` on 127.0.0.1; rejects when testssl fails or finds nothing. */
export function testssl(port: number, host: string, checks: readonly TestsslCheck[]): Promise<TestsslFinding[]> {
  const json = join(tempDir('portolan-testssl-'), 'out.json');
  const args = [
    '--quiet',
    '--warnings',
    'off',
    '--color',
    '0',
    '--nodns',
    'none',
    '--ip',
    '127.0.0.1',
    '--openssl',
    '/usr/bin/openssl',
    '--connect-timeout',
    '5',
    '--openssl-timeout',
    '5',
    ...checks.map((c) => FLAGS[c]),
    '--jsonfile',
    json,
    `https://${host}:${port}/`,
  ];
  return new Promise((resolve, reject) => {
    execFile(TESTSSL, args, { timeout: 120_000, maxBuffer: 8 << 20 }, (error, stdout) => {
      let findings: TestsslFinding[] = [];
      try {
        findings = JSON.parse(readFileSync(json, 'utf8')) as TestsslFinding[];
      } catch {
        // No JSON: reported below with testssl's output.
      }
      // testssl exits non-zero for some findings; only a run without results is a failure.
      if (findings.length === 0 || findings.some((f) => f.id === 'scanProblem')) {
        reject(new Error(`testssl ${args.join(' ')} gave no result: ${error?.message ?? ''}\n${stdout}`));
      } else resolve(findings);
    });
  });
}

/** TLS versions as testssl names its protocol findings. */
export const TESTSSL_PROTOCOL_IDS = {
  TLSv1: 'TLS1',
  'TLSv1.1': 'TLS1_1',
  'TLSv1.2': 'TLS1_2',
  'TLSv1.3': 'TLS1_3',
} as const;

/** Whether testssl found the protocol offered (`offered`, `offered with final`…, never `not offered`). */
export const protocolOffered = (findings: readonly TestsslFinding[], id: string): boolean | undefined => {
  const f = findings.find((x) => x.id === id);
  return f === undefined ? undefined : /^offered/.test(f.finding);
};

/**
 * The suites offered on one protocol (`tls1_2`, `tls1_3`), by IANA name: a `cipher-tls1_2_xc02f`
 * finding reads `TLS 1.2 xc02f ECDHE-RSA-AES128-GCM-SHA256 ECDH 253 AESGCM 128 TLS_ECDHE_RSA_WITH_…`.
 */
export function suitesOffered(findings: readonly TestsslFinding[], protocol: string): string[] {
  return findings
    .filter((f) => f.id.startsWith(`cipher-${protocol}_`))
    .map((f) => f.finding.trim().split(/\s+/).at(-1)!)
    .sort();
}

/** HSTS max-age testssl read, if it found the header. */
export function hstsMaxAge(findings: readonly TestsslFinding[]): number | undefined {
  const f = findings.find((x) => x.id === 'HSTS_time');
  const m = f && /=(\d+) seconds/.exec(f.finding);
  return m ? Number(m[1]) : undefined;
}

export const finding = (findings: readonly TestsslFinding[], id: string): string | undefined =>
  findings.find((f) => f.id === id)?.finding;
