import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n';
import './print.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { App } from './App';
import { ApiError } from './modules/api/api';
import { followChanges } from './modules/api/live';
import { theme } from './theme';

/** A session the main process ended (logout elsewhere, account deactivated) sends the window back to login. */
const onError = (error: unknown): void => {
  if (error instanceof ApiError && error.data.code === 'UNAUTHENTICATED') {
    queryClient.setQueryData(['app.status', {}], { initialized: true, session: null });
  }
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    // No background refetching: an answer goes stale when a change notice names a table it reads (api/live.ts).
    queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: false },
  },
});

// Every committed write, this window's or another's, refreshes what reads the tables it changed.
followChanges(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      {/* Bottom right: at the top they covered the language switch and 退出登录 in the header. */}
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <HashRouter>
          <App />
        </HashRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
