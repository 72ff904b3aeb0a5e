import { IconAddressBook } from '@tabler/icons-react';
import { Route } from 'react-router';
import { CustomerCardPage } from '../customer-card/CustomerCardPage';
import { CustomerFormPage } from '../customer-card/CustomerFormPage';
import type { RendererModule } from '../shell/extensions';
import { CustomerListPage } from './CustomerListPage';
import { RecycleBinPage } from './RecycleBinPage';

/** Customers: the list, the recycle bin, the card and its form (the card's pages live in ../customer-card). */
export const customerModule: RendererModule = {
  name: 'customers',
  routes: (session) => [
    <Route key="customers" path="/customers" element={<CustomerListPage session={session} />} />,
    <Route key="customers-bin" path="/customers/recycle-bin" element={<RecycleBinPage session={session} />} />,
    <Route key="customers-new" path="/customers/new" element={<CustomerFormPage session={session} />} />,
    <Route key="customers-edit" path="/customers/:id/edit" element={<CustomerFormPage session={session} />} />,
    <Route key="customers-card" path="/customers/:id" element={<CustomerCardPage session={session} />} />,
  ],
  nav: [{ key: 'customers', path: '/customers', label: 'nav.customers', icon: IconAddressBook, order: 10 }],
};
