import { chunkBySize } from './chunk-by-size';

describe('chunkBySize', () => {
  it('cuts items in order into chunks under the byte limit, keeping their indexes, and sets aside items larger than it', () => {
    const items = ['aaaa', 'bb', 'cccccccccccc', 'dd', 'e'];
    // JSON sizes: 6, 4, 14, 4, 3.
    expect(chunkBySize(items, 10)).toEqual({
      chunks: [
        { indexes: [0, 1], items: ['aaaa', 'bb'] },
        { indexes: [3, 4], items: ['dd', 'e'] },
      ],
      oversized: [2],
    });
  });

  it('gives no chunk for no items', () => {
    expect(chunkBySize([], 10)).toEqual({ chunks: [], oversized: [] });
  });
});
