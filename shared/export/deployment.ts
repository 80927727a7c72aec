import { NEXTAUTH_IMAGE_KINDS, portNumber } from '../catalog/index';
import type { Component } from '../model/types';
import { routeUrl } from '../rules/context';
import { getRule } from '../rules/registry';
import type { Diagnostic, Severity } from '../rules/types';
import { isUnpinnedTag } from '../rules/checks/na052-nextauth-image-unpinned';
import { PROXY_CONFIG, REGISTRY_VAR, SENTINEL_TEMPLATE, sentinelFile, TAG_VAR, type DeploymentPlan } from './plan';
import type { ExportFile } from './types';

import { code, md, table } from './markdown';
import { assertAddress, factsOf, plural, who, type Facts } from './deployment-facts';
import { connectionsSection, inboundSection, outboundSection } from './deployment-network';
import { tlsSection } from './tls-deployment';
import { capacitySection } from './capacity-deployment';

/*
 * DEPLOYMENT.md: what the operator runs, in which order, and what the network must allow.
 * Everything comes from the plan, so the guide cannot disagree with the compose file or the
 * proxy configuration beside it.
 */

interface EnvItem {
  readonly name: string;
  readonly text: string;
  readonly owners: Component[];
}

/** Inputs (with their prompts) and generated secrets, once per variable name. */
function envItems(plan: DeploymentPlan, type: 'input' | 'secret'): EnvItem[] {
  const items = new Map<string, EnvItem>();
  for (const s of plan.services) {
    for (const name of Object.keys(s.component.environment).sort()) {
      const v = s.component.environment[name]!;
      if (v.type !== type) continue;
      const item = items.get(name);
      if (item) item.owners.push(s.component);
      else
        items.set(name, {
          name,
          text: v.type === 'input' ? v.prompt : `${v.length} characters`,
          owners: [s.component],
        });
    }
  }
  // The account of a customer-run database the drawing connects to: its password is an input of `.env` too.
  for (const conn of plan.connections) {
    const target = conn.target;
    if (conn.account === undefined || conn.uri === undefined || plan.services.some((s) => s.component === target))
      continue;
    const v = target.environment[conn.account.passwordVar];
    if (v?.type !== type) continue;
    const item = items.get(conn.account.passwordVar);
    if (item) {
      if (!item.owners.includes(target)) item.owners.push(target);
    } else
      items.set(conn.account.passwordVar, {
        name: conn.account.passwordVar,
        text: v.type === 'input' ? v.prompt : `${v.length} characters`,
        owners: [target],
      });
  }
  return [...items.values()];
}

// --- Sections -------------------------------------------------------------------------------------

function filesSection(plan: DeploymentPlan): string[] {
  // The declared networks in their order, or Portolan's own: edge, then backend.
  const networks =
    plan.networks !== undefined
      ? plan.networks.map((n) => n.name)
      : [...new Set(plan.services.flatMap((s) => s.networks))].sort().reverse();
  const volumes = plan.services.flatMap((s) => s.volumes.map((v) => code(v.volume)));
  const contents = [
    plural(plan.services.length, 'service'),
    ...(networks.length > 0
      ? [`the ${networks.map(code).join(' and ')} ${networks.length === 1 ? 'network' : 'networks'}`]
      : []),
    ...(volumes.length > 0
      ? [`the ${volumes.length === 1 ? 'volume' : 'volumes'} ${volumes.join(', ')} for data`]
      : []),
  ];
  const rows: string[][] = [
    [code('docker-compose.yml'), `${contents.join(', ')}.`],
    [
      code('.env'),
      'Settings, generated secrets and the values you fill in. Mode 0600: keep it private and out of version control.',
    ],
  ];
  for (const p of plan.proxies) {
    const config = PROXY_CONFIG[p.flavour];
    rows.push([
      code(p.configFile),
      `${p.flavour} configuration of ${who(p.entry)}, mounted read-only at ${code(config.target)}.`,
    ]);
    if (p.dynamicFile && config.dynamicTarget)
      rows.push([
        code(p.dynamicFile),
        `Routes of ${who(p.entry)} (Traefik file provider), mounted at ${code(config.dynamicTarget)}.`,
      ]);
  }
  for (const s of plan.services) {
    if (s.component.kind !== 'redis-sentinel') continue;
    rows.push([
      code(sentinelFile(s.name)),
      `Sentinel configuration template of ${who(s.component)}, mounted at ${code(SENTINEL_TEMPLATE)}; each replica starts from its own copy.`,
    ]);
  }
  rows.push([code('DEPLOYMENT.md'), 'This guide.']);
  if (plan.proxies.length > 0) rows.push([code('certs/'), 'Not exported: you put the TLS certificates here (step 2).']);
  return ['## Files in this folder', '', ...table(['File', 'What it is'], rows)];
}

