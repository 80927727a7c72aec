import { describeLiveRouting, expectNoUpstream } from '../../support/live-routing';
import { startProcess } from '../../support/routing';

/*
 * The real HAProxy with the exported haproxy.cfg (see test/support/live-routing.ts). The harness
 * writes HOST.crt beside HOST.key, which is where HAProxy looks for the key.
 */
describeLiveRouting({
  title: 'HAProxy',
  tool: 'haproxy',
  flavour: 'haproxy',
  // -db: stay in the foreground (the config has no `daemon` either), so stop() reaches it.
  start: (config, ready) => startProcess('haproxy', ['-db', '-f', config], ready),
  // HAProxy shows its first certificate, which the client rejects for the wrong name; a client
  // that went on anyway gets 404 or 421, never an upstream.
  unknownSni: (request) => expectNoUpstream(request),
});
