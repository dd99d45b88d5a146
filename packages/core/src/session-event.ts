// Placeholder: the session's typed event union lands with createSession().
export interface SessionEvent {
  readonly type: string;
}
