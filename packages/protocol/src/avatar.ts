import { z } from 'zod';

import { nonNegativeInt, opt } from './common.js';

const pointSchema = z.tuple([nonNegativeInt, nonNegativeInt]);

export const iceServerSchema = z.looseObject({
  urls: z.array(z.string()),
  username: opt(z.string()),
  credential: opt(z.string()),
});

/** `{color: "#RRGGBBAA"}` or `{image_url}`: exactly one of the two. */
export const avatarBackgroundSchema = z.union([
  z.looseObject({ color: z.string().regex(/^#[0-9a-fA-F]{8}$/, 'expected #RRGGBBAA') }),
  z.looseObject({ image_url: z.string().min(1) }),
]);

export const avatarVideoSchema = z.looseObject({
  bitrate: opt(z.number().int().positive()),
  codec: opt(z.string()),
  gop_size: opt(z.number().int().min(1).max(2000)),
  resolution: opt(
    z.looseObject({ width: z.number().int().positive(), height: z.number().int().positive() }),
  ),
  crop: opt(z.looseObject({ top_left: pointSchema, bottom_right: pointSchema })),
  background: opt(avatarBackgroundSchema),
});

/** (2026+) */
export const avatarSceneSchema = z.looseObject({
  zoom: opt(z.number()),
  position_x: opt(z.number()),
  position_y: opt(z.number()),
  rotation_x: opt(z.number()),
  rotation_y: opt(z.number()),
  rotation_z: opt(z.number()),
  amplitude: opt(z.number()),
});

/** `session.avatar` (§4.7). */
export const avatarSchema = z
  .looseObject({
    character: z.string().min(1),
    customized: z.boolean(),
    type: opt(z.enum(['video-avatar', 'photo-avatar'])),
    /** `vasa-1`; required for photo avatars. */
    model: opt(z.string()),
    style: opt(z.string()),
    ice_servers: opt(z.array(iceServerSchema)),
    video: opt(avatarVideoSchema),
    scene: opt(avatarSceneSchema),
    output_protocol: opt(z.enum(['webrtc', 'websocket'])),
    output_audit_audio: opt(z.boolean()),
  })
  .superRefine((value, ctx) => {
    if (value.type === 'photo-avatar' && (value.model ?? '') === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['model'],
        message: 'required for photo avatars (e.g. "vasa-1")',
      });
    }
  });

export type Avatar = z.infer<typeof avatarSchema>;
