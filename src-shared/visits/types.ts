import type { UserRef } from '../customers/types';
import type { MinutesStatus, NotificationKind, VisitMaterial, VisitStatus } from './enums';

/** A contact of the visited customer, as the plan and the printed sheet show it. */
export type VisitContact = {
  id: string;
  name: string;
  title: string | null;
  isDecisionMaker: boolean;
  decisionRole: string | null;
  mobile: string | null;
  phone: string | null;
};

export type FlowStep = {
  id: string;
  at: number;
  actor: UserRef | null;
  fromStatus: string | null;
  toStatus: string;
  comment: string | null;
};

/** A visit row in lists and the week view. */
export type VisitRow = {
  id: string;
  formNo: string;
  customerId: string;
  customerName: string;
  salesperson: UserRef;
  status: VisitStatus;
  plannedAt: number;
  durationMinutes: number;
  place: string | null;
  purpose: string;
  submittedAt: number | null;
  visitNo: number | null;
};

/** One visit with everything its detail page and its printed A4 sheet need. */
export type VisitDetail = VisitRow & {
  customer: { id: string; name: string; address: string | null; phone: string | null; grade: string | null; status: string; ownerId: string | null };
  /** The contacts to meet, in the order chosen. */
  contacts: VisitContact[];
  /** Whether one of the contacts to meet is a decision-maker, and whether the customer has one on record at all. */
  meetsDecisionMaker: boolean;
  customerHasDecisionMaker: boolean;
  objectives: string | null;
  materials: VisitMaterial[];
  materialsOther: string | null;
  chkAppointment: boolean;
  chkAttire: boolean;
  chkMaterials: boolean;
  chkObjections: boolean;
  chkDecisionMaker: boolean;
  decidedAt: number | null;
  decidedBy: UserRef | null;
  decisionComment: string | null;
  doneAt: number | null;
  resultSummary: string | null;
  resultOutcome: string | null;
  nextStep: string | null;
  nextFollowUpAt: number | null;
  activityId: string | null;
  /** Minutes written from this visit. */
  minutesIds: string[];
  steps: FlowStep[];
  createdAt: number;
  updatedAt: number;
  /** What the viewer may do now (the main process's policy; it checks again on every call). */
  can: VisitCan;
};

/** A visit's actions open to the viewer: each is true exactly when its channel would accept the call (src-main/services/policy). */
export type VisitCan = {
  edit: boolean;
  submit: boolean;
  cancel: boolean;
  approve: boolean;
  reject: boolean;
  /** Record what came of the approved visit (visits.recordResult). */
  record: boolean;
  writeMinutes: boolean;
};

/** The customer card's strip: 第 N 次拜访 against the target. */
export type CustomerVisitSummary = {
  doneCount: number;
  target: number;
  lastDoneAt: number | null;
  /** The next approved or pending visit, if any. */
  next: { id: string; plannedAt: number; status: VisitStatus } | null;
};

/** An A customer not visited for longer than the configured gap. */
export type VisitSuggestion = {
  customerId: string;
  customerName: string;
  owner: UserRef | null;
  lastVisitAt: number | null;
  daysSince: number | null;
};

export type MinutesAction = {
  id: string;
  position: number;
  content: string;
  ownerName: string | null;
  ownerUser: UserRef | null;
  dueDate: string;
  taskId: string | null;
};

export type MinutesRow = {
  id: string;
  formNo: string;
  customerId: string;
  customerName: string;
  visitId: string | null;
  author: UserRef;
  status: MinutesStatus;
  title: string | null;
  meetingDate: string;
  dueDate: string;
  /** Not yet submitted and past its due date (today > due). */
  overdue: boolean;
  /** Not yet submitted and due today. */
  dueToday: boolean;
  updatedAt: number;
};

/** One set of minutes with everything its detail page and its printed A4 form need. */
export type MinutesDetail = MinutesRow & {
  customer: { id: string; name: string; address: string | null; phone: string | null; ownerId: string | null };
  visit: { id: string; formNo: string; plannedAt: number; doneAt: number | null } | null;
  meetingTime: string | null;
  place: string | null;
  ourAttendees: string | null;
  customerAttendees: string | null;
  noteTaker: string | null;
  customerSituation: string | null;
  needsProblems: string | null;
  discussion: string | null;
  agreements: string | null;
  actions: MinutesAction[];
  submittedAt: number | null;
  reviewedAt: number | null;
  reviewedBy: UserRef | null;
  reviewComment: string | null;
  sentAt: number | null;
  confirmedAt: number | null;
  steps: FlowStep[];
  createdAt: number;
  /** What the viewer may do now (the main process's policy; it checks again on every call). */
  can: MinutesCan;
};

/** The minutes' actions open to the viewer: each is true exactly when its channel would accept the call (src-main/services/policy). */
export type MinutesCan = {
  edit: boolean;
  submit: boolean;
  approve: boolean;
  return: boolean;
  send: boolean;
  confirm: boolean;
};

export type VisitNotification = {
  id: string;
  at: number;
  kind: NotificationKind;
  actor: UserRef | null;
  visitId: string | null;
  minutesId: string | null;
  customerName: string | null;
  formNo: string | null;
  comment: string | null;
  readAt: number | null;
};
