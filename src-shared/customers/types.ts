import type { CustomerFields, ContactFields } from './schemas';
import type { CustomerGrade, CustomerSource, CustomerStatus, CustomerTier } from './enums';

export type UserRef = { id: string; displayName: string };

export type Tag = { id: string; name: string; color: string };

/** A customer as the main process hands it out. Financial fields are null (and `financialHidden` true) for sales who do not own it. */
export type Customer = CustomerFields & {
  id: string;
  createdAt: number;
  createdBy: string | null;
  updatedAt: number;
  updatedBy: string | null;
  owner: UserRef | null;
  status: CustomerStatus;
  lostReason: string | null;
  lostAt: number | null;
  grade: CustomerGrade | null;
  tier: CustomerTier | null;
  vipLevel: number | null;
  assignedAt: number | null;
  firstContactAt: number | null;
  lastContactAt: number | null;
  nextFollowUpAt: number | null;
  deletedAt: number | null;
  tags: Tag[];
  financialHidden: boolean;
};

export type CustomerListRow = Customer & {
  contactCount: number;
  /** Whole days since the last update (未更新天数). */
  daysSinceUpdate: number;
  /** The row actions open to the viewer (the customer list and the recycle bin). */
  can: CustomerRowCan;
};

/**
 * What the viewer may do with a customer, from the main process's policy (src-main/services/policy): each
 * flag is true exactly when the channel behind it would accept the call. A salesperson edits their own
 * customers and the pool's, but writes records (contacts logged, tasks, surveys, visits, minutes, orders)
 * only for their own; managers and admins for every customer.
 */
export type CustomerCan = {
  /** The form's fields, status, tags, contacts, an earlier version restored. */
  edit: boolean;
  /** To the recycle bin (the owner or a manager). */
  delete: boolean;
  /** Out of the recycle bin (the owner or a manager). */
  restore: boolean;
  /** Deleted for good from the recycle bin (administrators). */
  purge: boolean;
  /** Taken from the pool. */
  claim: boolean;
  /** Returned to the pool (its owner or a manager). */
  release: boolean;
  assign: boolean;
  setTier: boolean;
  merge: boolean;
  logContact: boolean;
  addTask: boolean;
  addSurvey: boolean;
  planVisit: boolean;
  writeMinutes: boolean;
  createOrder: boolean;
  /** Its purchase totals, receivables and grade history (the owner, managers and admins). */
  seeSales: boolean;
};

export type CustomerRowCan = Pick<CustomerCan, 'edit' | 'delete' | 'restore' | 'purge' | 'claim' | 'release'>;

export type Contact = ContactFields & {
  id: string;
  customerId: string;
  createdAt: number;
  updatedAt: number;
};

export type CustomerEventKind =
  | 'created'
  | 'updated'
  | 'owner_changed'
  | 'status_changed'
  | 'tier_changed'
  | 'tags_changed'
  | 'contact_added'
  | 'contact_updated'
  | 'contact_removed'
  | 'merged'
  | 'merge_undone'
  | 'deleted'
  | 'restored'
  | 'version_restored'
  // Later capabilities add to the same stream (data shapes in the comments; the card's timeline renders them):
  /** { activityId, type, summary, complaint: boolean } */
  | 'activity_logged'
  /** { activityId, from, to } — a complaint's status */
  | 'complaint_status'
  /** { visitId, plannedAt } */
  | 'visit_planned'
  /** { visitId, comment } */
  | 'visit_approved'
  /** { visitId, comment } */
  | 'visit_rejected'
  /** { visitId, visitNo } — the visit was carried out (its N-th visit) */
  | 'visit_done'
  /** { minutesId, from, to } */
  | 'minutes_status'
  /** { surveyId, average } */
  | 'survey_recorded'
  /** { orderId, contractNo, amount } */
  | 'order_added'
  /** { orderId, contractNo, amount } */
  | 'order_updated'
  /** { orderId, contractNo, amount } */
  | 'order_removed'
  /** { orderId, contractNo, amount } */
  | 'payment_received'
  /** { from, to, period } — ABC grade */
  | 'grade_changed';

export type OwnerChangeVia = 'create' | 'claim' | 'release' | 'assign' | 'balance' | 'handover' | 'merge' | 'import';

export type CustomerEvent = {
  id: string;
  customerId: string;
  at: number;
  actor: UserRef | null;
  kind: CustomerEventKind;
  /** Kind-specific details: changed field names, from/to owners and reason, statuses, … */
  data: Record<string, unknown>;
};

export type CustomerCard = {
  customer: Customer;
  contacts: Contact[];
  events: CustomerEvent[];
  /** Days left for the first contact after assignment, negative when overdue; null when not applicable. */
  firstContactDue: number | null;
  /** What the viewer may do with this customer (the card's buttons and tabs). */
  can: CustomerCan;
};

export type DuplicateMatch = 'creditCode' | 'name' | 'phone';

export type DuplicateHit = {
  id: string;
  name: string;
  matchedOn: DuplicateMatch[];
  owner: UserRef | null;
  /** Whether the caller may open this customer (a salesperson sees that it is taken, not its content). */
  canOpen: boolean;
  status: CustomerStatus;
};

export type CustomerVersion = {
  changeId: number;
  at: number;
  actor: UserRef | null;
  op: 'insert' | 'update' | 'delete';
  /** Fields that differ from the previous version. */
  changed: string[];
  values: Record<string, unknown>;
};

export type BulkResult = { changed: number; skipped: { id: string; reason: string }[] };

export type MergeRecord = {
  id: string;
  at: number;
  actor: UserRef | null;
  survivorId: string;
  mergedId: string;
  mergedName: string;
  undoneAt: number | null;
};

export type SearchHitKind = 'customer' | 'contact';
export type SearchHit = {
  kind: SearchHitKind;
  /** The customer to open (for a contact: its customer). */
  customerId: string;
  contactId: string | null;
  title: string;
  subtitle: string;
  owner: UserRef | null;
  status: CustomerStatus;
  matchedOn: 'name' | 'pinyin' | 'phone' | 'creditCode' | 'address' | 'contact';
  /** Whether the caller may open it: false for a salesperson's view of someone else's customer (name, owner, status only). */
  canOpen: boolean;
  /** Whether the caller may log a contact with it from the search box (its owner, or a manager). */
  canLogContact: boolean;
};

export type OverdueFirstContact = {
  customerId: string;
  name: string;
  owner: UserRef | null;
  assignedAt: number;
  daysOverdue: number;
};

export type { CustomerSource };

/** A file made in the main process for the renderer to save (xlsx as base64). */
export type ExportedFile = { fileName: string; dataBase64: string; rows: number };
