import type { ProxyExporter } from './proxies';

// Being written now (see the export issue); replaced before this lands.
export const exportCaddy: ProxyExporter = () => {
  throw new Error('caddy export is not written yet');
};
