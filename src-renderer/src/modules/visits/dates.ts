/** The value of a datetime-local or date input → epoch ms in local time (null when empty or invalid). */
export const fromLocalInput = (value: string): number | null => {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)).getTime();
};

/** Monday 00:00 local time of the week containing `ms`. */
export const startOfWeek = (ms: number): number => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  const back = (d.getDay() + 6) % 7;
  d.setDate(d.getDate() - back);
  return d.getTime();
};

/** `days` calendar days after `ms` (local time, so a DST change does not shift the hour). */
export const addDays = (ms: number, days: number): number => {
  const d = new Date(ms);
  d.setDate(d.getDate() + days);
  return d.getTime();
};
