/**
 * Imported before oci-common: the SDK reads this variable when it loads.
 * The circuit breaker would otherwise open after a burst of expected errors
 * (401s, 409s, 412s) and fail the next calls without sending them.
 */
process.env.OCI_SDK_DEFAULT_CIRCUITBREAKER_ENABLED = 'false';
export {};
