import { activityTypes } from '../../../src-shared/activities/enums';
import { newId } from '../../services/ids';
import type { ModuleSeeder } from './context';

const DAY = 24 * 60 * 60 * 1000;

const SUMMARIES = [
  '电话介绍公司新品，对方有兴趣，要求发资料',
  '上门拜访采购经理，了解下季度采购计划',
  '客户来访参观展厅，洽谈价格',
  '发送报价单和产品手册',
  '微信沟通交期，对方确认下周下单',
  '寄送样品和公司形象手册',
  '跟进付款进度',
  '节日问候，顺便了解近况',
  '参加客户年度供应商会议',
  '短信提醒合同续签',
];
const OUTCOMES = ['有意向', '需再跟进', '已报价', '确认订单', '暂无需求', null];
const NEXT_STEPS = ['寄样品', '带报价单上门', '约见决策人', '电话回访', '发送合同', null];
const COMPLAINTS = ['交货延迟三天', '一批货外包装破损', '发票开错抬头', '售后响应太慢'];
const RESOLUTIONS = ['补发并承担运费', '重新开具发票', '指定专人跟进售后', '下次订单给予折扣'];
const TASKS = ['回访报价', '确认样品反馈', '催收货款', '预约拜访', '节前问候'];

/**
 * The contact log behind the demo customers' contact stamps: one to four
 * entries between their first and last contact (plus one after the
 * current assignment, so the 7-day first-contact rule sees them as
 * contacted), a few complaints in every state, an open follow-up task for
 * each customer with a next follow-up date, and surveys for buying customers.
 */
export const seedActivities: ModuleSeeder = ({ db, rng, now, actorId }) => {
  const customers = db.sqlite
    .prepare(
      `SELECT id, owner_id AS ownerId, status, grade, assigned_at AS assignedAt, first_contact_at AS firstAt, last_contact_at AS lastAt,
              next_follow_up_at AS nextAt
         FROM customers WHERE deleted_at IS NULL AND merged_into IS NULL`,
    )
    .all() as {
    id: string;
    ownerId: string | null;
    status: string;
    grade: string | null;
    assignedAt: number | null;
    firstAt: number | null;
    lastAt: number | null;
    nextAt: number | null;
  }[];
  const contactIds = new Map<string, string[]>();
  for (const r of db.sqlite.prepare('SELECT id, customer_id AS customerId FROM contacts WHERE deleted_at IS NULL').all() as { id: string; customerId: string }[]) {
    const list = contactIds.get(r.customerId) ?? [];
    list.push(r.id);
    contactIds.set(r.customerId, list);
  }
  let rows = 0;
  db.write(actorId, (tx) => {
    const insertActivity = tx.sqlite.prepare(
      `INSERT INTO activities (id, created_at, created_by, updated_at, updated_by, customer_id, contact_id, user_id, type, occurred_at, summary, outcome,
         next_step, next_follow_up_at, complaint, severity, complaint_status, resolution, resolved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
    );
    const insertTask = tx.sqlite.prepare(
      `INSERT INTO follow_up_tasks (id, created_at, created_by, updated_at, updated_by, customer_id, assignee_id, title, due_at, source_type, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', 'open')`,
    );
    const insertSurvey = tx.sqlite.prepare(
      `INSERT INTO satisfaction_surveys (id, created_at, created_by, updated_at, updated_by, customer_id, contact_id, surveyed_at, quality, delivery, service, brand, comments)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const setContact = tx.sqlite.prepare('UPDATE customers SET first_contact_at = ?, last_contact_at = ? WHERE id = ?');
    const insertEvent = tx.sqlite.prepare(`INSERT INTO customer_events (id, customer_id, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?, ?)`);
    for (const c of customers) {
      const userId = c.ownerId ?? actorId;
      const people = contactIds.get(c.id) ?? [];
      if (c.firstAt !== null && c.lastAt !== null) {
        const times = [c.firstAt];
        const extra = rng.int(3);
        for (let i = 0; i < extra; i++) times.push(c.firstAt + Math.floor(rng.next() * Math.max(0, c.lastAt - c.firstAt)));
        if (c.lastAt > c.firstAt) times.push(c.lastAt);
        // A contact after the current assignment (most owners made theirs within the week).
        if (c.assignedAt !== null && Math.max(...times) < c.assignedAt) times.push(Math.min(now, c.assignedAt + rng.int(6) * DAY + rng.int(DAY)));
        const first = Math.min(...times);
        const last = Math.max(...times);
        for (const at of times) {
          const complaint = rng.chance(0.03);
          const status = complaint ? rng.pick(['open', 'handling', 'resolved'] as const) : null;
          const summary = complaint ? rng.pick(COMPLAINTS) : rng.pick(SUMMARIES);
          const type = rng.pick(activityTypes);
          const id = newId();
          insertActivity.run(
            id,
            at,
            userId,
            at,
            userId,
            c.id,
            people.length && rng.chance(0.7) ? rng.pick(people) : null,
            userId,
            type,
            at,
            summary,
            rng.pick(OUTCOMES),
            rng.pick(NEXT_STEPS),
            complaint ? 1 : 0,
            complaint ? rng.pick(['low', 'medium', 'high']) : null,
            status,
            status === 'resolved' ? rng.pick(RESOLUTIONS) : null,
            status === 'resolved' ? Math.min(now, at + rng.between(1, 5) * DAY) : null,
          );
          insertEvent.run(newId(), c.id, at, userId, 'activity_logged', JSON.stringify({ activityId: id, type, summary, complaint }));
          rows += 1;
        }
        setContact.run(first, last, c.id);
      }
      if (c.nextAt !== null && c.ownerId) {
        const created = Math.min(now, c.nextAt - 7 * DAY);
        insertTask.run(newId(), created, c.ownerId, created, c.ownerId, c.id, c.ownerId, rng.pick(TASKS), c.nextAt);
        rows += 1;
      }
      if (c.grade !== null && rng.chance(0.3)) {
        const at = now - rng.int(180) * DAY;
        const s = [rng.between(3, 5), rng.between(2, 5), rng.between(3, 5), rng.between(3, 5)] as const;
        const id = newId();
        insertSurvey.run(id, at, userId, at, userId, c.id, people.length ? rng.pick(people) : null, at, ...s, rng.chance(0.5) ? '希望缩短交期' : null);
        insertEvent.run(newId(), c.id, at, userId, 'survey_recorded', JSON.stringify({ surveyId: id, average: Math.round(((s[0] + s[1] + s[2] + s[3]) / 4) * 10) / 10 }));
        rows += 1;
      }
    }
  });
  return rows;
};
