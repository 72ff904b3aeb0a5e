import type { TFunction } from 'i18next';
import type { customerChannels } from '../../../src-shared/contract/customers';
import { localDate } from '../../../src-shared/dates';
import type { Locale } from '../../../src-shared/roles';
import { translator } from '../../i18n';
import type { ModuleContext, ModuleHandlers } from '../module';
import { createContact, deleteContact, updateContact } from './contacts';
import {
  createCustomer,
  deleteCustomers,
  getCustomerCard,
  listCustomers,
  purgeCustomers,
  recycleBin,
  restoreCustomers,
  staleCustomers,
  updateCustomer,
} from './customers';
import { findDuplicates } from './duplicates';
import { exportContacts, exportCustomers } from './export';
import { customerHistory, restoreCustomerVersion } from './history';
import { bulkTag, setStatus, setTier } from './lifecycle';
import { listMerges, mergeCustomers, undoMerge } from './merge';
import { assignCustomers, balanceCustomers, claimCustomers, handoverCustomers, overdueFirstContacts, releaseCustomers } from './ownership';

/** Handlers for src-shared/contract/customers.ts: the services check ownership per record. */
export const customerHandlers = ({ ws, db, read, tempFile }: ModuleContext): ModuleHandlers<typeof customerChannels> => {
  /** A download named after what it holds and today's date, in the caller's language. */
  const download = async (locale: Locale, label: (t: TFunction) => string, make: (file: string, t: TFunction) => Promise<number>) => {
    const t = translator(locale);
    const out = await tempFile('export.xlsx', (file) => make(file, t));
    return { fileName: `${label(t)}-${localDate(ws.clock.now())}.xlsx`, ...out };
  };
  return {
    'customers.list': (input, { user }) => listCustomers(read(), user, input),
    'customers.get': (input, { user }) => getCustomerCard(read(), user, input.id),
    'customers.checkDuplicates': (input, { user }) => findDuplicates(read(), user, input),
    'customers.create': (input, { user }) => createCustomer(db(), user, input),
    'customers.update': (input, { user }) => updateCustomer(db(), user, input),
    'customers.delete': (input, { user }) => deleteCustomers(db(), user, input.ids),
    'customers.restore': (input, { user }) => restoreCustomers(db(), user, input.ids),
    'customers.recycleBin': (input, { user }) => recycleBin(read(), user, input),
    'customers.purge': (input, { user }) => purgeCustomers(db(), user, input.ids),
    'customers.claim': (input, { user }) => claimCustomers(db(), user, input.ids),
    'customers.release': (input, { user }) => releaseCustomers(db(), user, input.ids, input.reason),
    'customers.assign': (input, { user }) => assignCustomers(db(), user, input.ids, input.ownerId, input.reason),
    'customers.balance': (input, { user }) => balanceCustomers(db(), user, input.ids, input.userIds, input.reason),
    'customers.handover': (input, { user }) => handoverCustomers(db(), user, input.fromUserId, input.toUserId, input.reason),
    'customers.setStatus': (input, { user }) => setStatus(db(), user, input.ids, input.status, input.lostReason),
    'customers.setTier': (input, { user }) => setTier(db(), user, input.ids, input.tier, input.vipLevel),
    'customers.bulkTag': (input, { user }) => bulkTag(db(), user, input.ids, input.add, input.remove),
    'customers.history': (input, { user }) => customerHistory(read(), user, input.id),
    'customers.restoreVersion': (input, { user }) => restoreCustomerVersion(db(), user, input.id, input.changeId),
    'customers.merge': (input, { user }) => mergeCustomers(db(), user, input.survivorId, input.mergedId, input.choices),
    'customers.undoMerge': (input, { user }) => undoMerge(db(), user, input.id),
    'customers.merges': (input) => listMerges(read(), input),
    'customers.stale': (input, { user }) => staleCustomers(read(), user, input),
    'customers.export': (input, { user, session }) =>
      download(session.locale, (t) => t('nav.customers'), async (file, t) => (await exportCustomers(db(), user, input, file, t)).rows),
    'customers.overdueFirstContact': () => overdueFirstContacts(read()),
    'contacts.create': (input, { user }) => createContact(db(), user, input.customerId, input.fields),
    'contacts.update': (input, { user }) => updateContact(db(), user, input.id, input.fields),
    'contacts.delete': (input, { user }) => {
      deleteContact(db(), user, input.id);
      return null;
    },
    'contacts.export': (input, { user, session }) =>
      download(session.locale, (t) => t('customerList.contactsFile'), async (file, t) => (await exportContacts(db(), user, input, file, t)).rows),
  };
};
