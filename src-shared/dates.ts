/**
 * Local calendar formatting, in one place. Pure TypeScript (no node or DOM
 * imports), so main, renderer and tests share it.
 *
 * Everything here reads the PROCESS's local time zone (Date#getFullYear etc.),
 * never UTC: `toISOString().slice(0, 10)` carries yesterday's date between
 * 00:00 and 08:00 in China and must not be used for anything a user sees.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const asDate = (at: number | Date): Date => (at instanceof Date ? at : new Date(at));

/** 'YYYY-MM-DD' of an instant in the local time zone. */
export const localDate = (at: number | Date): string => {
  const d = asDate(at);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** 'YYYY-MM-DD HH:mm' (24-hour) of an instant in the local time zone. */
export const localDateTime = (at: number | Date): string => {
  const d = asDate(at);
  return `${localDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** 'YYYYMMDD-HHmmss' of an instant in the local time zone, for file names. */
export const fileStamp = (at: number | Date): string => {
  const d = asDate(at);
  return (
    `${pad(d.getFullYear(), 4)}${pad(d.getMonth() + 1)}${pad(d.getDate())}` +
    `-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`
  );
};

/** Local midnight at the start of the day that contains the instant, epoch ms. */
export const startOfLocalDay = (at: number | Date): number => {
  const d = asDate(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
};

/** The end of the local day that contains the instant: the next local midnight, epoch ms. */
export const endOfLocalDay = (at: number | Date): number => {
  const d = asDate(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
};
