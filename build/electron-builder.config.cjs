// electron-builder: `npm run package` (needs Electron's binary, which these machines lack).
// Fuses are flipped in the binary at package time (see tests/unit/packaging.test.ts):
// no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, encrypted cookies, and the app only
// loads from an integrity-checked app.asar.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'social.braid.desktop',
  productName: 'Braid',
  copyright: 'Copyright © 2026 the Braid authors',
  directories: { output: 'dist/packages', buildResources: 'build' },
  files: ['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  // Native code cannot load from inside app.asar: sharp (image preparation) and its libvips.
  asarUnpack: ['**/node_modules/sharp/**', '**/node_modules/@img/**'],
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
    icon: 'build/icon.png',
    maintainer: 'Braid <braid@example.invalid>',
    synopsis: 'Mastodon and Bluesky in one timeline',
  },
  deb: { depends: ['libsecret-1-0'] },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.social-networking',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
