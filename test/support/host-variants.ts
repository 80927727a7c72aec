import { portNumber } from '../../shared/catalog/index';
import { addHost, setComponentHosts } from '../../shared/model/hosts-ops';
import { updateComponent } from '../../shared/model/ops';
import type { ComponentId, HostId, Project } from '../../shared/model/types';
import { template } from './fixtures';

/** Component `id` publishes its catalog port `port` on the same host port (what NA054's fix adds). */
export function publishSame(p: Project, id: string, port: string): Project {
  return updateComponent(p, id as ComponentId, (c) => {
    const hostPort = portNumber(c, port);
    if (hostPort === undefined) throw new Error(`${id} has no port ${port}`);
    return { ...c, publish: [...c.publish, { port, hostPort }] };
  });
}

const on = (p: Project, id: string, ...hosts: string[]): Project =>
  setComponentHosts(p, id as ComponentId, hosts as HostId[]);

/**
 * The HA template on three hosts (issue 16): `edge` (an IP address) runs the load balancer, mgmt
 * and one nextauth; `app-b` (a DNS name) runs Redis and one nextauth; `app-c` (no address: the
 * operator gives it in `.env`) runs one nextauth. A Sentinel on each host. nextauth publishes the
 * ports the load balancer reaches on the other hosts, Redis its port for the hosts without it,
 * and the Sentinels theirs for their peers.
 */
export function haOnThreeHosts(): Project {
  let p = template('ha');
  p = addHost(p, { id: 'edge', name: 'edge', address: '10.0.1.1' }).project;
  p = addHost(p, { id: 'app-b', name: 'App B', address: 'app-b.internal.example.com' }).project;
  p = addHost(p, { id: 'app-c', name: 'App C' }).project;
  p = on(p, 'lb', 'edge');
  p = on(p, 'mgmt', 'edge');
  p = on(p, 'nextauth', 'edge', 'app-b', 'app-c');
  p = on(p, 'redis', 'app-b');
  p = on(p, 'redis-sentinel', 'edge', 'app-b', 'app-c');
  for (const port of ['ws', 'mobile']) p = publishSame(p, 'nextauth', port);
  p = publishSame(p, 'redis', 'redis');
  p = publishSame(p, 'redis-sentinel', 'sentinel');
  return p;
}
