// Placeholder until the schemas land: the shapes below are replaced by types inferred from zod.
export interface ClientEvent {
  readonly type: string;
  readonly event_id?: string;
}
export interface ServerEvent {
  readonly type: string;
  readonly event_id: string;
}
