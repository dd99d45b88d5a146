import type { AudioFormat, AudioFrame } from '@voxd/audio';
import type { Observable } from 'rxjs';

/**
 * Where a session's user audio comes from (WAV file, sound device, RTP, gateway client).
 *
 * `frames$` is cold: subscribing opens the source, unsubscribing releases it, completion means end
 * of input, and an error is a `VoxdError`. Frames are in `format`, in order, timestamps increasing.
 */
export interface AudioSource {
  readonly kind: string;
  readonly format: AudioFormat;
  readonly frames$: Observable<AudioFrame>;
}