function registryStep(plan: DeploymentPlan): string {
  const registry = plan.project.settings.registry.replace(/\/+$/, '');
  const pull = `**Pull the images:** ${code('docker-compose pull')}.${tagNote(plan)}`;
  if (registry === '')
    return `${pull} The project names no registry for the nextAuth images: set ${code(REGISTRY_VAR)} in ${code('.env')} to the registry nextAuth gave you (ending in ${code('/')}), or load the images on this host first (${code('docker load')}).`;
  const first = registry.split('/')[0]!;
  const login = /[.:]/.test(first) || first === 'localhost' ? `docker login ${first}` : 'docker login';
  return `${pull} The nextAuth images come from ${code(registry)}; if it needs credentials, run ${code(login)} first.`;
}

/**
 * Issue 15: nextAuth's images run the tag in `.env` (compose stops while it is empty). A tag that
 * pins nothing (`latest`, rule NA052) is named here, before the first pull. (NA027 refuses an
 * empty tag before any export.)
 */
function tagNote(plan: DeploymentPlan): string {
  if (!plan.services.some((s) => NEXTAUTH_IMAGE_KINDS.has(s.component.kind) && s.image.includes(TAG_VAR))) return '';
  const tag = plan.project.settings.tag;
  if (isUnpinnedTag(tag))
    return ` The nextAuth images are tagged ${code(tag)}, which is not a version: set ${code(TAG_VAR)} in ${code('.env')} to the version nextAuth supplied, so every host runs the same server.`;
  return ` The nextAuth images run version ${code(tag)} (${code(TAG_VAR)} in ${code('.env')}).`;
}

function checkLines({ plan, entries }: Facts): string[] {
  const healthy = plan.services.filter((s) => s.healthcheck !== undefined);
  const lines = [
    `   - ${code('docker-compose ps')} lists every service as ${code('Up')}${healthy.length > 0 ? `; ${healthy.map((h) => code(h.name)).join(', ')} show${healthy.length === 1 ? 's' : ''} ${code('healthy')} once ${healthy.length === 1 ? 'its health check passes' : 'their health checks pass'}` : ''}.`,
    `   - ${code('docker-compose logs --tail=50 SERVICE')} shows a service's last log lines when one keeps restarting.`,
  ];
  for (const { sites } of entries) {
    for (const site of sites) {
      for (const l of site.locations) {
        assertAddress(site.host, l.path);
        const url = routeUrl(l.route);
        const httpUrl = url.replace(/^wss:/, 'https:').replace(/^ws:/, 'http:');
        if (l.upstream.websocket)
          lines.push(
            `   - ${code(url)} answers a WebSocket handshake with ${code('101 Switching Protocols')}: ${code(`curl --http1.1 -i -N -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: cG9ydG9sYW4tY2hlY2sxMg==' ${httpUrl}`)}`,
          );
        else lines.push(`   - ${code(url)} answers: ${code(`curl -sS -o /dev/null -w '%{http_code}\\n' ${url}`)}`);
      }
    }
  }
  return lines;
}

