/**
 * Error thrown by every storefront-accounts call. Also exported as `SpreeError`,
 * and named so, for code ported from `@spree/sdk`.
 */
export declare class StorefrontError extends Error {
  /** Always `'SpreeError'`. */
  readonly name: 'SpreeError';
  /**
   * The API's error code (e.g. `invalid_credentials`, `invalid_refresh_token`),
   * or a fixed code for failures without one: `network_error`, `timeout`,
   * `aborted`, `decode_error`, `config_error`, `storage_error`, `session_expired`.
   */
  readonly code: string;
  /** HTTP status, or `null` when no response was received. */
  readonly status: number | null;
  /** Field errors keyed by the API's field names, when the API sent them. */
  readonly details?: Record<string, string[]>;
  /** Seconds to wait before retrying, from `Retry-After`, or `null`. */
  readonly retryAfter: number | null;
  /** True for failures worth retrying: network, timeout, 408, 429, 5xx. */
  readonly isTransient: boolean;
  private constructor();
}
