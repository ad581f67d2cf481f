// Types of `storefront-accounts/magento-graphql`: Magento 2 / Adobe Commerce
// GraphQL (`POST /graphql`). The unified shapes, with Magento's own fields
// beside them.

import type {
  AuthSessionOf,
  AuthChangeCallbackOf,
  AuthTokens,
  ClientOf,
  CommonConfig,
  ListResponse,
  Registration,
  ResetPasswordParams,
  UnifiedAddress,
  UnifiedAddressParams,
  UnifiedCustomer,
  UnifiedCustomerUpdateParams,
  UnifiedRegisterParams,
} from '../shared.js';

export { StorefrontError, StorefrontError as SpreeError } from '../errors.js';
export type { StorefrontErrorCode, StorefrontErrorJSON, StorefrontErrorOptions } from '../errors.js';
export type {
  AuthChangeDetail,
  AuthChangeEvent,
  AuthTokens,
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
  Registration,
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
  /** The store view's code, sent as the `Store` header. Default: the store's default view. */
  storeCode?: string;
  /**
   * The Magento release: `'2.4.9'` uses the address `uid`s and the V2 address
   * mutations, `'2.4.8'` (the default) the integer ids.
   */
  serverVersion?: '2.4.8' | '2.4.9';
}

export type RegisterParams = UnifiedRegisterParams;
export type CustomerUpdateParams = UnifiedCustomerUpdateParams;
export type AddressParams = UnifiedAddressParams;

/** Completing a reset on Magento GraphQL needs the account's email. */
export interface ResetParams extends ResetPasswordParams {
  email: string;
}

/** An address-book entry: the unified fields, then Magento's own. */
export interface Address extends UnifiedAddress {
  /** The integer id (the `id` on 2.4.8; deprecated on 2.4.9). */
  address_id: number | null;
  /** The base64 `uid` (2.4.9 only, where it is the `id`). */
  uid: string | null;
  /** Every street line (`address1` is the first, `address2` the rest joined by a newline). */
  street: string[];
  /** The region's numeric id (0 where the country has no regions). */
  region_id: number | null;
  vat_id: string | null;
}

/** A customer profile: the unified fields, then Magento's own. */
export interface Customer extends UnifiedCustomer<Address> {
  middlename: string | null;
  suffix: string | null;
  /** `Y-m-d H:i:s`, UTC. */
  created_at: string | null;
  /** `ACCOUNT_CONFIRMED`, `ACCOUNT_CONFIRMATION_NOT_REQUIRED`, … as the server sent it. */
  confirmation_status: string | null;
}

/** The held session; Magento tokens always expire (no refresh: sign in again). */
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
  /** Signed in, or `ConfirmationRequired` where the store confirms emails first. */
  Registration: Registration;
  ResetParams: ResetParams;
  /** Magento issues no session on reset: log in with the new password. */
  ResetResult: null;
  /** Magento has no refresh: `auth.refresh` rejects with code `unsupported`. */
  Refreshed: never;
  TokenParams: Record<string, never>;
  /** The whole address book at once (no `meta`). */
  AddressPage: ListResponse<Address>;
  Session: AuthSession;
}>;

/** Creates a client. Synchronous; touches no storage and no network. */
export declare function createClient(config: ClientConfig): Client;
