/**
 * Projects for the picture tests: one whose values hold the characters that have a meaning in
 * XML, PDF strings and YAML (`<`, `&`, `)`, `\`, quotes, `]]>`, `endstream`), with customer host
 * names, a registry, literal values and an accepted-exception reason for redaction to replace.
 */
import { loadProject, saveProject } from '../../shared/format/index';
import type { Project } from '../../shared/model/types';
import { patchRoute, setEnv, template } from './fixtures';

/** A project a customer would not want shown: real-looking hosts and values, and hostile characters. */
export function hostileProject(): Project {
  let p = template('manual');
  p = {
    ...p,
    meta: {
      name: 'Acme <&) \\ "Ops" ]]> (prod)',
      description: 'Runs at login.acme-corp.com & db01.acme-corp.internal; <b>not</b> a tag \\) endstream %%EOF',
    },
    settings: { ...p.settings, registry: 'registry.acme-corp.internal/nextauth' },
    suppressions: [{ rule: 'NA004', element: 'proxy', reason: 'Customer <&) asked \\ for it on 2024-05-01' }],
  };
  p = patchRoute(p, 'ws', { host: 'login.acme-corp.com' });
  p = patchRoute(p, 'mobile-api', { host: 'mobile.acme-corp.com' });
  p = setEnv(p, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://login.acme-corp.com/');
  p = setEnv(p, 'nextauth', 'CUSTOM_NOTE', 'literal <&) \\ value for 10.20.30.40');
  return p;
}

/** The text of `hostileProject`, and proof that it loads back as written. */
export function hostileProjectText(): string {
  const text = saveProject(hostileProject());
  if (!loadProject(text).ok) throw new Error('the hostile picture project does not load');
  return text;
}

/**
 * The picture without its font data (base64 can hold any short string by chance): what a
 * "this string must not appear" check should look at.
 */
export const withoutFontData = (svg: string): string => svg.replace(/base64,[A-Za-z0-9+/=]+/g, 'base64,');
