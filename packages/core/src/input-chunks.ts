import type { AudioFormat, AudioFrame } from '@voxd/audio';
import { createRechunker, sameFormat } from '@voxd/audio';
import type { Observable } from 'rxjs';
import { concatMap, defer, endWith, from, map } from 'rxjs';

import { CoreError } from './core-error.js';
import { describeFormat } from './session-formats.js';

export interface InputChunksOptions {
  /** The user audio, after the plugins' input processors. */
  readonly frames$: Observable<AudioFrame>;
  /** The session's `input_audio_format`. */
  readonly format: AudioFormat;
  readonly frameMs: number;
}

const END = Symbol('end');

/**
 * Re-chunks user audio into `frameMs` pieces (the last one may be shorter), one per
 * `input_audio_buffer.append`. Errors with `E_FORMAT_MISMATCH` on a frame in another format:
 * sending it would make the server hear noise.
 */
export function inputChunks(options: InputChunksOptions): Observable<Uint8Array> {
  const { format } = options;
  return defer(() => {
    const rechunker = createRechunker(format, options.frameMs);
    return options.frames$.pipe(
      map((frame): AudioFrame | typeof END => frame),
      endWith(END),
      concatMap((frame) => {
        if (frame === END) {
          const rest = rechunker.flush();
          return from(rest === undefined ? [] : [rest]);
        }
        if (!sameFormat(frame.format, format)) {
          throw new CoreError(
            'E_FORMAT_MISMATCH',
            `input frame format ${describeFormat(frame.format)} does not match the session's ${describeFormat(format)}`,
          );
        }
        return from(rechunker.push(frame.data));
      }),
    );
  });
}
