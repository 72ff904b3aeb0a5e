import type { ColumnAuthority } from '../../db/columns';
import type { UserCan } from '../../../src-shared/types';
import { canAssignCustomers, canMergeCustomers, canPurgeCustomers, canSetTier, canWriteForAnyCustomer } from './customers';
import { canActForOthers, isAdmin, isManagerLike, seesEverything, type Viewer } from './roles';
import { canReview } from './work';

/** The office's working rules — greeting days, visit targets, the order rules (ABC, churn): managers. */
export const canSetOfficeRules = (v: Viewer): boolean => isManagerLike(v);

/** Lead lists: importing, assigning them on the way in, undoing a batch: managers. */
export const canImportLeads = (v: Viewer): boolean => isManagerLike(v);

/** The shared tag list: managers. */
export const canManageTags = (v: Viewer): boolean => isManagerLike(v);

/** A sales report's own summary and plan: only the person it belongs to writes them. */
export const canWriteSalesReport = (v: Viewer, userId: string | null): boolean => userId === v.id;

/** A manager's comment on a saved sales report. */
export const canCommentSalesReports = (v: Viewer): boolean => isManagerLike(v);

/** Exchange workbooks: everyone (a salesperson's holds their own customers' records). */
export const canExchange = (v: Viewer): boolean => v.role === 'manager' || v.role === 'admin' || v.role === 'sales';

/** The plain export of all data (the whole office's records): managers. */
export const canExportAllData = (v: Viewer): boolean => isManagerLike(v);

/** In an exchange conflict, a manager has the final say (deletions and the app's own columns included). */
export const canDecideConflicts = (v: Viewer): boolean => isManagerLike(v);

/**
 * A change arriving by exchange workbook as a person's own (a row edited in Excel, a value chosen in a
 * conflict), column by column, under the rule its table declares (db/columns.ts ColumnAuthority):
 * 'owner' whoever may change the record (its ownership is checked apart), 'manager' managers, 'admin'
 * administrators, 'system' only the app's own flows — or a manager deciding between two versions.
 */
export const exchangeRuleAllows = (actor: Viewer, rule: ColumnAuthority, deciding: boolean): boolean => {
  switch (rule) {
    case 'owner':
      return true;
    case 'manager':
      return isManagerLike(actor);
    case 'admin':
      return isAdmin(actor);
    case 'system':
      return deciding && canDecideConflicts(actor);
  }
};

/** Users, roles and the login history: administrators. */
export const canManageUsers = (v: Viewer): boolean => isAdmin(v);

/** Company details, the integrity check, backups and restore, the encryption keys: administrators. */
export const canManageSystem = (v: Viewer): boolean => isAdmin(v);

/** Setting a new password with the recovery key printed at set-up: administrators' accounts only. */
export const canUseRecoveryKey = (v: Viewer): boolean => isAdmin(v);

/** The screen-level rights the session carries to the renderer (menus, screens, filters, bulk actions). */
export const userCan = (v: Viewer): UserCan => ({
  seeTeam: seesEverything(v),
  workForAnyCustomer: canWriteForAnyCustomer(v),
  actForOthers: canActForOthers(v),
  assignCustomers: canAssignCustomers(v),
  setTier: canSetTier(v),
  mergeCustomers: canMergeCustomers(v),
  purgeCustomers: canPurgeCustomers(v),
  manageTags: canManageTags(v),
  importLeads: canImportLeads(v),
  reviewWork: canReview(v),
  setOfficeRules: canSetOfficeRules(v),
  commentSalesReports: canCommentSalesReports(v),
  exportAllData: canExportAllData(v),
  manageUsers: canManageUsers(v),
  manageSystem: canManageSystem(v),
});
