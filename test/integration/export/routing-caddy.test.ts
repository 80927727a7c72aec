import { dirname } from 'node:path';
import { expect } from 'vitest';
import { describeLiveRouting } from '../../support/live-routing';
import { startProcess } from '../../support/routing';

/* The real Caddy with the exported Caddyfile (see test/support/live-routing.ts). */
describeLiveRouting({
  title: 'Caddy',
  tool: 'caddy',
  flavour: 'caddy',
  start: (config, ready) => {
    // Caddy keeps its data and autosaved config under XDG_DATA_HOME / XDG_CONFIG_HOME (else ~):
    // a temp dir here. The Caddyfile turns the admin API off, so no admin port is opened.
    const dir = dirname(config);
    const env = [`XDG_DATA_HOME=${dir}`, `XDG_CONFIG_HOME=${dir}`, `HOME=${dir}`];
    // `env` execs caddy, so the process startProcess tracks (and stops) is caddy itself.
    return startProcess('env', [...env, 'caddy', 'run', '--config', config, '--adapter', 'caddyfile'], ready);
  },
  // Caddy has no certificate for a name it does not serve, so the handshake fails.
  unknownSni: (request) => expect(request).rejects.toThrow(),
  // A Caddy path pattern with a percent-escape is matched like Go's path.Match: its trailing `*`
  // stops at `/`. So `handle /a%20b%22c*` takes /a%20b%22c but not /a%20b%22c/x, which falls
  // through to the host's `/` route (caddy.ts writes the route's prefix that way; reported).
  knownGap: (probe) =>
    /%[0-9A-Fa-f]{2}/.test(probe.prefix) && probe.path.slice(probe.prefix.length).includes('/')
      ? 'paths below a percent-escaped prefix'
      : undefined,
});
