import { describe, expect, it } from 'vitest';
import { getKind } from '../../../../shared/catalog/index';
import { exportDeploymentGuide } from '../../../../shared/export/deployment';
import { code, md } from '../../../../shared/export/markdown';
import { buildPlan, seededRandom } from '../../../../shared/export/index';
import type { Project } from '../../../../shared/model/types';
import { checkProject, getRule } from '../../../../shared/rules/index';
import type { TemplateId } from '../../../../shared/templates/index';
import { dropLink, patchComponent, setEnv, template } from '../../../support/fixtures';

/** The guide alone: it needs only the plan and the diagnostics, not the proxy exporters. */
function guide(project: Project): string {
  return exportDeploymentGuide(buildPlan(project, { random: seededRandom(1) }), checkProject(project)).contents;
}

/** The text under `## title`, up to the next `## `. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no section "${title}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The body rows of the first table in `text`, as cells. Splits on `|` not escaped with `\`. */
function rows(text: string): string[][] {
  const lines = text.split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((l) =>
    l
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim()),
  );
}

const columns = (text: string, ...indexes: number[]) => rows(text).map((r) => indexes.map((i) => r[i]));

const HOSTS = [
  'accounts.auth.example.com',
  'auth.example.com',
  'dashboard.auth.example.com',
  'idp.auth.example.com',
  'mobile.auth.example.com',
];

/** Source, destination, port, protocol of the rows between containers, the same for every template. */
const upstreamRows = (entry: string, nextauth = '`nextauth`') => [
  [entry, '`mgmt` on the compose network', '80', 'TCP (HTTP)'],
  [entry, '`mgmt` on the compose network', '81', 'TCP (HTTP)'],
  [entry, '`mgmt` on the compose network', '82', 'TCP (HTTP)'],
  [entry, `${nextauth} on the compose network`, '8009', 'TCP (WS)'],
  [entry, `${nextauth} on the compose network`, '8889', 'TCP (HTTP)'],
];

/** The catalog's documented egress addresses of nextauth, as `host`, `port`. */
const egress = (kind: 'license-server' | 'push-fcm' | 'push-apns'): [string, string] => {
  const address = getKind('nextauth').egress.find((e) => e.to === kind)!.address!;
  return [`\`${address.split(':')[0]}\``, address.split(':')[1]!];
};

