import type { TFunction } from 'i18next';
import type { MinutesRow, VisitRow } from '../../../src-shared/visits/types';
import type { ReadDb } from '../../db/connection';
import { wallClock } from '../export/columns';
import { writeXlsx, type ExportColumn } from '../export/xlsxWriter';
import type { Viewer } from './common';
import { listMinutes, type MinutesListQuery } from './minutes';
import { listVisits, type VisitListQuery } from './visits';

/** Every export holds at most this many rows (a year of a large office's visits fits many times over). */
const MAX_ROWS = 100_000;

/** The visits a list shows (same filter and visibility) as a workbook for people to read. */
export const exportVisits = async (db: ReadDb, viewer: Viewer, q: VisitListQuery, file: string, t: TFunction): Promise<number> => {
  const rows = listVisits(db, viewer, q);
  const f = (key: string): string => t(`visits.fields.${key}`);
  const columns: ExportColumn<VisitRow>[] = [
    { header: f('formNo'), type: 'text', value: (r) => r.formNo, width: 14 },
    { header: f('customer'), type: 'text', value: (r) => r.customerName, width: 34 },
    { header: f('salesperson'), type: 'text', value: (r) => r.salesperson.displayName },
    { header: f('plannedAt'), type: 'datetime', value: (r) => wallClock(r.plannedAt), width: 18 },
    { header: f('duration'), type: 'integer', value: (r) => r.durationMinutes },
    { header: f('place'), type: 'text', value: (r) => r.place, width: 30 },
    { header: f('purpose'), type: 'text', value: (r) => r.purpose, width: 40 },
    { header: f('status'), type: 'text', value: (r) => t(`visits.status.${r.status}`) },
    { header: f('visitNo'), type: 'integer', value: (r) => r.visitNo },
  ];
  return writeXlsx(file, [{ name: t('visits.nav.visits'), columns, rows }]);
};

/** The minutes a list shows (same filter and visibility), overdue ones marked, as a workbook. */
export const exportMinutes = async (db: ReadDb, viewer: Viewer, q: Omit<MinutesListQuery, 'limit' | 'offset'>, file: string, t: TFunction): Promise<number> => {
  const rows = listMinutes(db, viewer, { ...q, limit: MAX_ROWS, offset: 0 });
  const mf = (key: string): string => t(`visits.minutesFields.${key}`);
  const columns: ExportColumn<MinutesRow>[] = [
    { header: mf('formNo'), type: 'text', value: (r) => r.formNo, width: 14 },
    { header: mf('customer'), type: 'text', value: (r) => r.customerName, width: 34 },
    { header: mf('title'), type: 'text', value: (r) => r.title, width: 36 },
    { header: mf('meetingDate'), type: 'date', value: (r) => r.meetingDate, width: 12 },
    { header: mf('dueDate'), type: 'date', value: (r) => r.dueDate, width: 12 },
    { header: t('visits.minutes.overdue'), type: 'text', value: (r) => (r.overdue ? t('common.yes') : '') },
    { header: mf('author'), type: 'text', value: (r) => r.author.displayName },
    { header: mf('status'), type: 'text', value: (r) => t(`visits.minutesStatus.${r.status}`), width: 14 },
  ];
  return writeXlsx(file, [{ name: t('visits.nav.minutes'), columns, rows }]);
};
