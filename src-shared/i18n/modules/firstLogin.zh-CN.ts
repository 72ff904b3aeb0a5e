/** The first login with a password an administrator set, and the users screen's choice about it. en must match. */
export const firstLoginZhCN = {
  title: '请先设置自己的密码',
  subtitle: '{{name}}，欢迎使用拓客',
  explain: '您现在的密码是管理员设置的，管理员知道它。请改成只有您自己知道的密码，改好后就可以开始使用了。',
  mustChange: '首次登录时必须修改密码',
  mustChangeHint: '这个密码是您设置的，您知道它；让对方登录后改成自己的密码。',
};
