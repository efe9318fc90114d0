import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The kiosk's design tokens (colours with their checked contrast, spacing, the focus ring): custom
// properties only, no kiosk rule and no kiosk code. The dashboard's own rules come after.
import '../common/tokens.css';
import './dashboard.css';
import { DashboardApp } from './DashboardApp.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('okno dashboard: #root is missing from dashboard.html');

createRoot(root).render(
  <StrictMode>
    <DashboardApp />
  </StrictMode>,
);
