import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { installAutomation } from './app/browser/automation';
import './ui/styles.css';

installAutomation();

// A failure caught by a panel's error boundary is shown in that panel; the console gets a warning.
const onCaughtError = (error: unknown, info: { componentStack?: string }) =>
  console.warn('a panel failed:', error, info.componentStack ?? '');

createRoot(document.getElementById('root')!, { onCaughtError }).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
