/** A visit plan's flow: draft → submitted → approved | rejected; rejected is edited and resubmitted; approved → done. */
export const visitStatuses = ['draft', 'submitted', 'approved', 'rejected', 'done', 'cancelled'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

/** States in which the plan may still be edited. */
export const visitEditable: readonly VisitStatus[] = ['draft', 'rejected'];

export const visitTransitions: Record<VisitStatus, readonly VisitStatus[]> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['approved', 'rejected'],
  approved: ['done', 'cancelled'],
  rejected: ['submitted', 'cancelled'],
  done: [],
  cancelled: [],
};

/** Standard materials to bring on a visit (走访携带资料). */
export const visitMaterials = [
  'companyBrochure',
  'productCatalog',
  'priceList',
  'samples',
  'caseStudies',
  'businessCards',
  'contractTemplate',
  'gifts',
] as const;
export type VisitMaterial = (typeof visitMaterials)[number];

/** The pre-visit checklist (PRODUCT.md §5). */
export const visitChecklist = ['chkAppointment', 'chkAttire', 'chkMaterials', 'chkObjections', 'chkDecisionMaker'] as const;
export type VisitChecklistItem = (typeof visitChecklist)[number];

/** Minutes: draft → submitted → approved | returned (edited, resubmitted) → sent → confirmed. */
export const minutesStatuses = ['draft', 'submitted', 'approved', 'returned', 'sent', 'confirmed'] as const;
export type MinutesStatus = (typeof minutesStatuses)[number];

export const minutesEditable: readonly MinutesStatus[] = ['draft', 'returned'];

export const minutesTransitions: Record<MinutesStatus, readonly MinutesStatus[]> = {
  draft: ['submitted'],
  submitted: ['approved', 'returned'],
  returned: ['submitted'],
  approved: ['sent'],
  sent: ['confirmed'],
  confirmed: [],
};

export const notificationKinds = [
  'visit_submitted',
  'visit_approved',
  'visit_rejected',
  'minutes_submitted',
  'minutes_approved',
  'minutes_returned',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Defaults of this capability's settings. */
export const DEFAULT_VISIT_TARGET = 5;
export const DEFAULT_A_GRADE_GAP_DAYS = 30;