describe.each<[TemplateId, string]>([
  ['default', '`portmap`'],
  ['manual', 'nginx (`proxy`)'],
  ['ha', 'Load balancer (`lb`)'],
])('DEPLOYMENT.md of the %s template', (id, entry) => {
  const text = guide(template(id));
  const nextauth = id === 'ha' ? '`nextauth`, every one of 3 replicas,' : '`nextauth`';

  it('is written by Portolan and says what it is', () => {
    expect(text.split('\n')[0]).toBe('<!-- written by Portolan -->');
    expect(text).toContain(`# ${template(id).meta.name}: deployment guide`);
    expect(text).toContain(template(id).meta.description.slice(0, 40));
  });

  it('inbound: the internet reaches the entry point only, which reaches each upstream port', () => {
    const inbound = section(text, 'Inbound firewall');
    const expected = [
      // Bound on every IPv4 and every IPv6 address, as the compose file writes it (issue 15).
      ['Internet', `${entry}, host port`, '`0.0.0.0:80`, `[::]:80`', 'TCP (HTTP)'],
      ['Internet', `${entry}, host port`, '`0.0.0.0:443`, `[::]:443`', 'TCP (HTTPS)'],
      ...upstreamRows(entry, nextauth),
    ];
    if (id === 'manual') expected.push(['Business application (`business-app`)', '`nextauth`', '8888', 'TCP (HTTP)']);
    expect(columns(inbound, 0, 1, 2, 3)).toEqual(expected);
    const why = columns(inbound, 4).map(([w]) => w!);
    expect(why[0]).toBe('redirects plain HTTP to HTTPS');
    for (const host of HOSTS) expect(why[1]).toContain(`\`https://${host}\``);
    expect(why[5]).toBe('forwards `wss://auth.example.com/`');
    // The REST API is never an upstream of the entry point.
    expect(rows(inbound).filter((r) => r[0] === entry && r[2] === '8888')).toEqual([]);
  });

  it('outbound: nextauth to the documented addresses it is linked to, and the customer database', () => {
    const outbound = section(text, 'Outbound firewall');
    const expected = [egress('license-server'), egress('push-fcm'), egress('push-apns')];
    if (id === 'ha') expected.unshift(['`mysql.db.example.com`', '3306']);
    expect(columns(outbound, 0)).toEqual(expected.map(() => ['`nextauth` on the Docker host']));
    expect(columns(outbound, 1, 2).map(([d, p]) => [d!.split(':')[0], p])).toEqual(expected);
    expect(expected.slice(-3).map((e) => e[0])).toEqual([
      '`license.nextauth.com`',
      '`fcm.googleapis.com`',
      '`api.push.apple.com`',
    ]);
  });

  it('DNS: every routed host name points at the entry point', () => {
    expect(columns(section(text, 'DNS records'), 0, 1, 2)).toEqual(
      HOSTS.map((h) => [`\`${h}\``, 'A / AAAA', `public IPv4 / IPv6 address of the host running ${entry}`]),
    );
  });

  it('certificates: one per TLS host name, in ./certs for a proxy', () => {
    const certs = section(text, 'Certificates needed');
    expect(columns(certs, 0, 2)).toEqual(HOSTS.map((h) => [`\`${h}\``, entry]));
    for (const [host, files] of columns(certs, 0, 1)) {
      if (id === 'default') expect(files).toBe('as nextauth-portmap expects (not publicly documented)');
      else expect(files).toBe(`\`certs/${host!.slice(1, -1)}.crt\`, \`certs/${host!.slice(1, -1)}.key\``);
    }
    if (id !== 'default') {
      const steps = section(text, 'What to run, in this order');
      expect(steps).toContain('mounted read-only at `/etc/portolan/certs`');
      expect(steps).toContain('which reads `/etc/portolan/certs/HOST.crt` and `/etc/portolan/certs/HOST.key`:');
      for (const host of HOSTS) expect(steps).toContain(`   - \`certs/${host}.crt\` and \`certs/${host}.key\`\n`);
    }
  });

  it('lists each .env input with its prompt, and the steps in order', () => {
    const steps = section(text, 'What to run, in this order');
    expect(steps).toContain('- `NEXTAUTH_LICENSE` (`nextauth`): License string issued by nextAuth');
    if (id === 'ha')
      expect(steps).toContain(
        // The customer-run MySQL's own account variable, which the derived NEXTAUTH_DB_URI references.
        "- `MYSQL_PASSWORD` (Customer MySQL (`mysql`)): Password of the nextauth user on the customer's MySQL server",
      );
    const order = ['1. **Fill in `.env`.**', '2. **', '3. **Create the DNS records**', '4. **Open the firewall**'];
    order.push('5. **Pull the images:** `docker-compose pull`', '6. **Start:** `docker-compose up -d`');
    order.push('7. **Check that it runs:**');
    const at = order.map((o) => steps.indexOf(o));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('lists the portmap routes to configure only when the project uses portmap', () => {
    if (id !== 'default') {
      expect(text).not.toContain('## portmap routes');
      return;
    }
    const routes = section(text, 'portmap routes to configure');
    expect(routes).toContain('configuration format is not public');
    expect(columns(routes, 1, 2)).toEqual([
      ['`https://accounts.auth.example.com/`', '`mgmt` port 81 (`accounts`)'],
      ['`wss://auth.example.com/`', '`nextauth` port 8009 (`ws`)'],
      ['`https://dashboard.auth.example.com/`', '`mgmt` port 80 (`dashboard`)'],
      ['`https://idp.auth.example.com/`', '`mgmt` port 82 (`idp`)'],
      ['`https://mobile.auth.example.com/`', '`nextauth` port 8889 (`mobile`)'],
    ]);
  });

  it('lists only NA052 for the template (no nextAuth version), and nothing once the project names one', () => {
    expect(section(text, 'Remaining findings of the checker')).toContain('`NA052`');
    const pinned = guide({ ...template(id), settings: { ...template(id).settings, tag: '1.4.2' } });
    expect(section(pinned, 'Remaining findings of the checker')).toContain('The checker reports no errors');
  });
});

describe('DEPLOYMENT.md findings and left-out ports', () => {
  // A warning (push platform drawn but unreachable), an info (Redis on another port), and a
  // suppressed warning (MySQL URI without loc=Local), with a reason that needs escaping.
  let project = dropLink(
    { ...template('manual'), settings: { ...template('manual').settings, tag: '1.4.2' } },
    'nextauth-to-fcm',
  );
  project = patchComponent(project, 'redis', { portOverrides: { redis: 6380 } });
  project = setEnv(project, 'nextauth', 'NEXTAUTH_KV_URI', 'redis://redis:6380');
  project = setEnv(project, 'nextauth', 'NEXTAUTH_DB_URI', 'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth');
  project = {
    ...project,
    suppressions: [{ rule: 'NA020', element: 'nextauth', reason: 'Our MySQL | runs in UTC <always>' }],
  };
  const diagnostics = checkProject(project);
  const text = guide(project);
  const findings = section(text, 'Remaining findings of the checker');

  it('lists open warnings and infos with rule id, message and documentation link', () => {
    const open = diagnostics.filter((d) => !d.suppressed);
    expect(open.map((d) => [d.severity, d.rule])).toEqual([
      ['warning', 'NA012'],
      ['info', 'NA022'],
    ]);
    const table = rows(findings.slice(0, findings.indexOf('Accepted')));
    expect(table.map((r) => r.slice(0, 2))).toEqual([
      ['warning', '`NA012`'],
      ['info', '`NA022`'],
    ]);
    for (const [i, d] of open.entries()) {
      expect(table[i]![2]).toBe(md(d.message));
      expect(table[i]![3]).toContain(`](${getRule(d.rule)!.docs.url})`);
    }
  });

  it('lists suppressed findings with their reason, escaped', () => {
    const accepted = findings.slice(findings.indexOf('Accepted'));
    expect(rows(accepted)).toEqual([
      [
        'warning',
        '`NA020`',
        md(diagnostics.find((d) => d.rule === 'NA020')!.message),
        'Our MySQL \\| runs in UTC \\<always\\>',
      ],
    ]);
  });

  it('a forced export with errors says so above the findings', () => {
    const broken = setEnv(project, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://other.example.com/');
    const forced = section(guide(broken), 'Remaining findings of the checker');
    expect(forced).toContain('**This export was forced past checker errors.**');
    expect(rows(forced)[0]!.slice(0, 2)).toEqual(['error', '`NA003`']);
  });

  it('lists host ports the export left out', () => {
    const published = patchComponent(project, 'nextauth', { publish: [{ port: 'ws', hostPort: 8009 }] });
    expect(rows(section(guide(published), 'Host ports the export left out'))).toEqual([
      ['`nextauth`', '8009', '`ws` (8009)'],
    ]);
    expect(text).not.toContain('## Host ports the export left out');
  });
});

describe('Markdown escaping of project text', () => {
  it('escapes markup, HTML and table separators; keeps ordinary names readable', () => {
    expect(md('a | b')).toBe('a \\| b');
    expect(md('<script>x</script>')).toBe('\\<script\\>x\\</script\\>');
    expect(md('`rm -rf`')).toBe('\\`rm -rf\\`');
    expect(md('*bold* _em_ [link](x) ~~s~~ $x$ &amp; #h')).toBe(
      '\\*bold\\* \\_em\\_ \\[link\\](x) \\~\\~s\\~\\~ \\$x\\$ \\&amp; \\#h',
    );
    expect(md('NEXTAUTH_DB_URI')).toBe('NEXTAUTH_DB_URI');
    expect(md('line one\nline two\r\n\tthree')).toBe('line one line two three');
    expect(md('- not a list')).toBe('\\- not a list');
    expect(md('1. not a list')).toBe('1\\. not a list');
    expect(md('back\\slash')).toBe('back\\\\slash');
    expect(code('a|b')).toBe('`a\\|b`');
    expect(code('a`b')).toBe('a\\`b');
  });

  it('hostile-but-allowed names, prompts and descriptions keep every table row intact', () => {
    const hostile = 'Edge | `proxy` <img src=x onerror=alert(1)> *x* [y](z)';
    let project = patchComponent(template('manual'), 'proxy', { name: hostile });
    project = patchComponent(project, 'nextauth', { name: 'next|auth' });
    project = setEnv(project, 'nextauth', 'NEXTAUTH_LICENSE', { type: 'input', prompt: 'Paste | the <license>' });
    project = {
      ...project,
      meta: { name: '# Acme | <b>prod</b>', description: '- first\n\n## not a heading\n| a | b |' },
    };
    const text = guide(project);
    expect(text).not.toMatch(/(?<!\\)<(img|b)\b/);
    expect(text).not.toContain('## not a heading');
    expect(text).toContain('# \\# Acme \\| \\<b\\>prod\\</b\\>: deployment guide');
    expect(text).toContain('\\- first \\#\\# not a heading \\| a \\| b \\|');
    expect(text).toContain('- `NEXTAUTH_LICENSE` (next\\|auth (`nextauth`)): Paste \\| the \\<license\\>');
    const escaped = md(hostile);
    expect(escaped).toBe('Edge \\| \\`proxy\\` \\<img src=x onerror=alert(1)\\> \\*x\\* \\[y\\](z)');
    // Every table keeps its column count: no cell was split by a `|` from the project.
    for (const title of ['Inbound firewall', 'Outbound firewall', 'DNS records', 'Certificates needed']) {
      const s = section(text, title);
      const head = s.split('\n').find((l) => l.startsWith('|'))!;
      const width = head.split(/(?<!\\)\|/).length;
      for (const r of s.split('\n').filter((l) => l.startsWith('|')))
        expect(r.split(/(?<!\\)\|/).length, r).toBe(width);
    }
    expect(columns(section(text, 'Inbound firewall'), 1)[0]).toEqual([`${escaped} (\`proxy\`), host port`]);
  });
});
