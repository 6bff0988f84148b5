// One normalize step per command (bounds, defaults, typed errors that name fields, never flags), each in its
// own file; every yargs command and the agent's handlers take them from here.
export { normalizeSelection, type RawOptions, type Selection, type TableContext } from './selection.js';
export { normalizeProbeSettings, type ProbeSettings } from './probe-settings.js';
export { normalizeCheck, type CheckInput } from './check-options.js';
export { normalizeListen, type ListenInput } from './listen-options.js';
export { normalizeAudit, type AuditInput } from './audit-options.js';
export { normalizeMatrix, type MatrixInput } from './matrix-options.js';
export { normalizeAgent, type AgentInput } from './agent-options.js';
export { normalizePorts, type PortsInput } from './ports-options.js';
export { normalizeServe, type ServeInput } from './serve-options.js';
export { normalizeRules, type RulesInput } from './rules-options.js';
