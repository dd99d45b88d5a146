import { G711_ULAW } from '@voxd/audio';
import { describeSourceConformance } from '@voxd/testing';
import { afterAll } from 'vitest';

import { STATIC_PAYLOAD_TYPES } from '../src/payload-types.js';
import { serializeRtcpBye } from '../src/rtcp-packet.js';
import { createRtpSource } from '../src/rtp-source.js';
import { makeCtx, rtpPackets, sendPaced, udpPeer } from './helpers.js';
import type { UdpPeer } from './helpers.js';

const peers: UdpPeer[] = [];
afterAll(() => peers.forEach((peer) => peer.close()));

// Each source gets a real caller: 25 µ-law packets at 20 ms once it listens, then an RTCP BYE.
describeSourceConformance(
  'rtp source, PCMU pass-through, call ended by BYE',
  () => {
    const source = createRtpSource(
      {
        listen: { host: '127.0.0.1', port: 0 },
        sessionFormat: G711_ULAW,
        payloadTypes: STATIC_PAYLOAD_TYPES,
        frameMs: 20,
        jitterMs: 40,
        inactivityTimeoutMs: 3000,
      },
      makeCtx(),
    );
    source.listening$.subscribe(({ port }) => {
      void udpPeer().then(async (peer) => {
        peers.push(peer);
        const payloads = Array.from({ length: 25 }, (_, i) => new Uint8Array(160).fill(i + 1));
        await sendPaced(peer, port, [...rtpPackets(payloads), serializeRtcpBye(0x1234)]);
      });
    });
    return { source, isOpen: () => source.isListening() };
  },
  { frameMs: 20, repeatable: false },
);
