import { localDate } from '../../../src-shared/dates';
import { addDays, periodContaining } from '../../../src-shared/reports/period';
import { newId } from '../../services/ids';
import type { ModuleSeeder } from './context';

const SUMMARIES = [
  '本周电话回访老客户 12 家，其中 3 家有新的采购意向；拜访了两家重点客户，确认了下季度需求。',
  '完成两份报价，一家客户已签合同；跟进了展会上收集的线索，约好了下周面谈。',
  '处理了一起交货延误投诉，客户已接受补偿方案；整理了本月应收账款，催收两笔逾期款。',
  '新开发客户 4 家，均已建档；参加行业协会活动，结识了几位采购负责人。',
];
const PLANS = [
  '下周重点跟进报价未回复的三家客户，安排一次技术交流。',
  '约见两家潜在客户的决策人；完成月度回款目标。',
  '整理流失风险客户名单，逐一电话回访；准备新品推介资料。',
  '跟进合同执行，确保按期交货；拓展本地制造业客户。',
];
const COMMENTS = ['思路清楚，继续保持。', '逾期款要抓紧，必要时请财务一起上门。', '重点客户的拜访纪要请按时提交。'];

/** Earlier weekly reports of the demo salespeople (the last eight weeks), some with a manager's comment. */
export const seedReports: ModuleSeeder = ({ db, rng, now, users }) => {
  const sales = users.filter((u) => u.role === 'sales');
  const manager = users.find((u) => u.role === 'manager');
  let rows = 0;
  db.write(null, (tx) => {
    const insert = tx.sqlite.prepare(
      `INSERT OR IGNORE INTO sales_reports (id, created_at, created_by, updated_at, updated_by, user_id, kind, period_start, period_end,
         summary, plan, figures, manager_comment, commented_by, commented_at) VALUES (?, ?, ?, ?, ?, ?, 'week', ?, ?, ?, ?, '{}', ?, ?, ?)`,
    );
    for (let w = 1; w <= 8; w++) {
      const week = periodContaining('week', addDays(localDate(now), -7 * w));
      const savedAt = new Date(`${week.to}T18:00:00`).getTime();
      for (const u of sales) {
        if (!rng.chance(0.8)) continue;
        const commented = manager && rng.chance(0.5);
        insert.run(
          newId(),
          savedAt,
          u.id,
          savedAt,
          u.id,
          u.id,
          week.from,
          week.to,
          rng.pick(SUMMARIES),
          rng.pick(PLANS),
          commented ? rng.pick(COMMENTS) : null,
          commented ? manager.id : null,
          commented ? savedAt + 86_400_000 : null,
        );
        rows++;
      }
    }
  });
  return rows;
};
