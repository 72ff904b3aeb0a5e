import { complaintTransitions, type ComplaintStatus } from '../../../src-shared/activities/enums';
import type { ActivityCan, TaskCan } from '../../../src-shared/activities/types';
import { minutesEditable, minutesTransitions, visitEditable, visitTransitions, type MinutesStatus, type VisitStatus } from '../../../src-shared/visits/enums';
import type { MinutesCan, VisitCan } from '../../../src-shared/visits/types';
import { canWriteFor, isLive, type CustomerFacts, type Owned } from './customers';
import { isManagerLike, seesEverything, type Viewer } from './roles';

// ------------------------------------------------------------------ contact log, tasks

/** An entry of the contact log: corrected or removed by whoever writes for its customer; one made by another record (a visit) is that record's. */
export const activityCan = (
  v: Viewer,
  a: { sourceType: string | null; complaint: boolean; complaintStatus: ComplaintStatus | null },
  customer: Owned,
): ActivityCan => {
  const writes = canWriteFor(v, customer);
  return {
    edit: writes && !a.sourceType,
    delete: writes && !a.sourceType,
    moveComplaint: writes && a.complaint && a.complaintStatus !== null && complaintTransitions[a.complaintStatus].length > 0,
  };
};

/** A follow-up task: its assignee, or whoever writes for its customer. */
export const canChangeTask = (v: Viewer, task: { assigneeId: string }, customer: Owned | undefined): boolean =>
  task.assigneeId === v.id || (!!customer && canWriteFor(v, customer));

export const taskCan = (v: Viewer, task: { assigneeId: string; status: string }, customer: Owned | undefined): TaskCan => {
  const open = task.status === 'open' && canChangeTask(v, task, customer);
  return { complete: open, snooze: open };
};

// ------------------------------------------------------------------ visits and minutes

/** A visit or minutes: the salesperson who makes it (or author), and who created the record. */
export type Work = { personId: string; createdBy: string | null };

/** Reading a visit or minutes: sales the ones they wrote and those of the customers they own; managers and admins all. */
export const canReadWork = (v: Viewer, personId: string, customer: Owned): boolean =>
  seesEverything(v) || personId === v.id || customer.ownerId === v.id;

/** Changing it: its author while they still own the (live) customer, or a manager. */
export const canChangeWork = (v: Viewer, personId: string, customer: CustomerFacts): boolean =>
  isLive(customer) && (isManagerLike(v) || (personId === v.id && customer.ownerId === v.id));

/** Approving, rejecting, reviewing: managers and admins. */
export const canReview = (v: Viewer): boolean => isManagerLike(v);

/** Nobody decides on a plan or minutes they made themselves (SELF_APPROVAL). */
export const isOwnWork = (v: Viewer, w: Work): boolean => w.personId === v.id || w.createdBy === v.id;

/**
 * A flow's steps open to the viewer: the author's steps (`to`) where the flow goes next from the
 * record's status, while they may change it; the decision on a submitted record a reviewer's, never
 * on their own work.
 */
const flowSteps = <S extends string>(
  v: Viewer,
  w: Work & { status: S },
  customer: CustomerFacts,
  flow: { transitions: Record<S, readonly S[]>; editable: readonly S[] },
) => {
  const changes = canChangeWork(v, w.personId, customer);
  return {
    edit: changes && flow.editable.includes(w.status),
    to: (step: S): boolean => changes && flow.transitions[w.status].includes(step),
    decides: canReview(v) && !isOwnWork(v, w) && w.status === 'submitted',
  };
};

export const visitCan = (v: Viewer, visit: Work & { status: VisitStatus }, customer: CustomerFacts): VisitCan => {
  const f = flowSteps(v, visit, customer, { transitions: visitTransitions, editable: visitEditable });
  return {
    edit: f.edit,
    submit: f.to('submitted'),
    cancel: f.to('cancelled'),
    approve: f.decides,
    reject: f.decides,
    record: f.to('done'),
    // Minutes of a carried-out visit: whoever writes for its customer (minutes.create).
    writeMinutes: visit.status === 'done' && isLive(customer) && canWriteFor(v, customer),
  };
};

export const minutesCan = (v: Viewer, m: Work & { status: MinutesStatus }, customer: CustomerFacts): MinutesCan => {
  const f = flowSteps(v, m, customer, { transitions: minutesTransitions, editable: minutesEditable });
  return { edit: f.edit, submit: f.to('submitted'), approve: f.decides, return: f.decides, send: f.to('sent'), confirm: f.to('confirmed') };
};
