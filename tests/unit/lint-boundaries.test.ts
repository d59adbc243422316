import { ESLint } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaries } from '../../eslint/boundaries.js';

const root = join(import.meta.dirname, '..', '..');

/** The project's boundary rules alone (the same objects eslint.config.js uses). */
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, ...boundaries],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('lint enforces the layers', () => {
  it.each([
    ['renderer/src/probe.ts', "import { createCore } from '../../electron/core/core.ts';", 'no-restricted-paths'],
    ['renderer/src/probe.ts', "import { createRestAPIClient } from 'masto';", 'no-restricted-imports'],
    ['renderer/src/probe.ts', "import { AtpAgent } from '@atproto/api';", 'no-restricted-imports'],
    ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs';", 'no-restricted-imports'],
    ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';", 'no-restricted-imports'],
    ['shared/probe.ts', "import { join } from 'node:path';", 'no-restricted-imports'],
    ['shared/probe.ts', "import { join } from 'path';", 'no-nodejs-modules'],
    ['shared/probe.ts', "import { App } from '../renderer/src/features/frame/App.tsx';", 'no-restricted-paths'],
    ['shared/probe.ts', "import { useState } from 'react';", 'no-restricted-imports'],
    ['electron/core/probe.ts', "import { app } from 'electron';", 'no-restricted-imports'],
    ['electron/core/probe.ts', "import { registerIpc } from '../main/ipc.ts';", 'no-restricted-paths'],
    ['electron/web/probe.ts', "import { safeStorage } from 'electron';", 'no-restricted-imports'],
    ['electron/preload/probe.ts', "import { app } from 'electron';", 'no-restricted-imports'],
    ['electron/preload/probe.ts', "import { createCore } from '../core/core.ts';", 'no-restricted-paths'],
    ['electron/main/probe.ts', "import { startBrowserHost } from '../web/server.ts';", 'no-restricted-paths'],
    ['electron/cli/probe.ts', "import { startBrowserHost } from '../web/server.ts';", 'no-restricted-paths'],
    ['electron/cli/probe.ts', "import { app } from 'electron';", 'no-restricted-imports'],
    ['electron/core/probe.ts', "import { openSession } from '../cli/session.ts';", 'no-restricted-paths'],
    ['tests/probe.ts', "import { openSession } from '../electron/cli/session.ts';", 'no-restricted-paths'],
    // One module per network: a network's folder stands on the seam and what is below networks/ only.
    ['electron/core/networks/mastodon/probe.ts', "import { blueskyNetwork } from '../bluesky/index.ts';", 'no-restricted-paths'],
    ['electron/core/networks/bluesky/probe.ts', "import { fromMastoError } from '../mastodon/masto-errors.ts';", 'no-restricted-paths'],
    ['electron/core/networks/mastodon/probe.ts', "import { builtInNetworks } from '../registry.ts';", 'no-restricted-paths'],
    ['electron/core/networks/bluesky/probe.ts', "import { createOutbox } from '../../compose/outbox.ts';", 'no-restricted-paths'],
    ['electron/core/networks/bluesky/probe.ts', "import type { TimelineService } from '../../timeline/timeline-service.ts';", 'no-restricted-paths'],
    ['electron/core/networks/mastodon/probe.ts', "import { createCore } from '../../core.ts';", 'no-restricted-paths'],
    // The services reach a network only through the registry.
    ['electron/core/timeline/probe.ts', "import { startMastodonLive } from '../networks/mastodon/live.ts';", 'no-restricted-paths'],
    ['electron/core/compose/probe.ts', "import { blueskyKeys } from '../networks/bluesky/publish.ts';", 'no-restricted-paths'],
    ['electron/core/probe.ts', "import { mastodonNetwork } from './networks/mastodon/index.ts';", 'no-restricted-paths'],
    // What is below networks/ imports nothing above it.
    ['electron/core/base/probe.ts', "import { createCore } from '../core.ts';", 'no-restricted-paths'],
    ['electron/core/media/probe.ts', "import type { Job } from '../networks/publishing.ts';", 'no-restricted-paths'],
    ['electron/core/http/probe.ts', "import { createOutbox } from '../compose/outbox.ts';", 'no-restricted-paths'],
  ])('%s: refuses %s', async (file, code, rule) => {
    const found = await problems(file, code);
    expect(found.join('\n')).toContain(rule);
  });

  it.each([
    ['renderer/src/probe.ts', "import { channels } from '../../shared/contract.ts';"],
    ['electron/core/probe.ts', "import { channels } from '../../shared/contract.ts';\nimport { join } from 'node:path';"],
    ['electron/main/probe.ts', "import { app } from 'electron';\nimport { createCore } from '../core/core.ts';"],
    ['electron/web/probe.ts', "import { createCore } from '../core/core.ts';"],
    ['electron/cli/probe.ts', "import { createCore } from '../core/core.ts';\nimport { openSession } from './session.ts';"],
    ['electron/preload/probe.ts', "import { contextBridge, ipcRenderer } from 'electron';\nimport { createBridge } from '../../shared/bridge.ts';"],
    ['electron/core/networks/mastodon/probe.ts', "import { ServerError } from '../../base/errors.ts';\nimport type { NetworkModule } from '../network.ts';\nimport { mastoClient } from './account-api.ts';"],
    ['electron/core/timeline/probe.ts', "import type { NetworkTimeline } from '../networks/network.ts';"],
    ['electron/core/probe.ts', "import { builtInNetworks } from './networks/registry.ts';"],
  ])('%s: allows %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  it('refuses raw HTML in the renderer', async () => {
    const found = await problems('renderer/src/probe.tsx', 'export const X = (p: { html: string }) => <div dangerouslySetInnerHTML={{ __html: p.html }} />;');
    expect(found.join('\n')).toContain('no-restricted-syntax');
  });
});
