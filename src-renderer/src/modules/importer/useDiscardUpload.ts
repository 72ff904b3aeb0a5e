import { useEffect } from 'react';
import { call } from '../api/api';

/**
 * Deletes an upload's temporary copy in the main process when the wizard
 * moves on to another file or is left, so no customer data lingers in the
 * temp folder. A failure here changes nothing the user could act on.
 */
export const useDiscardUpload = (uploadId: string | null): void => {
  useEffect(() => {
    if (!uploadId) return undefined;
    return () => {
      void call('import.discard', { uploadId }).catch(() => undefined);
    };
  }, [uploadId]);
};
