import type { ProxyExporter } from './proxies';

// Being written now (see the export issue); replaced before this lands.
export const exportHaproxy: ProxyExporter = () => {
  throw new Error('haproxy export is not written yet');
};
