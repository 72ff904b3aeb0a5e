import { useChannelMutation } from '../api/hooks';

/**
 * This module's actions, one hook each (a screen calls useCreateX(), not a channel by name).
 * Each returns a TanStack mutation over its contract channel; what the action changed
 * refreshes every window by itself (change notices), so no hook lists what to refresh.
 */
export const useAssignCustomers = () => useChannelMutation('customers.assign');
export const useClaimCustomers = () => useChannelMutation('customers.claim');
export const useCreateContact = () => useChannelMutation('contacts.create');
export const useCreateCustomer = () => useChannelMutation('customers.create');
export const useDeleteContact = () => useChannelMutation('contacts.delete');
export const useDeleteCustomers = () => useChannelMutation('customers.delete');
export const useExportContacts = () => useChannelMutation('contacts.export');
export const useExportCustomers = () => useChannelMutation('customers.export');
export const useHandOverCustomers = () => useChannelMutation('customers.handover');
export const useMergeCustomers = () => useChannelMutation('customers.merge');
export const useReleaseCustomers = () => useChannelMutation('customers.release');
export const useRestoreCustomerVersion = () => useChannelMutation('customers.restoreVersion');
export const useSetCustomerStatus = () => useChannelMutation('customers.setStatus');
export const useSetCustomerTier = () => useChannelMutation('customers.setTier');
export const useTagCustomers = () => useChannelMutation('customers.bulkTag');
export const useUndoMerge = () => useChannelMutation('customers.undoMerge');
export const useUpdateContact = () => useChannelMutation('contacts.update');
export const useUpdateCustomer = () => useChannelMutation('customers.update');
