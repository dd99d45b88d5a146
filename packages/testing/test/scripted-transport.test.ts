import { describe, expect, it } from 'vitest';

import type { TransportMessage } from '@voxd/core';

import { collectUntil } from '../src/collect-until.js';
import { createScriptedTransport } from '../src/scripted-transport.js';
import { serverEvents } from '../src/server-events.js';

describe('createScriptedTransport', () => {
  it('holds server events until connected, then delivers them in order', () => {
    const transport = createScriptedTransport();
    transport.emit(serverEvents.sessionCreated({ id: 'sess_x' }));
    transport.emitUnknown('future.event', { a: 1 });
    transport.emitMalformed('not JSON');
    const seen: TransportMessage[] = [];
    transport.messages$.subscribe((m) => seen.push(m));
    expect(seen.map((m) => m.kind)).toEqual(['event', 'unknown', 'malformed']);
    expect(seen[1]).toEqual({
      kind: 'unknown',
      type: 'future.event',
      raw: { type: 'future.event', a: 1 },
    });
    expect(transport.connections).toBe(1);
  });

  it('answers the handshake with the update merged into the session', () => {
    const transport = createScriptedTransport({ handshake: { sessionId: 'sess_h' } });
    const seen: TransportMessage[] = [];
    transport.messages$.subscribe((m) => seen.push(m));
    transport.send({
      type: 'session.update',
      session: { instructions: 'be brief', voice: 'echo' },
    });
    const updated = seen[1];
    expect(
      updated?.kind === 'event' && updated.event.type === 'session.updated'
        ? updated.event.session
        : undefined,
    ).toMatchObject({
      id: 'sess_h',
      instructions: 'be brief',
      voice: 'echo',
    });
    expect(transport.sentOf('session.update')).toHaveLength(1);
  });

  it('records sends after close separately and completes messages$ on close', () => {
    const transport = createScriptedTransport();
    let completed = false;
    transport.messages$.subscribe({ complete: () => (completed = true) });
    transport.close();
    transport.send({ type: 'input_audio_buffer.commit' });
    expect(completed).toBe(true);
    expect(transport.closeCode).toBe(1000);
    expect(transport.sent).toEqual([]);
    expect(transport.sentAfterClose).toEqual([{ type: 'input_audio_buffer.commit' }]);
  });

  it('lets the test drive replies through respond', () => {
    const transport = createScriptedTransport({
      respond: (event, server) => {
        if (event.type === 'input_audio_buffer.commit')
          server.emit(serverEvents.committed('item_1'));
      },
    });
    const seen: TransportMessage[] = [];
    transport.messages$.subscribe((m) => seen.push(m));
    transport.send({ type: 'input_audio_buffer.commit' });
    expect(seen.map((m) => (m.kind === 'event' ? m.event.type : m.kind))).toEqual([
      'input_audio_buffer.committed',
    ]);
  });
});

describe('collectUntil', () => {
  it('collects up to the wanted type and rejects if the stream ends first', async () => {
    const transport = createScriptedTransport();
    const events = collectUntil(transport.sent$, 'response.create');
    transport.send({ type: 'input_audio_buffer.commit' });
    transport.send({ type: 'response.create' });
    expect((await events).map((e) => e.type)).toEqual([
      'input_audio_buffer.commit',
      'response.create',
    ]);

    const other = createScriptedTransport();
    const missing = collectUntil(other.sent$, 'response.create');
    other.send({ type: 'input_audio_buffer.commit' });
    other.close();
    await expect(missing).rejects.toThrow('stream completed without "response.create"');
  });
});