function stepsSection(f: Facts): string[] {
  const { plan } = f;
  const out = ['## What to run, in this order', ''];
  const inputs = envItems(plan, 'input');
  const secrets = envItems(plan, 'secret');
  out.push(
    inputs.length === 0
      ? `1. **Check ${code('.env')}.** Nothing needs filling in.`
      : `1. **Fill in ${code('.env')}.** Set each of these (they are empty now); put a value that contains spaces, ${code('#')}, ${code('$')} or ${code('"')} in single quotes, which compose reads literally:`,
  );
  for (const i of inputs) out.push(`   - ${code(i.name)} (${i.owners.map(who).join(', ')}): ${md(i.text)}`);
  if (secrets.length > 0)
    out.push(
      `   - ${secrets.length === 1 ? 'The secret' : 'The secrets'} ${secrets.map((s) => code(s.name)).join(', ')} ${secrets.length === 1 ? 'was' : 'were'} generated at export. Keep ${code('.env')} readable by you only (${code('chmod 600 .env')}) and out of version control.`,
    );

  const proxyCerts = plan.certificates.filter((c) => f.tlsBy.get(c.host)?.some((e) => e.mountsCerts));
  const portmapCerts = plan.certificates.filter((c) => f.tlsBy.get(c.host)?.some((e) => !e.mountsCerts));
  if (proxyCerts.length > 0) {
    const certDir = plan.proxies[0]!.certDir;
    out.push(
      `2. **Place the certificates.** Create ${code('certs/')} beside ${code('docker-compose.yml')} and put in it, for each host name, the certificate (full chain, PEM) and its unencrypted private key; the folder is mounted read-only at ${code(certDir)} in the proxy, which reads ${code(`${certDir}/HOST.crt`)} and ${code(`${certDir}/HOST.key`)}:`,
    );
    for (const c of proxyCerts) out.push(`   - ${code(`certs/${c.host}.crt`)} and ${code(`certs/${c.host}.key`)}`);
  } else
    out.push(
      '2. **Certificates.** No route terminates TLS at a reverse proxy, so no certificate files go in this folder.',
    );
  if (portmapCerts.length > 0)
    out.push(
      `   - portmap terminates TLS for ${portmapCerts.map((c) => code(c.host)).join(', ')}. How it is given its certificates is not in the public documentation: follow nextAuth's instructions for nextauth-portmap.`,
    );
  out.push(
    `3. **Create the DNS records** listed under [DNS records](#dns-records).`,
    `4. **Open the firewall** as the [inbound](#inbound-firewall) and [outbound](#outbound-firewall) tables say.`,
    `5. ${registryStep(plan)}`,
    `6. **Start:** ${code('docker-compose up -d')} (in this folder; ${code('.env')} is read from here).`,
    '7. **Check that it runs:**',
    ...checkLines(f),
  );
  return out;
}

function dnsSection({ entries }: Facts): string[] {
  const rows: string[][] = [];
  for (const { entry, sites } of entries) {
    const hosts = [...new Set(sites.map((s) => s.host))].sort();
    for (const host of hosts) {
      assertAddress(host);
      const urls = sites.filter((s) => s.host === host).flatMap((s) => s.locations.map((l) => code(routeUrl(l.route))));
      rows.push([
        code(host),
        'A / AAAA',
        `public IPv4 / IPv6 address of the host running ${who(entry)}`,
        urls.join(', '),
      ]);
    }
  }
  const out = ['## DNS records', ''];
  if (rows.length === 0) out.push('No route is published, so no DNS record is needed.');
  else out.push(...table(['Name', 'Type', 'Value', 'Serves'], rows));
  return out;
}

function certificatesSection({ plan, tlsBy }: Facts): string[] {
  const out = ['## Certificates needed', ''];
  if (plan.certificates.length === 0) return [...out, 'No route terminates TLS, so no certificate is needed.'];
  const rows = plan.certificates.map((c) => {
    const servers = tlsBy.get(c.host) ?? [];
    const files = servers.some((e) => e.mountsCerts)
      ? `${code(`certs/${c.host}.crt`)}, ${code(`certs/${c.host}.key`)}`
      : 'as nextauth-portmap expects (not publicly documented)';
    return [code(c.host), files, servers.map((e) => who(e.entry)).join(', ')];
  });
  return [
    ...out,
    'One certificate per host name, valid for that name (subject alternative name), issued by a CA the clients trust.',
    '',
    ...table(['Host name', 'Files', 'Terminated by'], rows),
  ];
}

function portmapSection({ plan, service }: Facts): string[] {
  if (plan.portmaps.length === 0) return [];
  const rows: string[][] = [];
  for (const { entry, sites } of plan.portmaps)
    for (const s of sites)
      for (const l of s.locations) {
        const target = service.get(l.upstream.service)!;
        const tls = !s.tls ? 'none' : l.upstream.reencrypt ? 'terminates, re-encrypts to the upstream' : 'terminates';
        rows.push([
          who(entry),
          code(routeUrl(l.route)),
          `${who(target)} port ${l.upstream.port} (${code(l.upstream.portName)})`,
          tls,
        ]);
      }
  return [
    '## portmap routes to configure',
    '',
    "nextauth-portmap's configuration format is not public, so no configuration file is exported for it. Configure these mappings as nextAuth's instructions for portmap say.",
    '',
    ...(rows.length > 0
      ? table(['portmap', 'Public URL', 'Forwards to', 'TLS'], rows)
      : ['No route uses portmap yet.']),
  ];
}

