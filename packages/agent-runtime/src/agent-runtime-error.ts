import { VoxdError } from '@voxd/errors';

/**
 * - `E_AGENT_GATEWAY_SOURCE`: a gateway agent was used where one audio stream is expected.
 * - `E_AGENT_SESSION`: a session could not be assembled from its agent.
 */
export type AgentRuntimeErrorCode = 'E_AGENT_GATEWAY_SOURCE' | 'E_AGENT_SESSION';

/** A failure to assemble an agent's session, with a stable code. */
export class AgentRuntimeError extends VoxdError<AgentRuntimeErrorCode> {}
