/**
 * Pictures of projects with hosts, checked by a real XML parser (libxml2's `xmllint`): the HA
 * template on three hosts in both themes, and hosts with hostile names (markup, quotes, controls,
 * bidi overrides, very long) — each must parse, and the chip's text libxml2 reads must be the
 * printable name the canvas shows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Project } from '../../shared/model/types';
import { renderSvg } from '../../shared/render/svg';
import { hostileText } from '../support/arbitraries';
import { haOnThreeHosts } from '../support/host-projects';
import { svgOptions } from '../support/picture-fonts';
import { needTool } from '../support/tools';

const xmllint = needTool('xmllint', 'checking SVG pictures with a real XML parser (apt-get install libxml2-utils)');
const work = mkdtempSync(join(tmpdir(), 'portolan-host-svg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(name: string, svg: string): string {
  const file = join(work, name);
  writeFileSync(file, svg);
  return file;
}

/** The chip texts libxml2 reads, one per host group. */
function chipTexts(file: string): string[] {
  const run = spawnSync('xmllint', ['--nonet', '--xpath', '//*[@class="pl-host__chip"]/*[local-name()="text"]', file], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return [...run.stdout.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

describe.skipIf(xmllint.skip)('host regions in pictures (xmllint)', () => {
  it.each(['light', 'dark'] as const)('the HA template on three hosts parses (%s)', (theme) => {
    const file = write(`ha-${theme}.svg`, renderSvg(haOnThreeHosts(), svgOptions({ theme })));
    const run = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(new Set(chipTexts(file))).toEqual(new Set(['app-1', 'app-2', 'app-3']));
  });

  it('hostile host names still give a picture that parses', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 3 }), (names) => {
        const base = haOnThreeHosts();
        const p: Project = { ...base, hosts: base.hosts!.map((h, i) => ({ ...h, name: names[i % names.length]! })) };
        const file = write(`hostile-${n++}.svg`, renderSvg(p, svgOptions({ fonts: [] })));
        const run = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});