function ignoredSection(plan: DeploymentPlan): string[] {
  if (plan.ignoredPublish.length === 0) return [];
  const rows = plan.ignoredPublish.map(({ component, hostPort }) => {
    const port = component.publish.find((p) => p.hostPort === hostPort)?.port ?? '?';
    return [who(component), String(hostPort), `${code(port)} (${portNumber(component, port) ?? '?'})`];
  });
  return [
    '## Host ports the export left out',
    '',
    'Only the entry points (reverse proxy, portmap) publish host ports. The model publishes these on other components; the compose file leaves them out, reach them through an entry point instead:',
    '',
    ...table(['Component', 'Host port', 'Container port'], rows),
  ];
}

const ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function docsLink(rule: string): string {
  const docs = getRule(rule)?.docs;
  if (!docs) return '';
  return `[${md(docs.section ?? docs.url)}](${docs.url.replaceAll('(', '%28').replaceAll(')', '%29').replaceAll(' ', '%20')})`;
}

function findingsSection(diagnostics: readonly Diagnostic[]): string[] {
  const sorted = [...diagnostics].sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  const open = sorted.filter((d) => !d.suppressed);
  const accepted = sorted.filter((d) => d.suppressed);
  const out = ['## Remaining findings of the checker', ''];
  if (open.length === 0 && accepted.length === 0)
    return [...out, 'The checker reports no errors, warnings or infos for this project.'];
  if (open.some((d) => d.severity === 'error'))
    out.push(
      '**This export was forced past checker errors.** Fix them in the project and export again before going live.',
      '',
    );
  if (open.length > 0)
    out.push(
      ...table(
        ['Severity', 'Rule', 'Message', 'Documentation'],
        open.map((d) => [d.severity, code(d.rule), md(d.message), docsLink(d.rule)]),
      ),
      '',
    );
  if (accepted.length > 0)
    out.push(
      'Accepted in the project (suppressed), with the reason given:',
      '',
      ...table(
        ['Severity', 'Rule', 'Message', 'Reason'],
        accepted.map((d) => [d.severity, code(d.rule), md(d.message), md(d.suppressed!.reason)]),
      ),
      '',
    );
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * DEPLOYMENT.md for the operator, in Markdown. Pure and byte-stable like every exporter. With
 * declared hosts (hosts/), `hostSections` replace the single folder's file list and steps.
 */
export function exportDeploymentGuide(
  plan: DeploymentPlan,
  diagnostics: readonly Diagnostic[],
  hostSections?: readonly (readonly string[])[],
): ExportFile {
  const { meta } = plan.project;
  const facts = factsOf(plan);
  const sections = [
    ['<!-- written by Portolan -->', `# ${md(meta.name) || 'nextAuth deployment'}: deployment guide`],
    [
      ...(meta.description.trim() !== '' ? [md(meta.description), ''] : []),
      hostSections === undefined
        ? `The files in this folder run it with Docker Compose as the compose project ${code(plan.projectName)} (${code('COMPOSE_PROJECT_NAME')} in ${code('.env')}). Work in this folder.`
        : `The folders under ${code('hosts/')} run it with Docker Compose, one folder per host, each as the compose project ${code(plan.projectName)} (${code('COMPOSE_PROJECT_NAME')} in its ${code('.env')}). The sections after the host-to-host firewall describe the deployment as a whole: each container runs on the host the table under Hosts names.`,
    ],
    ...(hostSections === undefined ? [filesSection(plan), stepsSection(facts)] : hostSections),
    connectionsSection(plan),
    inboundSection(facts),
    outboundSection(facts),
    dnsSection(facts),
    certificatesSection(facts),
    tlsSection(facts),
    capacitySection(facts),
    portmapSection(facts),
    ignoredSection(plan),
    findingsSection(diagnostics),
  ].filter((s) => s.length > 0);
  return { path: 'DEPLOYMENT.md', contents: `${sections.map((s) => s.join('\n')).join('\n\n')}\n`, mode: 0o644 };
}
