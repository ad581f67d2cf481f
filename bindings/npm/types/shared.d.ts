// Types shared by every entry of storefront-accounts. Each entry's own file
// (`<entry>/index.d.ts`, from bindings/npm/types/<entry>.d.ts) says what
// differs: its configuration, its customer and address shapes, what
// registration and password-reset completion resolve.

import type { StorefrontError } from './errors.js';

/** A storage of your own; each method may return a value or a promise. */
export interface CustomStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/**
 * How a call retries transient failures (`@spree/sdk`'s `RetryConfig`, plus
 * the caps on waiting out `Retry-After`). Every field is optional: the ones
 * left out keep their defaults. Only what is safe to resend is retried
 * (reads, deletes, mutations with an idempotency key, requests that never
 * left); a login's 429 is returned, not waited out.
 */
export interface RetryConfig {
  /** Retries after the first attempt. Default `2`; `0` never retries. */
  maxRetries?: number;
  /** Statuses that are retried. Default `[408, 429, 500, 502, 503, 504, 520, …, 530]`. */
  retryOnStatus?: number[];
  /** Backoff base in ms: retry `n` waits a random time up to `baseDelay · 2^n`. Default `300`. */
  baseDelay?: number;
  /** Cap on one backoff wait in ms. Default `10000`. */
  maxDelay?: number;
  /** Retry a request that got no response (timeouts are retried either way). Default `true`. */
  retryOnNetworkError?: boolean;
  /**
   * The longest single `Retry-After` (ms) that is waited out; a longer one
   * rejects at once with `retryAfter` set. Default `10000`.
   */
  maxRetryAfter?: number;
  /**
   * The most time (ms) one call spends waiting out `Retry-After` over all its
   * retries; a wait beyond it rejects at once with `retryAfter` set.
   * Default `10000`.
   */
  maxTotalRetryAfter?: number;
}

/** A session made elsewhere, for `setSession` (e.g. read from a cookie on the server). */
export interface SessionTokens {
  token: string;
  refresh_token?: string | null;
}

/** What every entry's `createClient` takes besides its backend's settings. */
export interface CommonConfig {
  /** The store's origin, e.g. `https://shop.example.com`. */
  baseUrl: string;
  /**
   * Where the session is kept. `'memory'` (the default; Node and SSR),
   * `'local'` (localStorage: survives reloads, shared by tabs, readable by
   * any script on the page), `'session'` (sessionStorage: one tab), or your
   * own storage. Storage that throws falls back to memory and emits
   * `STORAGE_UNAVAILABLE`.
   */
  storage?: 'memory' | 'local' | 'session' | CustomStorage;
  /**
   * The key the session is stored under. Default:
   * `storefront-sdk:v1:<backend>:<baseUrl>` (plus `:<storeCode>` on Magento).
   */
  storageKey?: string;
  /** Retries of every call (and of refreshes); `false` never retries. Default: see {@link RetryConfig}. */
  retry?: RetryConfig | false;
}

/**
 * Per-call options of `@spree/sdk` that no account call uses: accepted, so
 * that ported code compiles and runs, and ignored (not sent).
 */
export interface IgnoredRequestOptions {
  /**
   * Ignored. To send it anyway, pass the header: on Spree
   * `headers: { 'X-Spree-Locale': 'fr' }`.
   */
  locale?: string;
  /** Ignored, like `locale` (Spree's header: `X-Spree-Currency`). */
  currency?: string;
  /** Ignored, like `locale` (Spree's header: `X-Spree-Country`). */
  country?: string;
  /** Ignored, like `locale` (Spree's header: `X-Spree-Channel`). */
  channel?: string;
  /** Ignored: a guest order token, which no account call takes. */
  spreeToken?: string;
}

/** Per-call options. */
export interface RequestOptions extends IgnoredRequestOptions {
  /** Cancels the call; it then rejects with code `aborted`. */
  signal?: AbortSignal;
  /** Overall deadline of the call in milliseconds, retries included. */
  timeout?: number;
  /**
   * Use this access token instead of the held session (which is left alone).
   * With `auth.logout`: the session to revoke on the server.
   */
  token?: string;
  /** Idempotency key of a mutation (default: a fresh one per call). */
  idempotencyKey?: string;
  /** Extra headers on every request of the call, e.g. Magento's `{ 'X-ReCaptcha': token }`. */
  headers?: Record<string, string>;
  /** This call's retries in place of the client's; `false` never retries. */
  retry?: RetryConfig | false;
}

export interface EmailPasswordLogin {
  provider?: 'email';
  email: string;
  password: string;
}
export type LoginCredentials = EmailPasswordLogin;

