// electron-builder configuration: `npm run dist` (electron-vite build, then electron-builder with this file).
// Icons come from electron/resources (icon.png, 512×512: builder derives .ico and .icns from it); the tray icons
// are shipped as plain files next to the app (resources/icons) because tray/notification APIs need real paths.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.tidings.app',
  productName: 'Tidings',
  executableName: 'tidings',
  copyright: 'Copyright © Tidings developers',
  directories: { output: 'dist', buildResources: 'electron/resources' },
  files: ['out/**', 'package.json', '!**/*.map'],
  // libsql loads a native .node file, which cannot be loaded from inside an asar archive.
  asarUnpack: ['node_modules/@libsql/**', 'node_modules/libsql/**'],
  extraResources: [{ from: 'electron/resources', to: 'icons', filter: ['*.png'] }],
  icon: 'electron/resources/icon.png',
  // Electron fuses (security checklist item 19): no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS or --inspect, app code
  // only from the (integrity-checked) asar, no extra file:// privileges — the renderer is served from app://.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network',
    // deb needs a maintainer; package.json's author has no e-mail address. Set a real contact before publishing.
    maintainer: 'Tidings developers',
    icon: 'electron/resources/icon.png',
    synopsis: 'Desktop client for Server-Sent Events',
    description:
      'Tidings keeps Server-Sent Events subscriptions alive in the background, lists every message and raises native notifications.',
    desktop: {
      entry: {
        Name: 'Tidings',
        GenericName: 'Server-Sent Events client',
        Comment: 'Keeps your Server-Sent Events feeds connected and notifies you of new messages',
        Categories: 'Network;Utility;',
        Keywords: 'SSE;EventSource;notifications;feeds;',
        StartupWMClass: 'Tidings',
      },
    },
  },
  deb: { priority: 'optional' },
  win: { target: ['nsis'], icon: 'electron/resources/icon.png' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'electron/resources/icon.png',
  },
  dmg: { title: 'Tidings' },
};
