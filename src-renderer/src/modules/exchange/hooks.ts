import { useChannelMutation } from '../api/hooks';

/**
 * This module's actions, one hook each (a screen calls useCreateX(), not a channel by name).
 * Each returns a TanStack mutation over its contract channel; what the action changed
 * refreshes every window by itself (change notices), so no hook lists what to refresh.
 */
export const useAnalyzeExchange = () => useChannelMutation('exchange.analyze');
export const useCancelExchange = () => useChannelMutation('exchange.cancel');
export const useCommitExchange = () => useChannelMutation('exchange.commit');
export const useExportExchange = () => useChannelMutation('exchange.export');
export const useExportPlain = () => useChannelMutation('exchange.exportPlain');
export const useResolveConflicts = () => useChannelMutation('exchange.resolve');
