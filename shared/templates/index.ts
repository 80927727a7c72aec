import defaultText from './default.portolan.yaml?raw';
import haText from './ha.portolan.yaml?raw';
import manualText from './manual.portolan.yaml?raw';

export type TemplateId = 'default' | 'manual' | 'ha';

export interface Template {
  readonly id: TemplateId;
  readonly title: string;
  readonly description: string;
  /** The project file, exactly as shipped. */
  readonly text: string;
}

/** The starting points an architect picks from; each is an ordinary project file. */
export const TEMPLATES: readonly Template[] = [
  {
    id: 'default',
    title: 'Default (portmap)',
    description:
      'nextauth, nextauth-mgmt and nextauth-portmap. portmap is the only public entry point and terminates TLS; MySQL and Redis stay internal.',
    text: defaultText,
  },
  {
    id: 'manual',
    title: 'Manual reverse proxy',
    description:
      'No portmap: an nginx reverse proxy carries the documented mappings (wss to 8009, the Mobile API, mgmt 80/81/82). The REST API stays private for a business application.',
    text: manualText,
  },
  {
    id: 'ha',
    title: 'High availability',
    description:
      'Three nextauth replicas behind an HAProxy load balancer, an external MySQL server, and Redis watched by three Sentinels.',
    text: haText,
  },
];

export const TEMPLATE_IDS: readonly TemplateId[] = TEMPLATES.map((t) => t.id);

export function getTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
