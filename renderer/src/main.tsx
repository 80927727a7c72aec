import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
// The diagram's faces are bundled: shared/diagram lays text out from their metrics, so a name
// breaks into the same lines on every machine (and in an exported picture).
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-600.css';
import '@fontsource/jetbrains-mono/latin-400.css';
import '@fontsource/jetbrains-mono/latin-600.css';
import './styles.css';
import { App } from './App';
import { getBridge } from './bridge';

const container = document.getElementById('root');
if (!container) throw new Error('Portolan: #root element missing from index.html');

// The desktop host loads the recovery journal and the recent list first: the welcome view
// reads both on its first render. In the browser there is nothing to wait for.
void Promise.resolve(getBridge().whenReady?.()).then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
