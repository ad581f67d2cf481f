// Types of `storefront-accounts/spree`, also the root entry `storefront-accounts`.
// Parameter and response shapes follow `@spree/sdk` 1.2.1, so that Spree
// storefront code ports over unchanged.

import type {
  AuthSessionOf,
  AuthChangeCallbackOf,
  AuthTokens as SharedAuthTokens,
  ClientOf,
  CommonConfig,
  EmailPasswordLogin,
  ResetPasswordParams,
  PaginationMeta,
} from '../shared.js';

export { StorefrontError, StorefrontError as SpreeError } from '../errors.js';
export type { StorefrontErrorCode, StorefrontErrorJSON, StorefrontErrorOptions } from '../errors.js';
export type {
  AuthChangeDetail,
  AuthChangeEvent,
  CustomStorage,
  EmailPasswordLogin,
  IgnoredRequestOptions,
  ListParams,
  ListResponse,
  PaginationMeta,
  PasswordResetRequested,
  RequestOptions,
  RetryConfig,
  RequestPasswordResetParams,
  ResetPasswordParams,
  SessionTokens,
  SignOutReason,
} from '../shared.js';

/** The version of the package. */
export declare function version(): string;

export interface ClientConfig extends CommonConfig {
  /** The publishable (storefront) API key, sent as `X-Spree-Api-Key`. */
  publishableKey: string;
}

/**
 * A login through a strategy registered on the server (`{ provider: 'auth0',
 * token }`), as `@spree/sdk` types it. Accepted so that ported code compiles;
 * such a login rejects with code `unsupported` without a request (only email
 * and password logins are supported).
 */
export interface ProviderLogin {
  provider: string;
  [key: string]: unknown;
}

/** What `auth.login` takes. */
export type LoginCredentials = EmailPasswordLogin | ProviderLogin;

/** A new session; Spree always issues a refresh token. */
export interface AuthTokens extends SharedAuthTokens {
  refresh_token: string;
}

export interface RegisterParams {
  email: string;
  password: string;
  password_confirmation: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  accepts_email_marketing?: boolean;
  /** Arbitrary key-value metadata (stored, not returned in responses) */
  metadata?: Record<string, unknown>;
}

export interface CustomerUpdateParams {
  first_name?: string;
  last_name?: string;
  email?: string;
  password?: string;
  password_confirmation?: string;
  /** Required when changing email or password */
  current_password?: string;
  accepts_email_marketing?: boolean;
  phone?: string;
  /** Arbitrary key-value metadata (stored, not returned in responses) */
  metadata?: Record<string, unknown>;
}

export interface AddressParams {
  first_name: string;
  last_name: string;
  address1: string;
  address2?: string;
  city: string;
  postal_code: string;
  phone?: string;
  company?: string;
  /** ISO 3166-1 alpha-2 country code (e.g., "US", "DE") */
  country_iso: string;
  /** ISO 3166-2 subdivision code without country prefix (e.g., "CA", "NY") */
  state_abbr?: string;
  /** State name - used for countries without predefined states */
  state_name?: string;
  /**
   * Accepted for code ported from `@spree/sdk` and ignored: not sent, so the
   * address is validated in full (name, phone, postal code, street).
   */
  quick_checkout?: boolean;
  /** Set as default billing address */
  is_default_billing?: boolean;
  /** Set as default shipping address */
  is_default_shipping?: boolean;
}

export interface Address {
  /** May change on update (an address used by an order is replaced): replace cached ids. */
  id: string;
  first_name: string | null;
  last_name: string | null;
  full_name: string;
  address1: string | null;
  address2: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  company: string | null;
  country_name: string;
  /** ISO 3166-1 alpha-2. */
  country_iso: string;
  state_text: string | null;
  state_abbr: string | null;
  state_name: string | null;
  quick_checkout: boolean;
  is_default_billing: boolean;
  is_default_shipping: boolean;
}

export interface NewsletterSubscriber {
  id: string;
  email: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  verified: boolean;
  /** ISO 8601, once confirmed. */
  verified_at: string | null;
  customer_id: string | null;
}

export interface CustomerGroup {
  id: string;
  name: string;
}

export interface Customer {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  accepts_email_marketing: boolean;
  full_name: string;
  /** A decimal string, e.g. `"0"`. */
  available_store_credit_total: string;
  /** Formatted money, e.g. `"$0.00"`. */
  display_available_store_credit_total: string;
  addresses: Array<Address>;
  default_billing_address: Address | null;
  default_shipping_address: Address | null;
  newsletter_subscriber: NewsletterSubscriber | null;
  customer_groups: Array<CustomerGroup>;
}

/** Spree paginates: `meta` is always there. */
export interface PaginatedResponse<T> {
  data: T[];
  meta: PaginationMeta;
}

/** The held session. */
export type AuthSession = AuthSessionOf<Customer>;

export type AuthChangeCallback = AuthChangeCallbackOf<AuthSession>;

/** A client that holds the session: calls need no token argument. */
export type Client = ClientOf<{
  Credentials: LoginCredentials;
  Tokens: AuthTokens;
  Customer: Customer;
  Address: Address;
  AddressParams: AddressParams;
  RegisterParams: RegisterParams;
  CustomerUpdateParams: CustomerUpdateParams;
  /** Spree signs every registration in. */
  Registration: AuthTokens;
  ResetParams: ResetPasswordParams;
  /** Spree signs in when a reset completes. */
  ResetResult: AuthTokens;
  Refreshed: AuthTokens;
  TokenParams: { refresh_token: string };
  AddressPage: PaginatedResponse<Address>;
  Session: AuthSession;
}>;

/** Creates a client. Synchronous; touches no storage and no network. */
export declare function createClient(config: ClientConfig): Client;
