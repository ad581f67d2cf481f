// Types of `storefront-accounts/spryker`: Spryker Glue Storefront API
// (JSON:API). The unified shapes, with Spryker's own fields beside them.

import type {
  AuthSessionOf,
  AuthChangeCallbackOf,
  AuthTokens as SharedAuthTokens,
  ClientOf,
  CommonConfig,
  ListResponse,
  Registration as SharedRegistration,
  UnifiedAddress,
  UnifiedAddressParams,
  UnifiedCustomer,
  UnifiedCustomerUpdateParams,
  UnifiedRegisterParams,
  Salutation,
  ResetPasswordParams,
} from '../shared.js';

export { StorefrontError, StorefrontError as SpreeError } from '../errors.js';
export type { StorefrontErrorCode, StorefrontErrorJSON, StorefrontErrorOptions } from '../errors.js';
export type {
  AuthChangeDetail,
  AuthChangeEvent,
  AuthUser,
  ConfirmationRequired,
  CustomStorage,
  EmailPasswordLogin,
  Gender,
  ListParams,
  ListResponse,
  LoginCredentials,
  PaginationMeta,
  PasswordResetRequested,
  RequestOptions,
  RetryConfig,
  RequestPasswordResetParams,
  ResetPasswordParams,
  Salutation,
  SessionTokens,
  SignOutReason,
} from '../shared.js';

/** The version of the package. */
export declare function version(): string;

/** Spryker needs no setting beyond the common ones. */
export interface ClientConfig extends CommonConfig {}

/** A new session; Spryker always issues a refresh token. */
export interface AuthTokens extends SharedAuthTokens {
  refresh_token: string;
}

/** Signed in, or `ConfirmationRequired` where the store confirms emails first. */
export type Registration = AuthTokens | Exclude<SharedRegistration, SharedAuthTokens>;

/**
 * A registration: Spryker requires a salutation, a gender (`'male'` or
 * `'female'`) and the acceptance of the store's terms, and stores no
 * marketing consent. Its default password policy wants 12 characters or more.
 */
export interface RegisterParams extends Omit<UnifiedRegisterParams, 'accepts_email_marketing' | 'gender' | 'salutation'> {
  salutation: Salutation;
  gender: 'male' | 'female';
  /** Must be `true`: Spryker refuses the registration otherwise (`validation_error` on `accepted_terms`). */
  accepted_terms: boolean;
}

/** A partial profile update; Spryker stores no marketing consent. */
export interface CustomerUpdateParams extends Omit<UnifiedCustomerUpdateParams, 'accepts_email_marketing' | 'gender'> {
  gender?: 'male' | 'female';
}

export type AddressParams = UnifiedAddressParams;

/**
 * An address-book entry: the unified fields, then Spryker's own. The unified
 * `address1` is the street and the house number joined by a space, `address2`
 * is Spryker's `address3`.
 */
export interface Address extends UnifiedAddress {
  /** Spryker's `address1` as stored: the street. */
  street: string | null;
  /** Spryker's `address2` as stored: the house number. */
  house_number: string | null;
  /** An addition to the address. */
  address3: string | null;
  /** Delivery instructions. */
  comment: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/** A customer profile: the unified fields, then Spryker's own. */
export interface Customer extends UnifiedCustomer<Address> {
  created_at: string | null;
  updated_at: string | null;
  anonymized_at: string | null;
}

/** The held session (an 8-hour access token, renewed with the refresh token). */
export type AuthSession = AuthSessionOf<Customer>;

export type AuthChangeCallback = AuthChangeCallbackOf<AuthSession>;

/** A client that holds the session: calls need no token argument. */
export type Client = ClientOf<{
  Tokens: AuthTokens;
  Customer: Customer;
  Address: Address;
  AddressParams: AddressParams;
  RegisterParams: RegisterParams;
  CustomerUpdateParams: CustomerUpdateParams;
  Registration: Registration;
  ResetParams: ResetPasswordParams;
  /** Spryker issues no session on reset: log in with the new password. */
  ResetResult: null;
  Refreshed: AuthTokens;
  TokenParams: { refresh_token: string };
  /** The whole address book at once (no `meta`). */
  AddressPage: ListResponse<Address>;
  Session: AuthSession;
}>;

/** Creates a client. Synchronous; touches no storage and no network. */
export declare function createClient(config: ClientConfig): Client;
