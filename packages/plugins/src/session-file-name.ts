/**
 * A file name for one session's artefact: `<agent>-<start time>-<session id>.<ext>`. The start time
 * is ISO 8601 in UTC with `:` and `.` replaced (portable on every file system), so names sort by time.
 */
export function sessionFileName(
  parts: { agentName: string; sessionId: string; startedAt: Date },
  extension: string,
): string {
  const { agentName, startedAt } = parts;
  const sessionKey = parts.sessionId;
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  return `${safe(agentName)}-${stamp}-${safe(sessionKey)}.${extension}`;
}

function safe(part: string): string {
  const cleaned = part.replace(/[^A-Za-z0-9_-]+/g, '_');
  return cleaned.length === 0 ? 'session' : cleaned;
}
