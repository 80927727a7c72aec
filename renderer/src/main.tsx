import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
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
