import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { useChannelQuery } from './modules/api/hooks';
import { ChangePasswordFirst } from './modules/auth/ChangePasswordFirst';
import { LoginPage } from './modules/auth/LoginPage';
import { RecoverPage } from './modules/auth/RecoverPage';
import { SetupWizard } from './modules/auth/SetupWizard';
import { CustomerCardPage } from './modules/customer-card/CustomerCardPage';
import { CustomerFormPage } from './modules/customer-card/CustomerFormPage';
import { CustomerListPage } from './modules/customer-list/CustomerListPage';
import { RecycleBinPage } from './modules/customer-list/RecycleBinPage';
import { HomePage } from './modules/home/HomePage';
import { ImportPage } from './modules/importer/ImportPage';
import { SettingsPage } from './modules/settings/SettingsPage';
import { AppLayout } from './modules/shell/AppLayout';
import { ErrorAlert } from './modules/ui/ErrorAlert';
import { activityRoutes } from './modules/activities/routes';
import { visitRoutes } from './modules/visits/routes';
import { orderRoutes } from './modules/orders/routes';
import { reportRoutes } from './modules/reports/routes';
import { exchangeRoutes } from './modules/exchange/routes';

/** Set-up when there is no workspace, login when there is no session, the shell otherwise. */
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
        <Route path="/" element={<HomePage session={session} />} />
        <Route path="/customers" element={<CustomerListPage session={session} />} />
        <Route path="/customers/recycle-bin" element={<RecycleBinPage session={session} />} />
        <Route path="/customers/new" element={<CustomerFormPage session={session} />} />
        <Route path="/customers/:id/edit" element={<CustomerFormPage session={session} />} />
        <Route path="/customers/:id" element={<CustomerCardPage session={session} />} />
        <Route path="/import" element={<ImportPage session={session} />} />
        <Route path="/settings/:tab?" element={<SettingsPage session={session} />} />
        {activityRoutes(session)}
        {visitRoutes(session)}
        {orderRoutes(session)}
        {reportRoutes(session)}
        {exchangeRoutes(session)}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </AppLayout>
  );
};
