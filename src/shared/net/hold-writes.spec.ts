import { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { holdWritesUntilNextTick, holdWritesUntilTurnEnds } from './hold-writes.js';

/** A socket stand-in that records each batch handed to the system: one entry per write or writev. */
function recordingSocket(): { socket: Duplex; batches: string[][] } {
  const batches: string[][] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      batches.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      batches.push(chunks.map(({ chunk }) => (chunk as Buffer).toString()));
      done();
    },
  });
  return { socket, batches };
}

/**
 * Two callbacks of one event-loop phase, as two sockets' reads are in one poll phase, each holding `socket`
 * with `hold` and writing its chunks: immediates queued together run in the same check phase, and an
 * immediate either of them queues waits for the next turn (timers due together are not a sure thing on a
 * busy machine).
 */
function writeInTwoCallbacksOfOneTurn(socket: Duplex, hold: (socket: Duplex) => void, first: string[], second: string[]): Promise<void> {
  const writeHeld = (chunks: string[]) => (): void => {
    hold(socket);
    for (const chunk of chunks) socket.write(chunk);
  };
  return new Promise((resolve) => {
    setImmediate(writeHeld(first));
    setImmediate(() => {
      writeHeld(second)();
      resolve();
    });
  });
}

describe('holdWritesUntilTurnEnds', () => {
  it('sends what two callbacks of one turn write in one batch, before the next turn', async () => {
    const { socket, batches } = recordingSocket();
    await writeInTwoCallbacksOfOneTurn(socket, holdWritesUntilTurnEnds, ['a'], ['b']);
    expect(batches).toEqual([]);
    await nextTurn();
    expect(batches).toEqual([['a', 'b']]);
  });

  it('leaves a socket someone else corked as it is', async () => {
    const { socket, batches } = recordingSocket();
    socket.cork();
    holdWritesUntilTurnEnds(socket);
    socket.write('a');
    await nextTurn();
    expect(batches).toEqual([]);
    socket.uncork();
    expect(batches).toEqual([['a']]);
  });
});

describe('holdWritesUntilNextTick', () => {
  it('releases within the callback, so callbacks of one turn write separately', async () => {
    const { socket, batches } = recordingSocket();
    await writeInTwoCallbacksOfOneTurn(socket, holdWritesUntilNextTick, ['a', 'b'], ['c']);
    await nextTurn();
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });
});
