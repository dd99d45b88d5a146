import type { Transport, TransportMessage, TransportStatus } from '@voxd/core';
import { encodeEvent, parseServerEvent } from '@voxd/protocol';
import { Observable, ReplaySubject } from 'rxjs';
import { WebSocket } from 'ws';

/**
 * A minimal real-socket Transport that offers the optional raw paths (`sendRaw`, `text`), so the
 * gateway's no-re-encode relay is exercised before @voxd/voicelive implements them. It records the
 * texts it received and sent.
 */
export function createRawTransport(
  url: string,
  headers: Record<string, string>,
): Transport & { readonly received: string[]; readonly sent: string[] } {
  const status$ = new ReplaySubject<TransportStatus>(1);
  const received: string[] = [];
  const sent: string[] = [];
  let socket: WebSocket | undefined;
  const messages$ = new Observable<TransportMessage>((subscriber) => {
    const ws = new WebSocket(url, { headers });
    socket = ws;
    status$.next({ type: 'connecting', attempt: 0 });
    ws.on('open', () => status$.next({ type: 'open', attempt: 0 }));
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      received.push(text);
      const parsed = parseServerEvent(text);
      if (parsed.kind === 'known') subscriber.next({ kind: 'event', event: parsed.event, text });
      else if (parsed.kind === 'unknown')
        subscriber.next({ kind: 'unknown', type: parsed.type, raw: parsed.raw, text });
      else subscriber.next({ kind: 'malformed', reason: parsed.error.message });
    });
    ws.on('error', (error) => subscriber.error(error));
    ws.on('close', (code, reason) => {
      status$.next({ type: 'closed', code, reason: reason.toString('utf8') });
      subscriber.complete();
    });
    return () => ws.close(1000);
  });
  const write = (text: string): void => {
    sent.push(text);
    socket?.send(text);
  };
  return {
    messages$,
    status$: status$.asObservable(),
    send: (event) => write(encodeEvent(event)),
    sendRaw: write,
    close: () => socket?.close(1000),
    received,
    sent,
  };
}
