/**
 * Local calendar formatting, in one place. Pure TypeScript (no node or DOM
 * imports), so main, renderer and tests share it.
 *
 * Everything about instants here reads the PROCESS's local time zone
 * (Date#getFullYear etc.), never UTC: `toISOString().slice(0, 10)` carries
 * yesterday's date between 00:00 and 08:00 in China and must not be used for
 * anything a user sees. The one exception is `utcDate`, for calendar
 * arithmetic that is done on UTC dates on purpose (no day there is ever 23 or
 * 25 hours long), never for an instant someone recorded.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const asDate = (at: number | Date): Date => (at instanceof Date ? at : new Date(at));

/** 'YYYY-MM-DD' of a calendar day given as year, month (1–12) and day: no instant, no time zone. */
export const calendarDate = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** 'YYYY-MM-DD' of an instant in the local time zone. */
export const localDate = (at: number | Date): string => {
  const d = asDate(at);
  return calendarDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
};

/** 'HH:mm' (24-hour) of an instant in the local time zone. */
export const localTime = (at: number | Date): string => {
  const d = asDate(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** 'YYYY-MM-DD HH:mm' (24-hour) of an instant in the local time zone. */
export const localDateTime = (at: number | Date): string => `${localDate(at)} ${localTime(at)}`;

/** 'YYYY-MM-DDTHH:mm' of an instant in the local time zone: the value of an <input type="datetime-local">. */
export const localDateTimeInput = (at: number | Date): string => `${localDate(at)}T${localTime(at)}`;

/** 'YYYY-MM-DD HH:mm:ss.SSS' of an instant in the local time zone, to the millisecond. */
export const localTimestamp = (at: number | Date): string => {
  const d = asDate(at);
  return `${localDateTime(d)}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
};

/** 'YYYYMMDD-HHmmss' of an instant in the local time zone, for file names. */
export const fileStamp = (at: number | Date): string => {
  const d = asDate(at);
  return (
    `${pad(d.getFullYear(), 4)}${pad(d.getMonth() + 1)}${pad(d.getDate())}` +
    `-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`
  );
};

/**
 * 'YYYY-MM-DD' of a Date's UTC fields: for calendar arithmetic done through
 * Date.UTC (day numbers, Excel serials), where the Date stands for a calendar
 * day, not for an instant. An instant someone recorded goes through localDate.
 */
export const utcDate = (at: number | Date): string => {
  const d = asDate(at);
  return calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
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
