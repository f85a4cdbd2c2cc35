/** Amazon Connect contact flows for a Parley assistant: build one, and check any Flow-language document. */
export { buildConnectFlow, defaultSessionAttributeKey, type ConnectFlowOptions } from './build-connect-flow.js';
export { flowDocumentSchema, flowLanguageVersion, maxFlowActions, validateFlow, type FlowAction, type FlowDocument, type FlowProblem } from './flow-language.js';
