import { ChildProcess, spawn } from 'node:child_process';
import { terminate } from './app-process';

const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

/**
 * terminate says whether it had to kill: `npm start`'s stop named an app that had already died of a
 * SIGKILL (the OOM killer's, say) "did not exit within 15 s: killed", read from its signal alone.
 */
describe('terminate', () => {
  it('is false for a child that had already exited, by a SIGKILL from elsewhere too', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    child.kill('SIGKILL');
    await exited(child);
    expect(await terminate(child, 100)).toBe(false);
  });

  it('is false for a child that exits on SIGTERM, true for one it kills after the grace', async () => {
    const obeying = spawn('sleep', ['30'], { stdio: 'ignore' });
    expect(await terminate(obeying, 10_000)).toBe(false);
    const deaf = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => undefined); setInterval(() => undefined, 1000); process.stdout.write('ready\\n')"], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve) => deaf.stdout!.once('data', resolve));
    expect(await terminate(deaf, 100)).toBe(true);
    expect(deaf.signalCode).toBe('SIGKILL');
  });
});
