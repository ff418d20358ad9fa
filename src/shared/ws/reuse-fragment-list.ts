import { createRequire } from 'node:module';

/**
 * Keeps one fragment list per socket instead of a new one per message.
 *
 * `ws`'s receiver collects a message's frames in `_fragments` and, once the message is whole, replaces it
 * with a fresh empty array. On a socket that receives a frame every few seconds (an orchestrator's
 * heartbeat), that empty array outlives two young-generation collections and is promoted. The next frame
 * is pushed into it, and the array is dropped right after: dead, but in the old generation, where only a
 * full collection finds it. Until then the young collector keeps everything it points to, so each frame's
 * payload, its socket read buffer and the array's storage are copied and promoted in turn.
 *
 * Measured with 10,000 sockets beating every 5 s and `--trace-gc-nvp`: 1.3 MB copied and 1.3 MB promoted at
 * each young collection, 10.5 ms pauses, against 0.2 MB and 4.2 ms with the beats off (the same share
 * appears with a bare `ws` server; a bare `net` server holding the same sockets keeps nothing).
 *
 * After a whole message, the list `ws` just used is emptied and handed back: it lives as long as its
 * socket, and emptying it drops the pointers to the young objects, so they die young. Sockets whose
 * messages are delivered as the list itself (`binaryType` 'fragments') keep `ws`'s behaviour.
 */

const INSTALLED = Symbol.for('kici.reuse-fragment-list');

interface Receiver {
  _fragments: unknown[];
  _binaryType: string;
  dataMessage(...args: unknown[]): unknown;
}

interface ReceiverClass {
  prototype: Receiver & { [INSTALLED]?: true };
}

/** Installs on the `ws` that `fromModule` (a file URL or path) resolves; once per copy. */
export function installFragmentListReuse(fromModule: string): void {
  const wsEntry = createRequire(fromModule).resolve('ws');
  const Receiver = createRequire(wsEntry)('./lib/receiver.js') as ReceiverClass;
  const prototype = Receiver.prototype;
  if (prototype[INSTALLED]) return;
  const dataMessage = prototype.dataMessage;
  prototype.dataMessage = function (this: Receiver, ...args: unknown[]): unknown {
    const list = this._fragments;
    const result = dataMessage.apply(this, args);
    // `ws` replaced the list: the message was whole and has been read out of it (or handed on, in 'fragments' mode).
    if (this._fragments !== list && this._binaryType !== 'fragments') {
      list.length = 0;
      this._fragments = list;
    }
    return result;
  };
  prototype[INSTALLED] = true;
}
