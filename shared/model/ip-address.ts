/**
 * IP address literals as Docker reads them (Go's `net.ParseIP`): one home for the import's port
 * grammar and the model's host addresses (a publish bound to one address).
 */

/** Go's `net.ParseIP` for IPv4 (Go 1.17+: no leading zeros). */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** Go's `net.ParseIP` for IPv6 (netip: 1–4 hex digits a group, one `::`, an IPv4 tail, no zone). */
export function isIPv6(text: string): boolean {
  const ellipsis = text.indexOf('::');
  if (ellipsis >= 0 && text.indexOf('::', ellipsis + 1) >= 0) return false;
  const sides = ellipsis < 0 ? [text] : [text.slice(0, ellipsis), text.slice(ellipsis + 2)];
  let groups = 0;
  for (const [s, side] of sides.entries()) {
    if (side === '') continue;
    const fields = side.split(':');
    for (const [f, field] of fields.entries()) {
      const last = s === sides.length - 1 && f === fields.length - 1;
      if (last && field.includes('.')) {
        if (!isIPv4(field)) return false;
        groups += 2;
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(field)) groups += 1;
      else return false;
    }
  }
  return ellipsis < 0 ? groups === 8 : groups <= 7;
}

export function isIpAddress(text: string): boolean {
  return text.includes(':') ? isIPv6(text) : isIPv4(text);
}
