// `npm start`: the desktop app where Electron's binary exists, else the browser host.
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.ts';

const electron = electronBinary();
const [command, args] = electron
  ? [electron, ['.', ...process.argv.slice(2)]]
  : [process.execPath, ['electron/web/main.ts', ...process.argv.slice(2)]];
if (!electron) console.log('Electron is not available on this machine; starting Braid in your browser instead.');

const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
