import { useChannelMutation } from '../api/hooks';

/**
 * This module's actions, one hook each (a screen calls useCreateX(), not a channel by name).
 * Each returns a TanStack mutation over its contract channel; what the action changed
 * refreshes every window by itself (change notices), so no hook lists what to refresh.
 */
export const useAnalyzeImport = () => useChannelMutation('import.analyze');
export const useCancelImport = () => useChannelMutation('import.cancel');
export const useCommitImport = () => useChannelMutation('import.commit');
export const useImportErrorWorkbook = () => useChannelMutation('import.errorWorkbook');
export const useUndoImport = () => useChannelMutation('import.undo');
