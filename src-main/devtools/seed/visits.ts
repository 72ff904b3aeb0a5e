import { localDate } from '../../../src-shared/dates';
import type { Role } from '../../../src-shared/roles';
import { visitChecklist, visitMaterials } from '../../../src-shared/visits/enums';
import type { Viewer } from '../../services/customers/access';
import {
  approveMinutes,
  confirmMinutesReceipt,
  createMinutes,
  markMinutesSent,
  returnMinutes,
  submitMinutes,
} from '../../services/visits/minutes';
import { approveVisit, createVisit, recordVisitResult, rejectVisit } from '../../services/visits/visits';
import type { ModuleSeeder } from './context';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

const PURPOSES = [
  '介绍新产品，了解下季度采购计划',
  '拜访采购经理，洽谈年度框架协议',
  '与决策人见面，推进样品试用',
  '回访老客户，了解使用情况和新需求',
  '处理上次投诉的后续，修复关系',
  '递交报价单，确认交期和付款方式',
];
const OBJECTIVES = ['约定样品试用', '拿到年度采购预算', '确认下单时间', '见到总经理', '了解竞争对手报价', null];
const RESULTS = ['见到采购主管，介绍了产品，对方要求寄样品', '与总经理面谈，确认有合作意向', '了解到客户明年扩产，需求增加', '客户对价格有顾虑，需要再报价'];
const OUTCOMES = ['同意试用样品', '约定下周再谈', '需要重新报价', '进入采购流程', null];
const SITUATIONS = ['年采购额约 200 万，现有两家供应商', '正在扩建二期厂房，明年产能翻倍', '现有供应商交期不稳定，质量投诉多'];
const NEEDS = ['交期稳定、账期 60 天', '希望提供上门安装和培训', '价格需比现供应商低 5%'];
const ACTIONS = ['寄送样品两件', '发送正式报价单', '安排技术人员上门交流', '准备合同草案', '邀请客户参观工厂'];
const RETURN_COMMENTS = ['请补充客户的预算情况', '待办事项缺少负责人', '会谈内容写得太简略'];

/**
 * Demo visits and minutes, made through the real services so every record is
 * one the app could have made: for a sample of owned customers, carried-out
 * visits in the past weeks (each a contact-log entry), plans for this week in
 * every state, and minutes of past visits in every state (some overdue).
 */
export const seedVisits: ModuleSeeder = ({ db, rng, now, actorId, users }) => {
  const roleOf = new Map<string, Role>(users.map((u) => [u.id, u.role]));
  const managers = users.filter((u) => u.role === 'manager').map((u) => u.id);
  const reviewerFor = (ownerId: string): Viewer => {
    const id = managers.find((m) => m !== ownerId) ?? actorId;
    return { id, role: roleOf.get(id) ?? 'admin' };
  };
  const owned = db.sqlite
    .prepare(
      `SELECT id, owner_id AS ownerId FROM customers
        WHERE deleted_at IS NULL AND merged_into IS NULL AND owner_id IS NOT NULL ORDER BY name LIMIT 2000`,
    )
    .all() as { id: string; ownerId: string }[];
  const contactsOf = db.sqlite.prepare('SELECT id FROM contacts WHERE customer_id = ? AND deleted_at IS NULL ORDER BY name');
  const sample = owned.filter(() => rng.chance(0.2)).slice(0, 80);
  const monday = (() => {
    const d = new Date(now);
    d.setHours(0, 0, 0, 0);
    d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
    return d.getTime();
  })();
  let rows = 0;

  for (const c of sample) {
    const role = roleOf.get(c.ownerId);
    if (!role) continue;
    const owner: Viewer = { id: c.ownerId, role };
    const reviewer = reviewerFor(c.ownerId);
    const contacts = (contactsOf.all(c.id) as { id: string }[]).map((r) => r.id);
    const fields = (plannedAt: number) => ({
      customerId: c.id,
      plannedAt,
      durationMinutes: rng.pick([60, 90, 120]),
      place: null,
      contactIds: contacts.slice(0, 1 + rng.int(Math.max(1, contacts.length))),
      purpose: rng.pick(PURPOSES),
      objectives: rng.pick(OBJECTIVES),
      materials: visitMaterials.filter(() => rng.chance(0.4)),
      materialsOther: null,
      ...Object.fromEntries(visitChecklist.map((k) => [k, rng.chance(0.7)])),
    }) as Parameters<typeof createVisit>[2];

    // Visits carried out in the past weeks, some with minutes.
    const past = rng.int(3);
    for (let i = 0; i < past; i++) {
      const at = now - (3 + rng.int(40)) * DAY - rng.int(8) * HOUR;
      const v = createVisit(db, owner, fields(at), true);
      approveVisit(db, reviewer, v.id, null);
      recordVisitResult(db, owner, v.id, {
        doneAt: at,
        contactId: null,
        summary: rng.pick(RESULTS),
        outcome: rng.pick(OUTCOMES),
        nextStep: null,
        nextFollowUpAt: null,
      });
      rows += 1;
      if (!rng.chance(0.6)) continue;
      const m = createMinutes(
        db,
        owner,
        {
          customerId: c.id,
          visitId: v.id,
          title: v.purpose.slice(0, 200),
          meetingDate: localDate(at),
          meetingTime: null,
          place: null,
          ourAttendees: null,
          customerAttendees: v.contacts.map((x) => x.name).join('\n') || null,
          noteTaker: null,
          customerSituation: rng.pick(SITUATIONS),
          needsProblems: rng.pick(NEEDS),
          discussion: v.resultSummary,
          agreements: v.resultOutcome,
          actions: rng.chance(0.5) ? [{ content: rng.pick(ACTIONS), ownerName: null, ownerUserId: null, dueDate: localDate(now + (3 + rng.int(10)) * DAY) }] : [],
        },
        false,
      );
      rows += 1;
      const stage = rng.weighted([
        ['draft', 3],
        ['submitted', 2],
        ['returned', 1],
        ['approved', 1],
        ['sent', 1],
        ['confirmed', 2],
      ] as const);
      if (stage === 'draft') continue;
      createMinutesStep(db, owner, reviewer, m.id, stage, rng.pick(RETURN_COMMENTS));
    }

    // This week's plan, in every state.
    const at = monday + rng.int(5) * DAY + (9 + rng.int(8)) * HOUR;
    const state = rng.weighted([
      ['draft', 1],
      ['submitted', 3],
      ['approved', 3],
      ['rejected', 1],
    ] as const);
    const v = createVisit(db, owner, fields(at), state !== 'draft');
    rows += 1;
    if (state === 'approved') approveVisit(db, reviewer, v.id, rng.chance(0.5) ? '同意，注意带齐资料' : null);
    if (state === 'rejected') rejectVisit(db, reviewer, v.id, '请先确认决策人再安排拜访');
  }
  return rows;
};

/** Moves seeded minutes from draft to `stage` along the real flow. */
const createMinutesStep = (
  db: Parameters<ModuleSeeder>[0]['db'],
  owner: Viewer,
  reviewer: Viewer,
  id: string,
  stage: 'submitted' | 'returned' | 'approved' | 'sent' | 'confirmed',
  returnComment: string,
): void => {
  submitMinutes(db, owner, id);
  if (stage === 'submitted') return;
  if (stage === 'returned') {
    returnMinutes(db, reviewer, id, returnComment);
    return;
  }
  approveMinutes(db, reviewer, id, null);
  if (stage === 'approved') return;
  markMinutesSent(db, owner, id, null);
  if (stage === 'sent') return;
  confirmMinutesReceipt(db, owner, id, null);
};
