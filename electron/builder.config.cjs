// electron-builder configuration: `npm run dist` (electron-vite build, then electron-builder with this file).
// Icons come from electron/resources (icon.png, 512×512: builder derives .ico and .icns from it); the tray icons
// are shipped as plain files next to the app (resources/icons) because tray/notification APIs need real paths.
//
// macOS signing: an unsigned app gets no notifications delivered (silently) and cannot register its login item, so
// the app is always signed. With a Developer ID certificate (CSC_LINK + CSC_KEY_PASSWORD, or CSC_NAME for one in
// the keychain) electron-builder signs with it and notarizes when APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and
// APPLE_TEAM_ID are set; without one it signs ad-hoc ("-"), which runs on the machine that built it.
const developerId = Boolean(process.env.CSC_LINK || process.env.CSC_NAME);

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
    // The .desktop file is named after package.json's desktopName (dev.tidings.app.desktop), which Electron uses as
    // the Wayland app_id / X11 WM_CLASS and for the launcher badge (app.setBadgeCount); StartupWMClass follows it.
    syncDesktopName: true,
    desktop: {
      entry: {
        Name: 'Tidings',
        GenericName: 'Server-Sent Events client',
        Comment: 'Keeps your Server-Sent Events feeds connected and notifies you of new messages',
        Categories: 'Network;Utility;',
        Keywords: 'SSE;EventSource;notifications;feeds;',
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
    ...(developerId ? {} : { identity: '-' }),
    hardenedRuntime: true,
    entitlements: 'electron/resources/mac/entitlements.mac.plist',
    entitlementsInherit: 'electron/resources/mac/entitlements.mac.plist',
    // Start at login (platform/autostart.ts): the launch agent that starts Tidings with --hidden.
    extraFiles: [
      {
        from: 'electron/resources/mac/dev.tidings.app.login.plist',
        to: 'Library/LaunchAgents/dev.tidings.app.login.plist',
      },
    ],
  },
  dmg: { title: 'Tidings' },
};
