import type { ProxyExporter } from './proxies';

// Being written now (see the export issue); replaced before this lands.
export const exportTraefik: ProxyExporter = () => {
  throw new Error('traefik export is not written yet');
};
