// `sessions()`: what a lockstep driver (voxd replay) reads to know the server has nothing left to
// do. Over a real socket: counts frames and events per session, idle only when all is handled.
import { connectVoiceLiveClient, eventually } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import { startLocalServer } from '../src/index.js';

describe('LocalServer.sessions()', () => {
  it('counts frames and events per session and is idle once a response is done', async () => {
    await using server = await startLocalServer({
      port: 0,
      pace: 'asap',
      responder: { type: 'script', turns: [{ say: 'Hello there.' }] },
    });
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    client.send({ type: 'session.update', session: { turn_detection: null } });
    await client.next('session.updated');
    const is = (framesReceived: number, eventsSent: number) => (): boolean => {
      const all = server.sessions();
      const [state] = all;
      return (
        all.length === 1 &&
        state?.framesReceived === framesReceived &&
        state.eventsSent === eventsSent &&
        state.idle
      );
    };
    await eventually(is(1, 2), 'the session.update handled');

    client.send({ type: 'response.create' });
    // Busy from the frame's arrival until the response is done.
    const done = await client.next('response.done');
    // The inline script's turn was spoken.
    expect(JSON.stringify(done)).toContain('Hello there.');
    await eventually(is(2, client.events.length), 'every event of the response sent');
    await client.close();
    await eventually(() => server.sessions().length === 0, 'the session gone');
  });
});
