/**
 * Loaded first (`node --import`) into a tool a test runs that must work offline: any attempt to
 * resolve a name or open a network socket throws, so the tool fails loudly instead of quietly
 * fetching. Local IPC (a Unix socket path) is still allowed; nothing else is.
 */
import dns from 'node:dns';
import net from 'node:net';

function refuse(what) {
  throw new Error(`network access refused in an offline test: ${what}`);
}

for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = () => refuse(`dns.${name}`);
  if (dns.promises[name]) dns.promises[name] = () => refuse(`dns.promises.${name}`);
}
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  const path = typeof first === 'string' ? first : first && typeof first === 'object' ? first.path : undefined;
  if (typeof path !== 'string') refuse(`connect ${JSON.stringify(first)}`);
  return connect.apply(this, args);
};
if (typeof globalThis.fetch === 'function') globalThis.fetch = () => refuse('fetch');
