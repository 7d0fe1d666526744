import { appNodeFlags } from './app-node-flags';

describe('appNodeFlags', () => {
  it('is empty when APP_NODE_OPTIONS is unset or blank (Node defaults)', () => {
    expect(appNodeFlags({})).toEqual([]);
    expect(appNodeFlags({ APP_NODE_OPTIONS: '  ' })).toEqual([]);
  });

  it('returns the heap size flags in order', () => {
    expect(appNodeFlags({ APP_NODE_OPTIONS: ' --max-semi-space-size=4  --max-old-space-size=128 ' })).toEqual(['--max-semi-space-size=4', '--max-old-space-size=128']);
  });

  it('names the variable and the flag it refuses', () => {
    expect(() => appNodeFlags({ APP_NODE_OPTIONS: '--max-old-space-size=128 --inspect' })).toThrow('APP_NODE_OPTIONS: "--inspect" is not a heap size flag');
    expect(() => appNodeFlags({ APP_NODE_OPTIONS: '--max-old-space-size=0' })).toThrow('"--max-old-space-size=0"');
  });
});
