import { useState } from 'react';
import type { ImportFileInfo } from '@shared/import/types';
import { call } from '../api/api';
import { bytesToBase64 } from '../ui/base64';

/** 1 MB of file per call: about 1.4 MB of base64, well under the channel's 8 MB limit. */
export const CHUNK_BYTES = 1024 * 1024;

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string; sent: number; size: number }
  | { phase: 'reading'; name: string }
  | { phase: 'failed'; error: unknown };

/**
 * Reads a picked file in the renderer and sends it to the main process in
 * 1 MB base64 chunks (offset, final), then asks for its sheets. A file that
 * cannot be read (password, damaged, not a workbook, empty) comes back as a
 * coded error; its upload is discarded, so nothing of it stays behind.
 */
export const useFileUpload = (onUploaded: (info: ImportFileInfo) => void) => {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });

  const start = async (file: File): Promise<void> => {
    setState({ phase: 'uploading', name: file.name, sent: 0, size: file.size });
    let uploadId: string | undefined;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let offset = 0;
      // An empty file still makes one (final) call, so the main process can say it is empty.
      do {
        const end = Math.min(offset + CHUNK_BYTES, bytes.length);
        const r = await call('import.upload', {
          ...(uploadId ? { uploadId } : {}),
          fileName: file.name,
          offset,
          chunkBase64: bytesToBase64(bytes.subarray(offset, end)),
          final: end >= bytes.length,
        });
        uploadId = r.uploadId;
        offset = end;
        setState({ phase: 'uploading', name: file.name, sent: end, size: bytes.length });
      } while (offset < bytes.length);
      setState({ phase: 'reading', name: file.name });
      const info = await call('import.sheets', { uploadId });
      setState({ phase: 'idle' });
      onUploaded(info);
    } catch (error) {
      if (uploadId) void call('import.discard', { uploadId }).catch(() => undefined);
      setState({ phase: 'failed', error });
    }
  };

  return { state, start, busy: state.phase === 'uploading' || state.phase === 'reading' };
};
