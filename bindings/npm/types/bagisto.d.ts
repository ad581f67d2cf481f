// Types of `storefront-accounts/bagisto`: Bagisto's shop API (`/api/shop`,
// Sanctum tokens). The unified shapes, with Bagisto's own fields beside them.

import type {
  AuthSessionOf,
  AuthChangeCallbackOf,
  AuthTokens,
  ClientOf,
  CommonConfig,
  ListResponse,
  UnifiedAddress,
  UnifiedAddressParams,
  UnifiedCustomer,
  UnifiedCustomerUpdateParams,
  UnifiedRegisterParams,
  ResetPasswordParams,
} from '../shared.js';

export { StorefrontError, StorefrontError as SpreeError } from '../errors.js';
export type { StorefrontErrorCode, StorefrontErrorJSON, StorefrontErrorOptions } from '../errors.js';
export type {
  AuthChangeDetail,
  AuthChangeEvent,
  AuthTokens,
  AuthUser,
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

export interface ClientConfig extends CommonConfig {
  /** The storefront key, sent as `X-STOREFRONT-KEY`. */
  publishableKey: string;
}

export type RegisterParams = UnifiedRegisterParams;
export type CustomerUpdateParams = UnifiedCustomerUpdateParams;
export type AddressParams = UnifiedAddressParams;

/** An address-book entry: the unified fields, then Bagisto's own. */
export interface Address extends UnifiedAddress {
  email: string | null;
  vat_id: string | null;
  /** `customer` for address-book entries. */
  address_type: string | null;
  use_for_shipping: boolean | null;
  /** ISO 8601. */
  created_at: string | null;
  /** ISO 8601. */
  updated_at: string | null;
}

/** A customer profile: the unified fields, then Bagisto's own. */
export interface Customer extends UnifiedCustomer<Address> {
  /** 1 active, 0 inactive. */
  status: number | null;
  is_verified: boolean | null;
  is_suspended: boolean | null;
  customer_group_id: number | null;
  channel_id: number | null;
  /** The profile image's URL. */
  image: string | null;
}

/** The held session: a Sanctum token that never expires (`expires_at` is `null`); it lasts until logout or a 401. */
export type AuthSession = AuthSessionOf<Customer, null>;

export type AuthChangeCallback = AuthChangeCallbackOf<AuthSession>;

/** A client that holds the session: calls need no token argument. */
export type Client = ClientOf<{
  Tokens: AuthTokens;
  Customer: Customer;
  Address: Address;
  AddressParams: AddressParams;
  RegisterParams: RegisterParams;
  CustomerUpdateParams: CustomerUpdateParams;
  /** Bagisto signs every registration in. */
  Registration: AuthTokens;
  ResetParams: ResetPasswordParams;
  /** Bagisto completes resets on its web page only: `passwordResets.update` rejects with code `unsupported`. */
  ResetResult: never;
  /** Bagisto has no refresh: `auth.refresh` rejects with code `unsupported`. */
  Refreshed: never;
  TokenParams: Record<string, never>;
  /** The whole address book at once (no `meta`). */
  AddressPage: ListResponse<Address>;
  Session: AuthSession;
}>;

/** Creates a client. Synchronous; touches no storage and no network. */
export declare function createClient(config: ClientConfig): Client;
