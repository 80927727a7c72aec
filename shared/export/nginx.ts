import type { ProxyExporter } from './proxies';

// Being written now (see the export issue); replaced before this lands.
export const exportNginx: ProxyExporter = () => {
  throw new Error('nginx export is not written yet');
};
