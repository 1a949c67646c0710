// The workbench's entry: the API's server state (TanStack Query), the language, the session, the routes.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App';
import { SessionProvider } from './auth/session';
import { I18nProvider } from './i18n';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx will not change by asking again; a network hiccup or a 503 may.
    queries: { retry: (count, err) => count < 2 && !(err instanceof Error && 'status' in err && Number(err.status) < 500), refetchOnWindowFocus: true },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
