import type { CustomerGrade, CustomerStatus, CustomerTier } from '@shared/customers/enums';

/**
 * The colours that carry meaning on every customer screen (STYLE.md): lifecycle
 * from grey (not yet a buyer) through blue to green (loyal), lost in red tones;
 * grade A strongest; overdue always red, due soon orange, done grey.
 */
export const statusColor: Record<CustomerStatus, string> = {
  potential: 'gray',
  target: 'blue',
  first_purchase: 'cyan',
  repeat: 'teal',
  loyal: 'green',
  lost: 'red',
  permanently_lost: 'dark',
};

export const gradeColor: Record<CustomerGrade, string> = { A: 'violet', B: 'blue', C: 'gray' };

export const tierColor: Record<CustomerTier, string> = { key: 'violet', major: 'indigo', normal: 'gray', small: 'gray' };

export const overdueColor = 'red';
export const dueSoonColor = 'orange';
export const doneColor = 'gray';
