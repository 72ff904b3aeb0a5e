import { assignSchema, balanceSchema, bulkTagSchema, contactCreateSchema, contactUpdateSchema, customerCreateSchema, customerExportSchema, customerListSchema, customerUpdateSchema, duplicateCheckSchema, handoverSchema, idsSchema, mergeListSchema, mergeSchema, pageSchema, releaseSchema, restoreVersionSchema, setStatusSchema, setTierSchema, staleSchema } from '../customers/schemas';
import type { BulkResult, Contact, Customer, CustomerCard, CustomerListRow, CustomerVersion, DuplicateHit, ExportedFile, MergeRecord, OverdueFirstContact } from '../customers/types';
import { emptyInputSchema } from '../schemas';
import type { Page } from '../types';
import { admin, byId, channel, manager } from './channel';

/** What a list row of customers shows (CustomerListRow: owner, main contact, tags). */
const listRow = ['customers', 'contacts', 'customer_tags', 'tags', 'users'] as const;

/** Customers and contacts: 'user' access, with ownership checked per record in the service. */
export const customerChannels = {
  // Customers: 'user' access, with ownership checked per record in the service.
  'customers.list': channel<Page<CustomerListRow>>()({ input: customerListSchema, access: 'user', reads: listRow }),
  'customers.get': channel<CustomerCard>()({ input: byId, access: 'user', reads: ['customers', 'contacts', 'customer_events', 'customer_tags', 'tags', 'users', 'activities'] }),
  'customers.checkDuplicates': channel<DuplicateHit[]>()({ input: duplicateCheckSchema, access: 'user', reads: ['customers', 'contacts', 'users'] }),
  'customers.create': channel<Customer>()({ input: customerCreateSchema, access: 'user' }),
  'customers.update': channel<Customer>()({ input: customerUpdateSchema, access: 'user' }),
  'customers.delete': channel<BulkResult>()({ input: idsSchema, access: 'user' }),
  'customers.restore': channel<BulkResult>()({ input: idsSchema, access: 'user' }),
  'customers.recycleBin': channel<Page<CustomerListRow>>()({ input: pageSchema, access: 'user', reads: listRow }),
  'customers.purge': channel<BulkResult>()({ input: idsSchema, access: admin }),
  'customers.claim': channel<BulkResult>()({ input: idsSchema, access: 'user' }),
  'customers.release': channel<BulkResult>()({ input: releaseSchema, access: 'user' }),
  'customers.assign': channel<BulkResult>()({ input: assignSchema, access: manager }),
  'customers.balance': channel<BulkResult>()({ input: balanceSchema, access: manager }),
  'customers.handover': channel<BulkResult>()({ input: handoverSchema, access: manager }),
  'customers.setStatus': channel<BulkResult>()({ input: setStatusSchema, access: 'user' }),
  'customers.setTier': channel<BulkResult>()({ input: setTierSchema, access: manager }),
  'customers.bulkTag': channel<BulkResult>()({ input: bulkTagSchema, access: 'user' }),
  'customers.history': channel<CustomerVersion[]>()({ input: byId, access: 'user', reads: ['change_log', 'customers', 'import_batches', 'users'] }),
  'customers.restoreVersion': channel<Customer>()({ input: restoreVersionSchema, access: 'user' }),
  'customers.merge': channel<MergeRecord>()({ input: mergeSchema, access: manager }),
  'customers.undoMerge': channel<MergeRecord>()({ input: byId, access: manager }),
  'customers.merges': channel<MergeRecord[]>()({ input: mergeListSchema, access: manager, reads: ['customer_merges', 'customers', 'users'] }),
  'customers.stale': channel<Page<CustomerListRow>>()({ input: staleSchema, access: 'user', reads: listRow }),
  'customers.export': channel<ExportedFile>()({ input: customerExportSchema, access: 'user' }),
  'customers.overdueFirstContact': channel<OverdueFirstContact[]>()({ input: emptyInputSchema, access: manager, reads: ['customers', 'activities', 'users'] }),
  'contacts.create': channel<Contact>()({ input: contactCreateSchema, access: 'user' }),
  'contacts.update': channel<Contact>()({ input: contactUpdateSchema, access: 'user' }),
  'contacts.delete': channel<null>()({ input: byId, access: 'user' }),
  'contacts.export': channel<ExportedFile>()({ input: customerExportSchema.omit({ columns: true }), access: 'user' }),
} as const;
