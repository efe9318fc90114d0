// First: listens for key presses from the page's first moment, before React and the first state.
import './common/earlyKeys.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The tokens and what every face uses come first: a face's own stylesheet comes after and may refine them.
import './common/tokens.css';
import './common/common.css';
import { App } from './App.tsx';
import { chooseDeviceApi } from './common/deviceApi.ts';

const root = document.getElementById('root');
if (!root) throw new Error('okno: #root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <App api={chooseDeviceApi()} />
  </StrictMode>,
);
