/** Strings of joining the office from a backup on the first-run screen. en must match. */
export const joinZhCN = {
  offer: '这台电脑要加入已经在用拓客的办公室？',
  offerLink: '从备份恢复',
  backToCreate: '改为新建工作区',
  title: '从备份恢复',
  intro:
    '选择办公室的一个备份文件（.tkbak，通常在备份文件夹或网络盘上），再输入这个工作区里某个用户的用户名和密码，或者恢复密钥。恢复后这台电脑就有了备份时的全部数据，用各自的密码登录即可。',
  chooseFile: '选择备份文件',
  noFile: '还没有选择文件',
  fileChosen: '{{name}}（{{size}} MB）',
  with: '用什么打开备份',
  withPassword: '用户名和密码',
  withRecoveryKey: '恢复密钥',
  username: '用户名',
  password: '密码',
  recoveryKey: '恢复密钥',
  start: '开始恢复',
  uploading: '正在读取备份文件… {{percent}}%',
  restoring: '正在检查并恢复数据…',
  doneTitle: '恢复完成',
  doneText: '这台电脑已经有了备份时的数据：{{customers}} 个客户，{{users}} 个用户。',
  goLogin: '去登录',
};
