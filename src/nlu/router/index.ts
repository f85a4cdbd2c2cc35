// The routing policy: which recognizers answer each turn.
export { createRouter, defaultProviderSettings, type Router, type RouterOptions, type RoutedRecognition } from './create-router.js';
export { parsePolicy, chooseRoute, policySchema, strategies, type Policy, type PolicyInput, type Strategy, type RouteContext } from './policy.js';
export { calibrate, fitCalibration, type Calibration, type CalibrationPoint } from './calibration.js';
export type { ProviderSettings } from './provider-call.js';
export type { BreakerSettings, BreakerState } from './circuit-breaker.js';
export { describeAttempt, type Attempt, type AttemptOutcome, type RouteTrace, type ShadowComparison } from './route-trace.js';
