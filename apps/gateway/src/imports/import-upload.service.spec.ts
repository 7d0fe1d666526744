import { rechunk } from './import-upload.service';

describe('rechunk', () => {
  it('yields pieces of exactly the chunk size from any input pieces, the rest last', async () => {
    async function* source() {
      yield Buffer.from('ab');
      yield 'cdefg';
      yield Buffer.alloc(0);
      yield Buffer.from('hijklmnopq');
    }
    const pieces: string[] = [];
    for await (const piece of rechunk(source(), 4)) pieces.push(piece.toString());
    expect(pieces).toEqual(['abcd', 'efgh', 'ijkl', 'mnop', 'q']);
  });
});
