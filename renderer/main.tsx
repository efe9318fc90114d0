// First: listens for key presses from the page's first moment, before React and the first state.
import './common/earlyKeys.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { chooseKioskApi } from './common/kioskApi.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('okno: #root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <App api={chooseKioskApi()} />
  </StrictMode>,
);