/** The signed-in customer, as `auth.login` and `customers.create` return it. */
export interface AuthUser {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
}

/**
 * A new session: `auth.login`, a registration that signed in, a password
 * reset that signed in. `refresh_token` is there where the backend issues
 * one (Spree, Spryker).
 */
export interface AuthTokens {
  token: string;
  refresh_token?: string;
  user: AuthUser;
}

/**
 * A registration the store wants confirmed by email before the first login:
 * the account exists, no session was started (no `token`; nothing is
 * emitted). Sign in once the customer has followed the link.
 */
export interface ConfirmationRequired {
  token?: undefined;
  user: AuthUser;
  confirmation_required: true;
}

/** What `customers.create` resolves on backends that may ask for email confirmation. */
export type Registration = AuthTokens | ConfirmationRequired;

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
  /** The account's email, where the backend needs it to complete a reset (Magento GraphQL). */
  email?: string;
}

export interface ListParams {
  /** 1-based page number. */
  page?: number;
  /** Items per page. */
  limit?: number;
  /**
   * Accepted for code ported from `@spree/sdk` and ignored: the list comes in
   * the backend's order (Spree: most recently updated first).
   */
  sort?: string;
  /** Accepted and ignored, like `sort`: an address has no associations to expand. */
  expand?: string[];
  /** Accepted and ignored, like `sort`: results always have all their fields. */
  fields?: string[];
}

/** Where a page sits in the list. */
export interface PaginationMeta {
  /** This page's number (1-based). */
  page: number;
  /** Items per page. */
  limit: number;
  /** Items in the whole list. */
  count: number;
  /** Pages in the whole list. */
  pages: number;
  /** The position in the list of this page's first item (1-based), `0` for an empty page. */
  from: number;
  /** The position in the list of this page's last item, `0` for an empty page. */
  to: number;
  /** Items on this page. */
  in: number;
  previous: number | null;
  next: number | null;
}

/**
 * A list in the unified shape: `meta` only where the backend paginates;
 * backends that return the whole list at once (Magento) send none.
 */
export interface ListResponse<T> {
  data: T[];
  meta?: PaginationMeta;
}

export type Gender = 'male' | 'female' | 'other';
export type Salutation = 'Mr' | 'Mrs' | 'Ms' | 'Dr';

/** An address-book entry in the unified shape (every entry but Spree's). */
export interface UnifiedAddress {
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
  state_abbr: string | null;
  state_name: string | null;
  salutation: Salutation | null;
  is_default_billing: boolean;
  is_default_shipping: boolean;
}

/** A customer profile in the unified shape (every entry but Spree's). */
export interface UnifiedCustomer<A = UnifiedAddress> {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  full_name: string;
  phone: string | null;
  accepts_email_marketing: boolean;
  /** `YYYY-MM-DD`. */
  date_of_birth: string | null;
  gender: Gender | null;
  salutation: Salutation | null;
  addresses: Array<A>;
  default_billing_address: A | null;
  default_shipping_address: A | null;
}

/** Address fields for create, in the unified shape; `update` takes any of them. */
export interface UnifiedAddressParams {
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
  /** Region code, where the country has regions (e.g., "NY") */
  state_abbr?: string;
  /** Free-text region name */
  state_name?: string;
  salutation?: Salutation;
  is_default_billing?: boolean;
  is_default_shipping?: boolean;
}

/** A registration in the unified shape. */
export interface UnifiedRegisterParams {
  email: string;
  password: string;
  /** Checked by the server when given. */
  password_confirmation?: string;
  first_name: string;
  last_name: string;
  phone?: string;
  accepts_email_marketing?: boolean;
  /** `YYYY-MM-DD`. */
  date_of_birth?: string;
  gender?: Gender;
  salutation?: Salutation;
}

/** A partial profile update in the unified shape. */
export interface UnifiedCustomerUpdateParams {
  first_name?: string;
  last_name?: string;
  phone?: string;
  accepts_email_marketing?: boolean;
  /** `YYYY-MM-DD`. */
  date_of_birth?: string;
  gender?: Gender;
  salutation?: Salutation;
  email?: string;
  password?: string;
  password_confirmation?: string;
  /** Required when changing email or password */
  current_password?: string;
}

