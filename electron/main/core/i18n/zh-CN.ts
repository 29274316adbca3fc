/** 主进程显示的简体中文文本。中文没有复数变化，数量直接写在量词前。 */
import type { MainStrings } from './en';

const number = new Intl.NumberFormat('zh-CN');

export const zhCN: MainStrings = {
  appName: 'Tidings',
  tray: {
    open: '打开 Tidings',
    pauseAll: '全部暂停',
    resumeAll: '全部恢复',
    dnd: '勿扰模式',
    dndHour: '1 小时',
    dndTomorrow: '直到明天早上',
    dndOff: '关闭',
    reconnectAll: '全部重新连接',
    openLogs: '打开日志文件夹',
    copyDiagnostics: '复制诊断信息',
    quit: '退出 Tidings',
  },
  tooltip: {
    paused: '已暂停',
    dnd: '勿扰模式',
    failing: ({ count }) => `${number.format(count)} 个订阅源出错`,
    unread: ({ count }) => `${number.format(count)} 条未读`,
    noUnread: '没有未读消息',
    compose: ({ parts }) => `Tidings — ${parts.join(' · ')}`,
  },
  notify: {
    digestBody: ({ count, feed }) => `来自 ${feed} 的 ${number.format(count)} 条新消息`,
    backfillBody: ({ count }) => `离开期间收到 ${number.format(count)} 条消息`,
  },
  closeHint: {
    title: 'Tidings 仍在运行',
    body: '订阅源会在后台保持连接。可通过托盘图标打开 Tidings 或退出。',
    bodyMinimised:
      '此桌面不显示托盘图标，因此窗口已最小化：订阅源仍保持连接。若想关闭窗口时退出，请在设置中关闭“关闭到托盘”。',
    bodyReopen: '订阅源会在后台保持连接。要重新打开窗口，请再次启动 Tidings（从应用程序菜单，或运行 `tidings`）。',
  },
  closeAsk: {
    message: '让 Tidings 在后台继续运行吗？',
    detail: '订阅源保持连接，通知照常送达。如果桌面的托盘里没有 Tidings 图标，再次启动 Tidings 即可重新打开窗口。',
    keep: '继续运行',
    quit: '退出',
  },
  notice: {
    databaseRecovered: '无法读取消息数据库，Tidings 已新建了一个。',
    keptAt: ({ path }) => `旧文件保留在：\n${path}`,
  },
  startupFailed: 'Tidings 无法启动',
};
