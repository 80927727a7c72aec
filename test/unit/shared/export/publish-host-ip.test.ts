import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import { loadProject, saveProject } from '../../../../shared/format/index';
import { hostSide, isLoopback } from '../../../../shared/model/publish-address';
import type { Project } from '../../../../shared/model/types';
import { patchComponent, template } from '../../../support/fixtures';

// A publish bound to one host address (`127.0.0.1:8443:443`): saved in the project file (format
// 3), written by the compose exporter in compose's short form, shown in DEPLOYMENT.md.

const bound = (): Project =>
  patchComponent(template('manual'), 'proxy', {
    publish: [
      { port: 'http', hostPort: 80, hostIp: '0.0.0.0' },
      { port: 'https', hostPort: 443, hostIp: '::1' },
    ],
  });

function files(p: Project): Record<string, string> {
  const result = exportProject(p, { random: seededRandom(3), proxy: 'nginx' });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('; '));
  return Object.fromEntries(result.files.map((f) => [f.path, f.contents]));
}

describe('a publish on one host address', () => {
  it('is written as HOST_IP:HOST_PORT:CONTAINER_PORT, IPv6 in brackets', () => {
    const compose = parse(files(bound())['docker-compose.yml']!) as { services: Record<string, { ports?: string[] }> };
    expect(compose.services.proxy!.ports).toEqual(['0.0.0.0:80:80', '[::1]:443:443']);
  });

  it('still makes the proxy listen (and redirect) on its port', () => {
    expect(files(bound())['nginx/nginx.conf']).toMatch(/listen 80[ ;]/);
  });

  it('is listed in DEPLOYMENT.md with its address, a loopback one as reachable from the host only', () => {
    const md = files(bound())['DEPLOYMENT.md']!;
    expect(md).toContain('[::1]:443');
    expect(md).toMatch(/This host only \(loopback\)[^\n]*\[::1\]:443/);
  });

  it('round-trips through the project file (format 3), and a bad address is a located error', () => {
    const text = saveProject(bound());
    expect(text).toMatch(/^format: 3$/m);
    const back = loadProject(text);
    expect(back.ok && back.project.components.find((c) => c.id === 'proxy')!.publish).toEqual(
      bound().components.find((c) => c.id === 'proxy')!.publish,
    );
    const broken = loadProject(text.replace('hostIp: 0.0.0.0', 'hostIp: 999.1.1.1'));
    expect(broken.ok).toBe(false);
    if (!broken.ok)
      expect(broken.problems[0]).toMatchObject({
        code: 'invalid-value',
        message: expect.stringContaining('999.1.1.1'),
      });
  });

  it('hostSide and isLoopback', () => {
    expect(hostSide({ hostPort: 8443 })).toBe('8443');
    expect(hostSide({ hostPort: 8443, hostIp: '127.0.0.1' })).toBe('127.0.0.1:8443');
    expect(hostSide({ hostPort: 8443, hostIp: 'fe80::1' })).toBe('[fe80::1]:8443');
    expect(['127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '10.0.0.1', '::', 'fe80::1', undefined].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
