/**
 * Which links may leave the app for the system browser. The only outside pages Portolan links
 * to are nextAuth's documentation (rule and catalog sources), so anything else — other hosts,
 * http:, file:, custom protocols that launch programs — is refused.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['docs.nextauth.com'];

/** The documentation start page the Help menu opens. */
export const DOCS_URL = 'https://docs.nextauth.com/';

export function isExternalLinkAllowed(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Credentials or an explicit port would make a look-alike of an allowed link.
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') {
    return false;
  }
  return hosts.includes(parsed.hostname);
}
