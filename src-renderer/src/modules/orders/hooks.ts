import { useChannelMutation } from '../api/hooks';

/**
 * This module's actions, one hook each (a screen calls useCreateX(), not a channel by name).
 * Each returns a TanStack mutation over its contract channel; what the action changed
 * refreshes every window by itself (change notices), so no hook lists what to refresh.
 */
export const useAddPayment = () => useChannelMutation('orders.addPayment');
export const useCreateOrder = () => useChannelMutation('orders.create');
export const useDeleteOrder = () => useChannelMutation('orders.delete');
export const useExportOrders = () => useChannelMutation('orders.export');
export const useRemovePayment = () => useChannelMutation('orders.removePayment');
export const useSaveOrderRules = () => useChannelMutation('orders.saveRules');
export const useUpdateOrder = () => useChannelMutation('orders.update');
