import { G711_ULAW } from '@voxd/audio';
import { describeSinkConformance } from '@voxd/testing';
import { afterAll } from 'vitest';

import { createRtpSink } from '../src/rtp-sink.js';
import { makeCtx, sleep, udpPeer } from './helpers.js';
import type { UdpPeer } from './helpers.js';

const peers: UdpPeer[] = [];
afterAll(() => peers.forEach((peer) => peer.close()));

// The sink sends to a real UDP receiver; "output" is the audio that receiver got.
describeSinkConformance('rtp sink, PCMU to a target', async () => {
  const peer = await udpPeer();
  peers.push(peer);
  const sink = createRtpSink(
    {
      target: { host: '127.0.0.1', port: peer.port },
      codec: 'PCMU',
      fallback: { payloadType: 0, codec: 'PCMU', clockRate: 8000 },
      payloadType: 96,
      clockRate: 8000,
      ptimeMs: 20,
      format: G711_ULAW,
    },
    makeCtx(),
  );
  return {
    sink,
    outputMs: async () => {
      await sleep(50); // loopback delivery
      return peer.received.reduce((ms, r) => ms + r.packet.payload.length / 8, 0);
    },
  };
});
