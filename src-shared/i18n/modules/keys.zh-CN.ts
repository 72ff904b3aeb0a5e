/** Strings of the database key's rotation (re-key) in 设置 → 用户 and → 系统. en must match. */
export const keysZhCN = {
  title: '数据库密钥',
  running: '正在更换数据库密钥（{{reason}}）…',
  phase: {
    backup: '第 1 步，共 3 步：先备份当前数据',
    sealing: '第 2 步，共 3 步：为每个在用账号和恢复密钥准备新的数据库密钥',
    rekeying: '第 3 步，共 3 步：用新密钥重新加密数据库',
    done: '已完成',
    failed: '未完成',
  },
  reason: {
    deactivated: '停用了账号',
    demoted: '降低了角色',
    'recovery-rotated': '生成了新的恢复密钥',
    manual: '手动更换',
    resumed: '继续上次未完成的更换',
  },
  done: '数据库密钥已更换（{{reason}}）。旧备份里保存的密钥——离开的人当时的密码、旧的恢复密钥——打不开现在的数据库了；在用的账号照常用自己的密码登录。更换前已自动备份：{{fileName}}',
  needsReset: '以下账号在升级后还没有登录过，新密钥没能交给他们，请为他们重置密码：{{names}}',
  recoveryMissing: '目前没有可用的恢复密钥（旧的恢复密钥没能随之更换）。请到 设置 → 系统 生成新的恢复密钥并妥善保存。',
  pending: '数据库密钥的更换还没有完成（{{reason}}）：{{error}}。下次登录时会自动继续，也可以现在重试。',
  pendingNoError: '上次更换数据库密钥时程序被中断',
  retry: '现在更换数据库密钥',
  retryDone: '数据库密钥已更换',
  legacy: '以下账号自升级后还没有登录过：{{names}}。在他们登录之前更换数据库密钥（例如停用某个账号），需要为他们重置密码。',
  oldCopies:
    '请注意：某人离开之前做的备份，仍然可以用此人当时的密码打开，里面是当时的数据；此人带走的电脑上也还保留着原有的数据。停用账号后，现在的数据库和之后做的备份都打不开了。',
};
