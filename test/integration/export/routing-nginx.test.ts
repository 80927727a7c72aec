import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { describeLiveRouting } from '../../support/live-routing';
import { startProcess } from '../../support/routing';

/* The real nginx with the exported nginx.conf (see test/support/live-routing.ts). */
describeLiveRouting({
  title: 'nginx',
  tool: 'nginx',
  flavour: 'nginx',
  start: (config, ready) => {
    // Its own prefix, error log and pid file in the temp dir: nothing touches /etc, /var or /run.
    const dir = dirname(config);
    const args = ['-c', config, '-p', dir, '-e', join(dir, 'error.log')];
    return startProcess('nginx', [...args, '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`], ready);
  },
  // The default server rejects the handshake (ssl_reject_handshake): no certificate for a name nginx does not serve.
  unknownSni: (request) => expect(request).rejects.toThrow(),
  // nginx picks the server by the Host header alone. A name it does not serve gets the default
  // server's 404; another host it serves is answered as on a connection of its own (HAProxy and
  // Caddy answer 421 there) — never with the upstream of the SNI name.
  misdirected: ({ res, host, sni, direct, reached }) => {
    expect(res.status, `Host ${host} over SNI ${sni}`).toBe(direct === undefined ? 404 : 200);
    expect(res.headers['x-stub']).toBe(direct);
    expect(reached.map((r) => [r.stub, r.headers.host])).toEqual(direct === undefined ? [] : [[direct, host]]);
  },
});
