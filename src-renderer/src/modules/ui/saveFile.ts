import type { ExportedFile } from '@shared/customers/types';
import { base64ToBytes } from './base64';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Hands a file from the main process to the browser's download (Electron asks where to save it). */
export const saveFile = (file: ExportedFile): void => {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.dataBase64)], { type: XLSX_TYPE }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: revoking at once can cancel the download before it starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
