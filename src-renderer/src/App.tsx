import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { useChannelQuery } from './modules/api/hooks';
import { ChangePasswordFirst } from './modules/auth/ChangePasswordFirst';
import { LoginPage } from './modules/auth/LoginPage';
import { RecoverPage } from './modules/auth/RecoverPage';
import { SetupWizard } from './modules/auth/SetupWizard';
import { AppLayout } from './modules/shell/AppLayout';
import { ErrorAlert } from './modules/ui/ErrorAlert';
import { rendererModules } from './modules';

/** Set-up when there is no workspace, login when there is no session, the shell with every module's pages otherwise. */
export const App = () => {
  const status = useChannelQuery('app.status', {});
  if (status.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (status.isError) return <ErrorAlert error={status.error} m="xl" />;
  const { initialized, session } = status.data;
  if (!initialized) return <SetupWizard />;
  if (!session) {
    return (
      <Routes>
        <Route path="/recover" element={<RecoverPage />} />
        <Route path="*" element={<LoginPage />} />
      </Routes>
    );
  }
  if (session.user.mustChangePassword) return <ChangePasswordFirst session={session} />;
  return (
    <AppLayout session={session}>
      <Routes>
        {rendererModules.flatMap((m) => m.routes?.(session) ?? [])}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </AppLayout>
  );
};