/** The held session. */
export interface AuthSessionOf<C, Expiry extends number | null = number> {
  token: string;
  /** The refresh token, while the session can be renewed (never on backends without refresh). */
  refresh_token: string | null;
  /** When the access token expires, in Unix seconds. */
  expires_at: Expiry;
  /** The customer, once the client has seen the profile (login and registration read it). */
  user: C | null;
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
  error?: StorefrontError;
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
export type AuthChangeCallbackOf<S> = (
  event: AuthChangeEvent,
  session: S | null,
  detail: AuthChangeDetail | undefined,
) => void;

/** What differs between the entries' clients. */
export interface EntryTypes {
  /** What `auth.login` resolves. */
  Tokens: AuthTokens;
  Customer: object;
  Address: object;
  AddressParams: object;
  RegisterParams: object;
  CustomerUpdateParams: object;
  /** What `customers.create` resolves. */
  Registration: AuthTokens | Registration;
  /** What `passwordResets.update` takes besides the token. */
  ResetParams: ResetPasswordParams;
  /** What `passwordResets.update` resolves. */
  ResetResult: AuthTokens | null;
  /** What `auth.refresh` resolves (`never` where the backend has no refresh). */
  Refreshed: AuthTokens;
  /** The optional first argument of `auth.refresh` and `auth.logout`. */
  TokenParams: object;
  /** What `customer.addresses.list` resolves. */
  AddressPage: object;
  Session: object;
}

/** A client that holds the session: calls need no token argument. */
export interface ClientOf<T extends EntryTypes> {
  readonly customers: {
    /**
     * Register a new customer account and sign in (`SIGNED_IN`): with the
     * tokens of the registration, or by logging in with the same
     * credentials where the backend issues none.
     */
    create: (params: T['RegisterParams'], options?: RequestOptions) => Promise<T['Registration']>;
  };
  readonly auth: {
    /**
     * Login with email and password; signs in (`SIGNED_IN`). Takes the
     * entry's `Credentials` where it declares them (Spree's admit provider
     * logins, which reject), else `LoginCredentials`.
     */
    login: (
      credentials: T extends { Credentials: infer C } ? C : LoginCredentials,
      options?: RequestOptions,
    ) => Promise<T['Tokens']>;
    /**
     * Refresh the held session now (no argument), or exchange an explicit
     * refresh token, leaving the held session alone. Rejects with code
     * `unsupported` on backends without refresh.
     */
    refresh: (params?: T['TokenParams'], options?: RequestOptions) => Promise<T['Refreshed']>;
    /**
     * Sign out of the held session (no arguments; ends it locally at once
     * and revokes it on the server in the background), or revoke an explicit
     * session on the server only (`params.refresh_token` on Spree,
     * `options.token` elsewhere), leaving the held one alone.
     */
    logout: (params?: T['TokenParams'], options?: RequestOptions) => Promise<void>;
  };
  readonly passwordResets: {
    /**
     * Request a password reset email; answers the same whether or not the
     * account exists, with the store's confirmation text (`''` if it sent none).
     */
    create: (params: RequestPasswordResetParams, options?: RequestOptions) => Promise<PasswordResetRequested>;
    /** Reset the password with the token from the email. */
    update: (token: string, params: T['ResetParams'], options?: RequestOptions) => Promise<T['ResetResult']>;
  };
  readonly customer: {
    /** Get current customer profile */
    get: (options?: RequestOptions) => Promise<T['Customer']>;
    /** Update current customer profile */
    update: (params: T['CustomerUpdateParams'], options?: RequestOptions) => Promise<T['Customer']>;
    readonly addresses: {
      list: (params?: ListParams, options?: RequestOptions) => Promise<T['AddressPage']>;
      get: (id: string, options?: RequestOptions) => Promise<T['Address']>;
      create: (params: T['AddressParams'], options?: RequestOptions) => Promise<T['Address']>;
      update: (id: string, params: Partial<T['AddressParams']>, options?: RequestOptions) => Promise<T['Address']>;
      delete: (id: string, options?: RequestOptions) => Promise<void>;
    };
  };
  /** Subscribe to session changes; returns the unsubscribe function. */
  onAuthStateChange(callback: AuthChangeCallbackOf<T['Session']>): () => void;
  /** The session, refreshed first if its token has expired; `null` when signed out. */
  getSession(): Promise<T['Session'] | null>;
  /** A fresh access token for your own calls to the store; `null` when signed out. */
  getAccessToken(): Promise<string | null>;
  /**
   * Adopt a session made elsewhere, e.g. on the server from a cookie: the
   * profile is read with `token` (which checks it), then the session is held
   * and stored, and `SIGNED_IN` is emitted. An access token that has expired
   * is first renewed with `refresh_token` (on backends with refresh). Rejects
   * (holding nothing) when the token is refused and cannot be renewed.
   */
  setSession(session: SessionTokens, options?: Pick<RequestOptions, 'signal'>): Promise<T['Tokens']>;
  /**
   * Ends subscriptions and cross-tab listeners (hot reload, unmount); later
   * calls reject with code `client_disposed`.
   */
  dispose(): void;
}
