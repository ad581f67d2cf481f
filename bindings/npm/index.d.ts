// Types of storefront-accounts. Parameter and response shapes follow
// `@spree/sdk` 1.2.1, so that Spree storefront code ports over unchanged.

export { StorefrontError, StorefrontError as SpreeError } from '__ERRORS_MODULE__.js';

/** The version of the package. */
export declare function version(): string;

/** A storage of your own; each method may return a value or a promise. */
export interface CustomStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

export interface ClientConfig {
  /** The store's origin, e.g. `https://shop.example.com`. */
  baseUrl: string;
  /** The publishable (storefront) API key, sent as `X-Spree-Api-Key`. */
  publishableKey: string;
  /**
   * Where the session is kept. `'memory'` (the default; Node and SSR),
   * `'local'` (localStorage: survives reloads, shared by tabs, readable by
   * any script on the page), `'session'` (sessionStorage: one tab), or your
   * own storage. Storage that throws falls back to memory and emits
   * `STORAGE_UNAVAILABLE`.
   */
  storage?: 'memory' | 'local' | 'session' | CustomStorage;
  /** The key the session is stored under. Default: `storefront-sdk:v1:spree:<baseUrl>`. */
  storageKey?: string;
}

/** Per-call options. */
export interface RequestOptions {
  /** Cancels the call; it then rejects with code `aborted`. */
  signal?: AbortSignal;
  /** Overall deadline of the call in milliseconds, retries included. */
  timeout?: number;
  /** Use this access token instead of the held session (which is left alone). */
  token?: string;
  /** Idempotency key of a mutation (default: a fresh one per call). */
  idempotencyKey?: string;
}

export interface EmailPasswordLogin {
  provider?: 'email';
  email: string;
  password: string;
}
export type LoginCredentials = EmailPasswordLogin;

export interface AuthTokens {
  token: string;
  refresh_token: string;
  user: {
    id: string;
    email: string;
    first_name: string | null;
    last_name: string | null;
  };
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

export interface RequestPasswordResetParams {
  email: string;
  redirect_url?: string;
}

/** The answer of `passwordResets.create`, as in `@spree/sdk`. */
export interface PasswordResetRequested {
  message: string;
}

export interface ResetPasswordParams {
  password: string;
  password_confirmation: string;
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

export interface ListParams {
  page?: number;
  limit?: number;
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
  country_name: string | null;
  country_iso: string | null;
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
  verified: boolean;
  created_at: string | null;
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
  available_store_credit_total: string | null;
  display_available_store_credit_total: string | null;
  addresses: Array<Address>;
  default_billing_address: Address | null;
  default_shipping_address: Address | null;
  newsletter_subscriber: NewsletterSubscriber | null;
  customer_groups: Array<CustomerGroup>;
}

export interface PaginationMeta {
  page: number;
  limit: number;
  count: number;
  pages: number;
  previous: number | null;
  next: number | null;
}

export interface PaginatedResponse<T> {
  data: T[];
  meta: PaginationMeta;
}

/** The held session. */
export interface AuthSession {
  token: string;
  refresh_token: string | null;
  /** When the access token expires, in Unix seconds. */
  expires_at: number;
  /** The customer, once the client has seen the profile. */
  user: Customer | null;
}

export type AuthChangeEvent =
  | 'INITIAL_SESSION'
  | 'SIGNED_IN'
  | 'TOKEN_REFRESHED'
  | 'SIGNED_OUT'
  | 'SESSION_EXPIRING'
  | 'REFRESH_FAILED'
  | 'USER_UPDATED'
  | 'STORAGE_UNAVAILABLE'
  | 'STORAGE_CORRUPTED';

export type SignOutReason = 'USER_LOGOUT' | 'SESSION_EXPIRED' | 'REVOKED_ELSEWHERE' | 'PASSWORD_RESET';

/** Extra facts of some events. */
export interface AuthChangeDetail {
  /** `SIGNED_OUT`: why. */
  reason?: SignOutReason;
  /** `REFRESH_FAILED`: true when the session is kept and will be retried. */
  transient?: boolean;
  /** `REFRESH_FAILED`: the failure. */
  error?: import('__ERRORS_MODULE__.js').StorefrontError;
  /** `SESSION_EXPIRING`: when, in Unix seconds. */
  expires_at?: number;
  /** `STORAGE_UNAVAILABLE`: what the storage reported. */
  message?: string;
}

/**
 * Called after each change of the session, never while the client waits on
 * it: `INITIAL_SESSION` first, then as things happen. `session` is the
 * session the client holds as the callback runs (no request is made for it),
 * `null` when signed out and always for `SIGNED_OUT`. After `REFRESH_FAILED`
 * it is the kept session when `detail.transient` is true.
 */
export type AuthChangeCallback = (
  event: AuthChangeEvent,
  session: AuthSession | null,
  detail: AuthChangeDetail | undefined,
) => void;

/** A client that holds the session: calls need no token argument. */
export interface Client {
  readonly customers: {
    /** Register a new customer account; signs in (`SIGNED_IN`). */
    create: (params: RegisterParams, options?: RequestOptions) => Promise<AuthTokens>;
  };
  readonly auth: {
    /** Login with email and password; signs in (`SIGNED_IN`). */
    login: (credentials: LoginCredentials, options?: RequestOptions) => Promise<AuthTokens>;
    /**
     * Refresh the held session now (no argument), or exchange an explicit
     * refresh token, leaving the held session alone.
     */
    refresh: (params?: { refresh_token: string }, options?: RequestOptions) => Promise<AuthTokens>;
    /**
     * Sign out of the held session (no argument; ends it locally at once and
     * revokes in the background), or revoke an explicit refresh token.
     */
    logout: (params?: { refresh_token: string }, options?: RequestOptions) => Promise<void>;
  };
  readonly passwordResets: {
    /**
     * Request a password reset email; answers the same whether or not the
     * account exists, with the store's confirmation text (`''` if it sent none).
     */
    create: (params: RequestPasswordResetParams, options?: RequestOptions) => Promise<PasswordResetRequested>;
    /** Reset the password with the token from the email; signs in. */
    update: (token: string, params: ResetPasswordParams, options?: RequestOptions) => Promise<AuthTokens>;
  };
  readonly customer: {
    /** Get current customer profile */
    get: (options?: RequestOptions) => Promise<Customer>;
    /** Update current customer profile */
    update: (params: CustomerUpdateParams, options?: RequestOptions) => Promise<Customer>;
    readonly addresses: {
      list: (params?: ListParams, options?: RequestOptions) => Promise<PaginatedResponse<Address>>;
      get: (id: string, options?: RequestOptions) => Promise<Address>;
      create: (params: AddressParams, options?: RequestOptions) => Promise<Address>;
      update: (id: string, params: Partial<AddressParams>, options?: RequestOptions) => Promise<Address>;
      delete: (id: string, options?: RequestOptions) => Promise<void>;
    };
  };
  /** Subscribe to session changes; returns the unsubscribe function. */
  onAuthStateChange(callback: AuthChangeCallback): () => void;
  /** The session, refreshed first if its token has expired; `null` when signed out. */
  getSession(): Promise<AuthSession | null>;
  /** A fresh access token for your own calls to the store; `null` when signed out. */
  getAccessToken(): Promise<string | null>;
  /** Ends subscriptions and cross-tab listeners (hot reload, unmount). */
  dispose(): void;
}

/** Creates a client. Synchronous; touches no storage and no network. */
export declare function createClient(config: ClientConfig): Client;
